package rawhttpget.tls;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/** One test CA and one server certificate for files.test and 198.18.1.1, made once per test JVM. */
final class Fixture {
    static final String HOST = "files.test";
    static final String IP = "198.18.1.1";
    static final byte[] REQUEST = "GET /file HTTP/1.1\r\nHost: files.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    static final TestPki.Issued CA;
    static final TestPki.Issued SERVER;
    /** Building a server SSLContext costs more than a handshake, so the tests share one. */
    static final SSLContext SERVER_CONTEXT;

    static {
        try {
            CA = TestPki.ca("rawhttpget test CA");
            SERVER = TestPki.server(CA, HOST, List.of(HOST), List.of(IP));
            SERVER_CONTEXT = ServerEnd.context(SERVER, CA.certificate());
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The client's SSLContext caches sessions by host and port, and the shared server context accepts their
     * tickets: a second connection to the same port would resume without a certificate. A port per connection
     * keeps every handshake full unless a test wants resumption.
     */
    private static final AtomicInteger PORTS = new AtomicInteger(20000);

    private Fixture() {
    }

    /** Settings that trust the test CA through a PEM file in {@code dir}, as --ca-certificate would. */
    static TlsSettings trusting(Path dir) throws Exception {
        return TlsSettings.withCaCertificates(pemFile(dir, "ca.pem", TestPki.pem(CA.certificate())));
    }

    static Path pemFile(Path dir, String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
    }

    static ServerEnd newServer(String... protocols) throws Exception {
        return new ServerEnd(SERVER_CONTEXT, protocols);
    }

    /** A client on a port of its own, so it cannot resume an earlier test's session. */
    static TlsClient newClient(String host, TlsSettings settings) throws TlsException {
        return TlsClient.create(host, PORTS.incrementAndGet(), settings);
    }

    /** A client and a server with the handshake done (or its failure thrown). */
    static Exchange connect(String host, TlsSettings settings) throws Exception {
        return new Exchange(newClient(host, settings), newServer()).settle();
    }

    static Exchange connect(String host, TlsSettings settings, int fragment) throws Exception {
        return new Exchange(newClient(host, settings), newServer(), fragment).settle();
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
