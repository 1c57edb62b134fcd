package rawhttpget.tls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static rawhttpget.tls.Fixture.HOST;
import static rawhttpget.tls.Fixture.REQUEST;
import static rawhttpget.tls.Fixture.connect;
import static rawhttpget.tls.Fixture.randomBytes;

/** Application data through TlsClient arrives byte for byte, in any amount and however TCP cuts it. */
class TlsClientDataTest {
    /** Every size up to this one; beyond it, sizes a prime stride apart up to past the longest flight. */
    static final int EVERY_SIZE_UP_TO = 128;
    static final int STRIDE = 29;
    /** More than everything the server sends in the exchange (about 2.2 KB with its session ticket). */
    static final int LARGEST_FRAGMENT = 2600;

    @TempDir
    static Path dir;
    static TlsSettings trusting;

    @BeforeAll
    static void makeSettings() throws Exception {
        trusting = Fixture.trusting(dir);
    }

    @Test
    void tenMegabytesFromTheServerArriveExactly() throws Exception {
        byte[] body = randomBytes(10 * 1024 * 1024, 1);
        Exchange x = connect(HOST, trusting, 1460);
        x.server.send(body);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] down = x.server.takeCiphertext();
        // TCP hands over what has arrived in runs of various sizes; 1460 is one segment, 65536 a full window.
        int[] runs = {1460, 1, 65536, 7, 16384, 16421, 3000};
        int off = 0;
        for (int i = 0; off < down.length; i++) {
            int n = Math.min(runs[i % runs.length], down.length - off);
            x.client.receive(down, off, n);
            x.client.drainPlaintext(got::write);
            off += n;
        }
        assertThat(got.toByteArray()).isEqualTo(body);
        assertThat(x.client.hasCiphertext()).as("nothing to say back").isFalse();
    }

    /**
     * A kept-alive connection: nothing follows the response, so every record that has arrived must come out at once,
     * without waiting for more input (an engine left with too little room keeps plaintext of its own until it is
     * called again).
     */
    @Test
    void manyRecordsArrivingTogetherComeOutWholeWithNothingAfterThem() throws Exception {
        for (int size : new int[] {200_000, 207_919, 16_384 * 3 + 5}) {
            // TCP hands over segments of 1448 bytes in batches of 1 to 40 before the plaintext is taken.
            for (int batch : new int[] {1, 2, 3, 7, 12, 25, 40, 1000}) {
                byte[] body = randomBytes(size, 3);
                Exchange x = connect(HOST, trusting, 1460);
                x.server.send(body);
                byte[] down = x.server.takeCiphertext();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                int segments = 0;
                for (int off = 0; off < down.length; off += 1448) {
                    x.client.receive(down, off, Math.min(1448, down.length - off));
                    if (++segments % batch == 0) {
                        x.client.drainPlaintext(got::write);
                    }
                }
                x.client.drainPlaintext(got::write);
                assertThat(got.size()).as("plaintext of %d bytes, segments taken %d at a time", size, batch)
                        .isEqualTo(size);
                assertThat(got.toByteArray()).isEqualTo(body);
            }
        }
    }

    @Test
    void tenMegabytesToTheServerArriveExactly() throws Exception {
        byte[] upload = randomBytes(10 * 1024 * 1024, 2);
        Exchange x = connect(HOST, trusting);
        x.client.write(upload, 0, upload.length);
        x.settle();
        assertThat(x.server.takePlaintext()).isEqualTo(upload);
    }

    @Test
    void manySmallWritesArriveInOrder() throws Exception {
        Exchange x = connect(HOST, trusting);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (int i = 0; i < 1000; i++) {
            byte[] piece = ("line " + i + "\n").getBytes(StandardCharsets.US_ASCII);
            x.client.write(piece, 0, piece.length);
            sent.writeBytes(piece);
        }
        x.settle();
        assertThat(x.server.takePlaintext()).isEqualTo(sent.toByteArray());
    }

    /**
     * A whole short exchange (handshake, request, response, close_notify) with the server's bytes given to the
     * client in pieces of n bytes: every n up to 128, so that record and handshake-message boundaries fall at
     * every offset of a small receive call, then sizes 29 apart up to beyond all the server sends (every size to
     * the end would be 2600 full handshakes, too slow for the unit suite on two shared cores).
     */
    @Test
    void shortExchangeSurvivesEveryFragmentSize() throws Exception {
        byte[] response = "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world".getBytes(StandardCharsets.US_ASCII);
        long largestFlight = 0;
        for (int n = 1; n <= LARGEST_FRAGMENT; n += n < EVERY_SIZE_UP_TO ? 1 : STRIDE) {
            Exchange x = connect(HOST, trusting, n);
            assertThat(x.client.isHandshakeComplete()).as("handshake, fragment %d", n).isTrue();
            x.client.write(REQUEST, 0, REQUEST.length);
            x.settle();
            assertThat(x.server.takePlaintext()).as("request, fragment %d", n).isEqualTo(REQUEST);
            x.server.send(response);
            x.server.closeOutbound();
            x.settle();
            assertThat(x.takeClientPlaintext()).as("response, fragment %d", n).isEqualTo(response);
            assertThat(x.client.isCloseNotifyReceived()).as("close_notify, fragment %d", n).isTrue();
            assertThat(x.client.isReceiveFinished()).isTrue();
            largestFlight = Math.max(largestFlight, x.bytesToClient());
        }
        assertThat(largestFlight).as("the largest pieces hold all the server sent").isLessThan(LARGEST_FRAGMENT);
    }
}
