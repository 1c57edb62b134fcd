package rawhttpget.tls;

import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLException;

/**
 * The in-memory TLS server of this package's tests ({@link ServerEnd} with a {@link TestPki} certificate), for
 * tests in other packages that run TLS inside something else (a proxy's tunnel): ciphertext in, ciphertext out.
 */
public final class TlsTestServer {
    private final TestPki.Issued ca;
    private final ServerEnd server;

    private TlsTestServer(TestPki.Issued ca, ServerEnd server) {
        this.ca = ca;
        this.server = server;
    }

    /** A server presenting a certificate for {@code dnsNames}, issued by a CA of its own. */
    public static TlsTestServer withCertificateFor(List<String> dnsNames) throws GeneralSecurityException {
        TestPki.Issued ca = TestPki.ca("proxy test CA");
        TestPki.Issued identity = TestPki.server(ca, dnsNames.get(0), dnsNames, List.of());
        return new TlsTestServer(ca, new ServerEnd(ServerEnd.context(identity, ca.certificate())));
    }

    /** The CA's certificate as PEM, for --ca-certificate. */
    public String caPem() throws GeneralSecurityException {
        return TestPki.pem(ca.certificate());
    }

    public void receive(byte[] ciphertext) throws SSLException {
        server.receive(ciphertext);
    }

    public byte[] takeCiphertext() {
        return server.takeCiphertext();
    }

    public byte[] takePlaintext() {
        return server.takePlaintext();
    }

    public void send(byte[] plaintext) throws SSLException {
        server.send(plaintext);
    }

    public void closeOutbound() throws SSLException {
        server.closeOutbound();
    }

    /** The host names the ClientHello asked for (SNI); empty before it came or without SNI. */
    public List<String> requestedHostNames() {
        List<SNIServerName> names = server.requestedServerNames();
        return names == null ? List.of() : names.stream().filter(n -> n instanceof SNIHostName)
                .map(n -> ((SNIHostName) n).getAsciiName()).toList();
    }

    /** Why the server gave up, or null. */
    public SSLException failure() {
        return server.failure();
    }
}
