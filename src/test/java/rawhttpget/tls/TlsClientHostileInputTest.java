package rawhttpget.tls;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static rawhttpget.tls.Fixture.HOST;
import static rawhttpget.tls.Fixture.REQUEST;
import static rawhttpget.tls.Fixture.connect;

/**
 * Whatever arrives from the network, TlsClient answers with a TlsException and nothing else: no runtime
 * exception, no hang, no plaintext that was not authenticated.
 */
class TlsClientHostileInputTest {
    @TempDir
    static Path dir;
    static TlsSettings trusting;

    @BeforeAll
    static void makeSettings() throws Exception {
        trusting = Fixture.trusting(dir);
    }

    /** Feeds {@code bytes} then a FIN; returns the TlsException, failing the test on anything else. */
    static TlsException rejection(TlsClient client, byte[] bytes, int fragment) {
        try {
            for (int off = 0; off < bytes.length; off += fragment) {
                client.receive(bytes, off, Math.min(fragment, bytes.length - off));
                client.drainCiphertext((b, o, l) -> { });
                client.drainPlaintext((b, o, l) -> fail("plaintext from garbage: %d bytes", l));
            }
            client.endOfStream();
        } catch (TlsException e) {
            return e;
        }
        return null;
    }

    @Test
    void randomBytesInsteadOfTheServersHelloAreATlsException() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] garbage = new byte[1 + random.nextInt(3000)];
            random.nextBytes(garbage);
            if (i % 2 == 0) {
                // Half of them look like a handshake record, so the engine reads past the header.
                garbage[0] = 22;
                garbage[1] = 3;
                garbage[2] = 3;
            }
            TlsClient client = Fixture.newClient(HOST, trusting);
            TlsException e = rejection(client, garbage, 1 + random.nextInt(2000));
            assertThat(e).as("garbage %d", i).isNotNull();
            assertThat(e.getMessage()).startsWith("handshake with files.test failed: ").doesNotContain("\n");
            assertThat(client.isHandshakeComplete()).isFalse();
        }
    }

    /**
     * One bit flipped in the server's genuine first flight, at every position of its first 160 bytes (record
     * headers, ServerHello) and at every 11th after: the handshake fails with a TlsException, or, where the
     * bit is one TLS ignores, it completes and the data still arrives exactly.
     */
    @Test
    void aFlippedBitInTheServersFlightIsATlsException() throws Exception {
        int failures = 0;
        int tried = 0;
        for (int position = 0; ; position += position < 160 ? 1 : 11) {
            TlsClient client = Fixture.newClient(HOST, trusting);
            ServerEnd server = Fixture.newServer();
            Exchange x = new Exchange(client, server);
            server.receive(x.clientCiphertext());
            byte[] flight = server.takeCiphertext();
            if (position >= flight.length) {
                break;
            }
            tried++;
            flight[position] ^= (byte) (1 << (position % 8));
            try {
                x.deliver(flight);
                x.settle();
                if (!client.isHandshakeComplete()) {
                    // A flipped length leaves the client waiting for bytes that never come; TCP ends with a FIN.
                    client.endOfStream();
                    fail("bit at %d: FIN during the handshake accepted", position);
                }
                client.write(REQUEST, 0, REQUEST.length);
                x.settle();
                assertThat(server.takePlaintext()).as("bit at %d", position).isEqualTo(REQUEST);
            } catch (TlsException e) {
                failures++;
                assertThat(e.getMessage()).doesNotContain("\n");
            }
        }
        assertThat(tried).isGreaterThan(200);
        assertThat(failures).as("flips that broke the handshake, of %d", tried).isGreaterThan(tried * 9 / 10);
    }

    @Test
    void aTamperedRecordAfterTheHandshakeIsATlsException() throws Exception {
        Exchange x = connect(HOST, trusting);
        x.server.send("secret body".getBytes(StandardCharsets.US_ASCII));
        byte[] record = x.server.takeCiphertext();
        record[record.length - 3] ^= 1;
        assertThatThrownBy(() -> x.client.receive(record, 0, record.length))
                .isInstanceOf(TlsException.class)
                .hasMessageStartingWith("TLS connection to files.test failed: ");
        assertThat(x.takeClientPlaintext()).isEmpty();
    }

    @Test
    void randomRecordsAfterTheHandshakeAreATlsException() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 50; i++) {
            Exchange x = connect(HOST, trusting);
            int length = 1 + random.nextInt(16 * 1024 + 256);
            byte[] record = new byte[5 + length];
            random.nextBytes(record);
            record[0] = 23;
            record[1] = 3;
            record[2] = 3;
            record[3] = (byte) (length >> 8);
            record[4] = (byte) length;
            TlsException e = rejection(x.client, record, 1 + random.nextInt(20000));
            assertThat(e).as("record %d", i).isNotNull();
            assertThat(e.getMessage()).startsWith("TLS connection to files.test failed: ").doesNotContain("\n");
        }
    }

    @Test
    void randomBytesAfterTheHandshakeFailOrEndTruncatedButNeverYieldPlaintext() throws Exception {
        Random random = new Random(13);
        int failed = 0;
        for (int i = 0; i < 50; i++) {
            Exchange x = connect(HOST, trusting);
            byte[] garbage = new byte[1 + random.nextInt(40000)];
            random.nextBytes(garbage);
            TlsException e = rejection(x.client, garbage, 1 + random.nextInt(20000));
            if (e != null) {
                failed++;
            } else {
                assertThat(x.client.isTruncated()).as("garbage %d: no failure, so a record was left open", i).isTrue();
            }
        }
        assertThat(failed).isGreaterThan(40);
    }

    @Test
    void aRecordLongerThanTlsAllowsIsATlsException() throws Exception {
        Exchange x = connect(HOST, trusting);
        byte[] header = {23, 3, 3, (byte) 0xff, (byte) 0xff};
        byte[] huge = new byte[header.length + 0xffff];
        System.arraycopy(header, 0, huge, 0, header.length);
        assertThatThrownBy(() -> x.client.receive(huge, 0, huge.length))
                .isInstanceOf(TlsException.class)
                .hasMessageStartingWith("TLS connection to files.test failed: ");
    }
}
