package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * --limit-rate and --checksum against nginx (the kernel's TCP) in the test network. The rate is asserted through
 * what TCP did, not through the clock: the window line of -v, and --stats saying the reads were held back and
 * the window closed. How long it takes is measured by hand (README).
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BodyOptionsEndToEndTest {
    private static final long TEN_MIB = 10L << 20;
    private static final String TEXT = "a text body for -O -\n".repeat(500);

    @RegisterExtension
    static final NetworkFixture<TestNetwork> fixture = NetworkFixture.testNetwork("body", docroot -> {
        TestFiles.random(docroot.resolve("ten.bin"), TEN_MIB, 7);
        TestFiles.random(docroot.resolve("file.bin"), 300_000, 8);
        Files.writeString(docroot.resolve("text.txt"), TEXT, StandardCharsets.US_ASCII);
    });

    private CommandResult rawhttpget(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-i", fixture.net().onLinkInterface()));
        all.addAll(Arrays.asList(args));
        return Rawhttpget.run(fixture.net(), fixture.work(), all.toArray(String[]::new));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> listing = Files.list(fixture.work())) {
            return listing.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void limitRateHoldsNginxToTheRateThroughTheReceiveWindow() throws Exception {
        CommandResult r = rawhttpget("--limit-rate=2m", "-v", "--stats", "http://files.test/ten.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(Sha256.of(fixture.work().resolve("ten.bin"))).isEqualTo(Sha256.of(fixture.docroot().resolve("ten.bin")));
        assertThat(r.stderr()).contains("--limit-rate: reading at most 2097152 bytes/s; the receive window (at most"
                + " 524288 bytes) holds the server to that rate");
        // nginx was flow-controlled: reads were held back with bytes waiting, and the window we advertised shut.
        assertThat(number(r.stderr(), "reads paced to 2097152 bytes/s \\(--limit-rate\\), so the window limited the"
                + " server: windows advertised 0-\\d+ bytes, (\\d+) reads held back")).as(r.describe()).isGreaterThan(50);
        assertThat(number(r.stderr(), "(\\d+) times our window closed to zero")).as(r.describe()).isPositive();
        assertThat(number(r.stderr(), "largest window advertised (\\d+) bytes")).isLessThanOrEqualTo(524288 + 128);
    }

    @Test
    void theRightChecksumSavesAndTheWrongOneExits7LeavingNoFile() throws Exception {
        String sha256 = Sha256.of(fixture.docroot().resolve("file.bin"));
        CommandResult right = rawhttpget("--checksum=sha-256=" + sha256, "http://files.test/file.bin");
        assertThat(right.exitCode()).as(right.describe()).isZero();
        assertThat(files()).containsExactly("file.bin");
        assertThat(Sha256.of(fixture.work().resolve("file.bin"))).isEqualTo(sha256);
        Files.delete(fixture.work().resolve("file.bin"));

        String wrong = "0".repeat(64);
        CommandResult mismatch = rawhttpget("--checksum=sha-256=" + wrong, "http://files.test/file.bin");

        assertThat(mismatch.exitCode()).as(mismatch.describe()).isEqualTo(7);
        assertThat(mismatch.stderr()).endsWith("rawhttpget: sha-256 checksum mismatch: expected " + wrong + ", got "
                + sha256 + "; 'file.bin.part' deleted\n");
        assertThat(files()).isEmpty();
    }

    @Test
    void toStandardOutputTheBodyIsCheckedAtItsEnd() throws Exception {
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(TEXT.getBytes(StandardCharsets.US_ASCII)));
        CommandResult right = rawhttpget("-q", "-O", "-", "--checksum=md5=" + md5, "http://files.test/text.txt");
        assertThat(right.exitCode()).as(right.describe()).isZero();
        assertThat(right.stdout()).isEqualTo(TEXT);

        CommandResult wrong = rawhttpget("-q", "-O", "-", "--checksum=md5=" + "f".repeat(32), "http://files.test/text.txt");
        assertThat(wrong.exitCode()).as(wrong.describe()).isEqualTo(7);
        assertThat(wrong.stdout()).isEqualTo(TEXT);
        assertThat(wrong.stderr()).isEqualTo("rawhttpget: md5 checksum mismatch: expected " + "f".repeat(32) + ", got "
                + md5 + "\n");
        assertThat(files()).isEmpty();
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in:\n%s", regex, text).isTrue();
        return Long.parseLong(m.group(1));
    }
}
