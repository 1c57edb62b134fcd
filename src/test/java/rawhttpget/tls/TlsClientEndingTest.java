package rawhttpget.tls;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rawhttpget.tls.Fixture.HOST;
import static rawhttpget.tls.Fixture.REQUEST;
import static rawhttpget.tls.Fixture.connect;

/**
 * How a TLS connection ends, as the caller sees it: the server's close_notify (everything arrived) is told
 * apart from a bare TCP FIN (the data may be cut short), and our own close sends a close_notify.
 */
class TlsClientEndingTest {
    static final byte[] BODY = "until-close body".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path dir;
    static TlsSettings trusting;

    @BeforeAll
    static void makeSettings() throws Exception {
        trusting = Fixture.trusting(dir);
    }

    @Test
    void closeNotifyFromTheServerIsACleanEnd() throws Exception {
        Exchange x = connect(HOST, trusting);
        x.server.send(BODY);
        x.server.closeOutbound();
        byte[] down = x.server.takeCiphertext();
        x.client.receive(down, 0, down.length);
        assertThat(x.client.isCloseNotifyReceived()).isTrue();
        assertThat(x.client.isReceiveFinished()).as("plaintext not drained yet").isFalse();
        assertThat(x.takeClientPlaintext()).isEqualTo(BODY);
        assertThat(x.client.isReceiveFinished()).isTrue();
        x.client.endOfStream();
        assertThat(x.client.isTruncated()).isFalse();
        assertThat(x.client.isCloseNotifyReceived()).isTrue();
    }

    @Test
    void finWithoutCloseNotifyIsReportedAsTruncation() throws Exception {
        Exchange x = connect(HOST, trusting);
        x.server.send(BODY);
        byte[] down = x.server.takeCiphertext();
        x.client.receive(down, 0, down.length);
        assertThat(x.client.isReceiveFinished()).isFalse();
        x.client.endOfStream();
        assertThat(x.client.isReceiveFinished()).as("plaintext not drained yet").isFalse();
        assertThat(x.client.isTruncated()).isTrue();
        assertThat(x.client.isCloseNotifyReceived()).isFalse();
        assertThat(x.takeClientPlaintext()).as("what did arrive is still delivered").isEqualTo(BODY);
        assertThat(x.client.isReceiveFinished()).isTrue();
    }

    @Test
    void finInTheMiddleOfARecordIsTruncationAndDeliversNothingOfIt() throws Exception {
        Exchange x = connect(HOST, trusting);
        x.server.send(BODY);
        byte[] record = x.server.takeCiphertext();
        x.client.receive(record, 0, record.length - 1);
        x.client.endOfStream();
        assertThat(x.client.isTruncated()).isTrue();
        assertThat(x.takeClientPlaintext()).isEmpty();
        assertThat(x.client.isReceiveFinished()).isTrue();
    }

    @Test
    void bytesAfterCloseNotifyAreIgnored() throws Exception {
        Exchange x = connect(HOST, trusting);
        x.server.send(BODY);
        x.server.closeOutbound();
        x.settle();
        x.client.receive(new byte[] {23, 3, 3, 0, 5, 1, 2, 3, 4, 5}, 0, 10);
        assertThat(x.takeClientPlaintext()).isEqualTo(BODY);
        assertThat(x.client.failure()).isEmpty();
    }

    @Test
    void ourCloseSendsCloseNotifyAfterTheDataWritten() throws Exception {
        Exchange x = connect(HOST, trusting);
        x.client.write(REQUEST, 0, REQUEST.length);
        x.client.close();
        assertThat(x.client.isOutboundDone()).isTrue();
        x.settle();
        assertThat(x.server.takePlaintext()).isEqualTo(REQUEST);
        assertThat(x.server.engine().isInboundDone()).as("server saw close_notify").isTrue();
        assertThatThrownBy(() -> x.client.write(REQUEST, 0, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeDuringTheHandshakeWaitsForIt() throws Exception {
        TlsClient client = Fixture.newClient(HOST, trusting);
        client.write(REQUEST, 0, REQUEST.length);
        client.close();
        Exchange x = new Exchange(client, Fixture.newServer()).settle();
        assertThat(x.server.takePlaintext()).isEqualTo(REQUEST);
        assertThat(x.server.engine().isInboundDone()).isTrue();
    }

    @Test
    void serverCanStillSendAfterOurCloseNotify() throws Exception {
        // HTTP/1.1 clients may half-close; TLS 1.3 lets the server go on until its own close_notify.
        Exchange x = connect(HOST, trusting);
        x.client.write(REQUEST, 0, REQUEST.length);
        x.client.close();
        x.settle();
        x.server.send(BODY);
        x.server.closeOutbound();
        x.settle();
        assertThat(x.takeClientPlaintext()).isEqualTo(BODY);
        assertThat(x.client.isCloseNotifyReceived()).isTrue();
    }

    @Test
    void endOfStreamBeforeTheHandshakeIsAFailure() throws Exception {
        TlsClient client = Fixture.newClient(HOST, trusting);
        assertThatThrownBy(client::endOfStream)
                .isInstanceOf(TlsException.class)
                .hasMessage("handshake with files.test failed: the server closed the connection during the handshake");
    }
}
