package rawhttpget.tls;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SNIHostName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rawhttpget.tls.Fixture.HOST;
import static rawhttpget.tls.Fixture.IP;
import static rawhttpget.tls.Fixture.REQUEST;
import static rawhttpget.tls.Fixture.connect;
import static rawhttpget.tls.Fixture.newServer;

/**
 * TlsClient's handshake against an in-memory SSLEngine server with certificates the test makes: what is
 * negotiated, SNI, the certificate and host name checks and their one-line messages, insecure mode. Bytes are
 * carried by hand (see {@link Exchange}); no socket, no thread, no sleep.
 */
class TlsClientTest {
    @TempDir
    static Path dir;
    static TlsSettings trusting;
    static TlsSettings jdkDefaults;
    static TlsSettings insecure;

    @BeforeAll
    static void makeSettings() throws Exception {
        trusting = Fixture.trusting(dir);
        jdkDefaults = TlsSettings.defaults();
        insecure = TlsSettings.insecure();
    }

    @Test
    void handshakeCompletesAndBytesRoundTripExactly() throws Exception {
        Exchange x = connect(HOST, trusting);
        assertThat(x.client.isHandshakeComplete()).isTrue();

        x.client.write(REQUEST, 0, REQUEST.length);
        x.settle();
        assertThat(x.server.takePlaintext()).isEqualTo(REQUEST);

        byte[] response = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII);
        x.server.send(response);
        x.settle();
        assertThat(x.takeClientPlaintext()).isEqualTo(response);
    }

    @Test
    void sessionInfoNamesProtocolSuiteAndCertificate() throws Exception {
        Exchange x = connect(HOST, trusting);
        TlsSessionInfo info = x.client.sessionInfo().orElseThrow();
        assertThat(info.protocol()).isEqualTo("TLSv1.3");
        assertThat(info.cipherSuite()).startsWith("TLS_");
        assertThat(info.peerSubject()).isEqualTo("CN=files.test");
        assertThat(info.peerIssuer()).isEqualTo("CN=rawhttpget test CA");
        assertThat(info.verified()).isTrue();
        assertThat(info.toString()).isEqualTo("TLSv1.3 " + info.cipherSuite()
                + ", server certificate CN=files.test issued by CN=rawhttpget test CA");
    }

    @Test
    void noSessionInfoBeforeTheHandshake() throws Exception {
        TlsClient client = Fixture.newClient(HOST, trusting);
        assertThat(client.isHandshakeComplete()).isFalse();
        assertThat(client.sessionInfo()).isEmpty();
        assertThat(client.hasCiphertext()).as("the ClientHello").isTrue();
    }

    @Test
    void secondConnectionToTheSameServerResumesTheSession() throws Exception {
        TlsSettings settings = Fixture.trusting(dir);
        Exchange full = new Exchange(TlsClient.create(HOST, 443, settings), newServer()).settle();
        Exchange resumed = new Exchange(TlsClient.create(HOST, 443, settings), newServer()).settle();
        // No certificate in the resumed flight: the session was verified for this host by the full handshake.
        assertThat(resumed.bytesToClient()).isLessThan(full.bytesToClient() - 500);
        resumed.client.write(REQUEST, 0, REQUEST.length);
        resumed.settle();
        assertThat(resumed.server.takePlaintext()).isEqualTo(REQUEST);
        assertThat(resumed.client.sessionInfo().orElseThrow().peerSubject()).isEqualTo("CN=files.test");
    }

    @Test
    void tls12IsAcceptedWhenTheServerOffersNothingNewer() throws Exception {
        Exchange x = new Exchange(Fixture.newClient(HOST, trusting), newServer("TLSv1.2")).settle();
        assertThat(x.client.sessionInfo().orElseThrow().protocol()).isEqualTo("TLSv1.2");
        x.client.write(REQUEST, 0, REQUEST.length);
        x.settle();
        assertThat(x.server.takePlaintext()).isEqualTo(REQUEST);
    }

    @Test
    void serverThatDemandsAClientCertificateFailsTheHandshakeWithItsAlert() throws Exception {
        ServerEnd strict = newServer("TLSv1.2");
        strict.engine().setNeedClientAuth(true);
        Exchange x = new Exchange(Fixture.newClient(HOST, trusting), strict);
        assertThatThrownBy(x::settle)
                .isInstanceOf(TlsException.class)
                .hasMessage("handshake with files.test failed: Received fatal alert: bad_certificate");
    }

    @Test
    void serverClosingDuringTheHandshakeIsAFailure() throws Exception {
        // A server with nothing but TLS 1.1 cannot agree with us and closes without a word.
        Exchange x = new Exchange(Fixture.newClient(HOST, trusting), newServer("TLSv1.1")).settle();
        assertThat(x.server.failure()).isNotNull();
        assertThatThrownBy(x.client::endOfStream)
                .isInstanceOf(TlsException.class)
                .hasMessage("handshake with files.test failed: the server closed the connection during the handshake");
    }

    @Test
    void rejectedCertificateIsExplainedToTheServerWithAnAlert() throws Exception {
        Exchange x = new Exchange(Fixture.newClient(HOST, jdkDefaults), newServer());
        assertThatThrownBy(x::settle).isInstanceOf(TlsException.class);
        x.server.receive(x.clientCiphertext());
        assertThat(x.server.failure()).hasMessage("Received fatal alert: certificate_unknown");
    }

    @Test
    void requestWrittenBeforeTheHandshakeIsSentAfterIt() throws Exception {
        TlsClient client = Fixture.newClient(HOST, trusting);
        client.write(REQUEST, 0, REQUEST.length);
        Exchange x = new Exchange(client, newServer()).settle();
        assertThat(x.server.takePlaintext()).isEqualTo(REQUEST);
    }

    @Test
    void sniCarriesTheHostName() throws Exception {
        Exchange x = connect(HOST, trusting);
        assertThat(x.server.requestedServerNames()).containsExactly(new SNIHostName(HOST));
    }

    @Test
    void ipv4LiteralIsCheckedAgainstTheIpAddressNameAndSendsNoSni() throws Exception {
        Exchange x = connect(IP, trusting);
        assertThat(x.client.isHandshakeComplete()).isTrue();
        assertThat(x.server.requestedServerNames()).isEmpty();
    }

    @Test
    void trailingDotIsTheSameHost() throws Exception {
        Exchange x = connect(HOST + ".", trusting);
        assertThat(x.client.isHandshakeComplete()).isTrue();
        assertThat(x.server.requestedServerNames()).containsExactly(new SNIHostName(HOST));
    }

    @Test
    void certificateFromAnUnknownCaIsRejectedWithTheReason() throws Exception {
        assertThatThrownBy(() -> connect(HOST, jdkDefaults))
                .isInstanceOf(TlsException.class)
                .hasMessage("certificate for files.test is not trusted: PKIX path building failed: "
                        + "unable to find valid certification path to requested target");
    }

    @Test
    void wrongHostNameIsRejectedListingTheCertificatesNames() throws Exception {
        assertThatThrownBy(() -> connect("wrong.test", trusting))
                .isInstanceOf(TlsException.class)
                .hasMessage("host name wrong.test does not match the certificate (files.test, 198.18.1.1)");
    }

    @Test
    void wrongIpAddressIsRejected() throws Exception {
        assertThatThrownBy(() -> connect("198.18.1.9", trusting))
                .isInstanceOf(TlsException.class)
                .hasMessage("host name 198.18.1.9 does not match the certificate (files.test, 198.18.1.1)");
    }

    @Test
    void expiredCertificateIsRejectedWithItsDate() throws Exception {
        Instant now = Instant.now();
        TestPki.Issued expired = TestPki.server(Fixture.CA, HOST, List.of(HOST), List.of(),
                now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(5)));
        Exchange x = new Exchange(Fixture.newClient(HOST, trusting), new ServerEnd(ServerEnd.context(expired, Fixture.CA.certificate())));
        assertThatThrownBy(x::settle)
                .isInstanceOf(TlsException.class)
                .hasMessageStartingWith("certificate for files.test is not trusted: PKIX path validation failed: "
                        + "validity check failed: NotAfter: ");
    }

    @Test
    void insecureSettingsAcceptAnUntrustedCertificateAndAWrongName() throws Exception {
        Exchange x = connect("wrong.test", insecure);
        assertThat(x.client.isHandshakeComplete()).isTrue();
        assertThat(x.client.sessionInfo().orElseThrow().verified()).isFalse();
        x.client.write(REQUEST, 0, REQUEST.length);
        x.settle();
        assertThat(x.server.takePlaintext()).isEqualTo(REQUEST);
    }

    @Test
    void afterAFailureEveryCallThrowsTheSameException() throws Exception {
        TlsClient client = Fixture.newClient(HOST, jdkDefaults);
        Exchange x = new Exchange(client, newServer());
        TlsException first = org.junit.jupiter.api.Assertions.assertThrows(TlsException.class, x::settle);
        assertThat(client.failure()).contains(first);
        assertThatThrownBy(() -> client.receive(new byte[1], 0, 1)).isSameAs(first);
        assertThatThrownBy(() -> client.write(REQUEST, 0, 1)).isSameAs(first);
        assertThatThrownBy(client::endOfStream).isSameAs(first);
    }
}
