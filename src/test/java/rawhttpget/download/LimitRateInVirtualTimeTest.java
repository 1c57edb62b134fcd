package rawhttpget.download;

import org.junit.jupiter.api.Test;
import rawhttpget.testing.ScriptedHttpServer.Reply;
import rawhttpget.testing.VirtualNetwork;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * --limit-rate through the whole stack in virtual time: the scripted server sends as fast as our window lets it,
 * and the only thing that slows it is the window, which opens as fast as the paced reads drain the buffer.
 */
class LimitRateInVirtualTimeTest extends VirtualTimeDownloads {
    private static final int MIB = 1 << 20;

    LimitRateInVirtualTimeTest() {
        super("--progress=dot:mega");
    }

    private static byte[] response(int bodyLength) {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Length: " + bodyLength + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + bodyLength);
        out.writeBytes(head);
        out.writeBytes(body(bodyLength));
        return out.toByteArray();
    }

    private static byte[] body(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + (i >>> 11));
        }
        return b;
    }

    /** Runs a download and returns the virtual time it took. */
    private long download(VirtualNetwork network, String... args) throws Exception {
        long start = network.clock.nanos();
        run(network, args);
        return network.clock.nanos() - start;
    }

    @Test
    void tenMebibytesAtTwoMebibytesASecondTakeFiveSecondsOfVirtualTimeByteForByte() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(new Reply(response(10 * MIB), false, false)));

        long took = download(network, "--limit-rate=2m", "--stats", SERVER + "/ten.bin");

        assertThat(Files.readAllBytes(dir.resolve("ten.bin"))).isEqualTo(body(10 * MIB));
        assertThat(took / 1e9).isBetween(4.5, 5.5);
        // The window did it: the reads were held back, and the window closed and opened again and again.
        String said = errText.toString();
        assertThat(said).contains("reads paced to 2097152 bytes/s (--limit-rate)");
        assertThat(number(said, "(\\d+) times our window closed to zero")).isGreaterThan(10);
        assertThat(number(said, "bytes, (\\d+) reads held back with bytes waiting")).isGreaterThan(100);
    }

    @Test
    void withoutALimitTheSameDownloadTakesAlmostNoVirtualTime() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(new Reply(response(10 * MIB), false, false)));

        long took = download(network, SERVER + "/ten.bin");

        assertThat(Files.readAllBytes(dir.resolve("ten.bin"))).isEqualTo(body(10 * MIB));
        assertThat(took / 1e9).isLessThan(0.5);
    }

    @Test
    void aRateBelowOneSegmentASecondStillCompletesAtThatRate() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(new Reply(response(20_000), false, false)));

        long took = download(network, "--limit-rate=1k", "--timeout=600", SERVER + "/small.bin");

        assertThat(Files.readAllBytes(dir.resolve("small.bin"))).isEqualTo(body(20_000));
        // 20 000 body bytes and a 40-byte head at 1024 bytes/s.
        assertThat(took / 1e9).isBetween(19.5 * 0.95, 19.6 * 1.1);
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in:\n%s", regex, text).isTrue();
        return Long.parseLong(m.group(1));
    }
}
