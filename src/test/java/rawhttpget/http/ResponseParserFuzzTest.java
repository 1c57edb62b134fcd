package rawhttpget.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary bytes, cut anywhere, must never make the parser throw anything but HttpProtocolException, nor call the
 * listener out of order. Seeded, so a failure names an input that can be replayed.
 */
class ResponseParserFuzzTest {
    private static final long SEED = 0x5EED_4177_0001L;
    private static final int ITERATIONS = 20_000;

    private static final List<String> VALID = List.of(
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;a=\"b\"\r\nhello\r\n0\r\nX: y\r\n\r\n",
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\n\r\nuntil close",
            "HTTP/1.1 304 Not Modified\r\nContent-Length: 10, 10\r\n\r\n");

    /** Pieces of HTTP syntax, so random inputs reach the states past the status line. */
    private static final List<String> TOKENS = List.of(
            "HTTP/1.1 ", "HTTP/1.0 ", "200", "100", "204", " OK", "\r\n", "\n", "\r", ":", " ", "\t", ";", "=", "\"",
            "\\", ",", "Content-Length", "Transfer-Encoding", "chunked", "identity", "0", "7fffffffffffffff",
            "ffffffffffffffff", "9223372036854775807", "-", "a", "\u0000", "\u00ff");

    @Test
    void randomInputsOnlyEverThrowHttpProtocolException() {
        Random random = new Random(SEED);
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = switch (i % 3) {
                case 0 -> randomBytes(random);
                case 1 -> tokenSoup(random);
                default -> mutate(random, Wire.bytes(VALID.get(random.nextInt(VALID.size()))));
            };
            runOne(input, random, i);
        }
    }

    private static void runOne(byte[] input, Random random, int iteration) {
        RecordingListener listener = new RecordingListener();
        ResponseParser parser = new ResponseParser(listener,
                random.nextInt(8) == 0 ? RequestMethod.HEAD : RequestMethod.GET);
        try {
            for (int off = 0; off < input.length; ) {
                int len = Math.min(input.length - off, 1 + random.nextInt(16));
                parser.feed(input, off, len);
                off += len;
            }
            parser.endOfStream();
            assertThat(listener.completions).isEqualTo(1);
        } catch (HttpProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n", "\r");
            assertThat(listener.completions).isLessThanOrEqualTo(1);
        } catch (RuntimeException | AssertionError e) {
            fail("iteration " + iteration + " input " + Printable.quote(input, 0, input.length) + " threw " + e, e);
        }
        assertThat(listener.orderViolations).as("iteration %d", iteration).isEmpty();
        assertThat(parser.bodyBytes()).isEqualTo(listener.bodyBytes().length);
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] tokenSoup(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Wire.bytes(random.nextBoolean() ? "HTTP/1.1 200 OK\r\n" : ""));
        int count = random.nextInt(60);
        for (int i = 0; i < count; i++) {
            out.writeBytes(Wire.bytes(TOKENS.get(random.nextInt(TOKENS.size()))));
        }
        return out.toByteArray();
    }

    /** A valid response with a few bytes flipped, inserted, removed or the tail cut off. */
    private static byte[] mutate(Random random, byte[] valid) {
        byte[] bytes = valid;
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> {
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = (byte) "\r\n:; 0f\"-".charAt(random.nextInt(9));
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
                case 2 -> {
                    byte[] shorter = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                    bytes = shorter;
                }
                default -> bytes = Arrays.copyOf(bytes, at);
            }
        }
        return bytes;
    }
}
