package rawhttpget.exchange;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.http.ConnectRequest;
import rawhttpget.http.HttpProtocolException;
import rawhttpget.http.ProxyReply;
import rawhttpget.tcp.ReceiveBuffer;
import rawhttpget.tcp.TcpConnection;

/**
 * https through a proxy: CONNECT on the proxy's connection, the proxy's reply read up to its blank line, then the
 * inner layer (TLS with the origin's name for SNI and the certificate check) over the same connection, end to end
 * with the origin. The request waits until the tunnel is open. A reply other than 200 (a 204 too: wget 1.21.3
 * opens the tunnel on 200 only), or none, ends the exchange as wget ends it: exit 4, "Proxy tunneling failed:
 * REASON" run into "Unable to establish SSL connection." (wget prints the two without a line break between them,
 * and scripts may match that), REASON the reply's reason phrase as sent, empty when it has none.
 */
final class ProxyTunnel implements Transport {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.http");
    static final String NO_TLS = "Unable to establish SSL connection.";

    private final TcpConnection connection;
    private final Transport.Factory inner;
    private final ProxyReply reply = new ProxyReply();
    private Transport tunnel;
    private byte[] pending;
    private boolean closed;

    private ProxyTunnel(TcpConnection connection, Transport.Factory inner) {
        this.connection = connection;
        this.inner = inner;
    }

    /** Connections to a proxy that carry {@code inner}'s layer to the origin {@code connect} names. */
    static Transport.Factory factory(ConnectRequest connect, Transport.Factory inner) {
        byte[] request = connect.toBytes();
        return connection -> {
            log.debug("proxy request:\n{}", connect.headForLog().stripTrailing());
            connection.write(request, 0, request.length);
            return new ProxyTunnel(connection, inner);
        };
    }

    @Override
    public void send(byte[] data) throws DownloadException {
        if (tunnel != null) {
            tunnel.send(data);
        } else {
            pending = data.clone();
        }
    }

    @Override
    public void pump(ReceiveBuffer.Consumer application) throws DownloadException {
        if (tunnel == null) {
            readReply();
            if (tunnel == null) {
                return;
            }
        }
        tunnel.pump(application);
    }

    private void readReply() throws DownloadException {
        HttpProtocolException[] malformed = new HttpProtocolException[1];
        connection.drainTo((b, off, len) -> {
            try {
                return reply.accept(b, off, len);
            } catch (HttpProtocolException e) {
                malformed[0] = e;
                return len;
            }
        });
        if (malformed[0] != null) {
            throw failed(malformed[0].getMessage());
        }
        if (!reply.isComplete()) {
            if (connection.isReceiveFinished()) {
                throw failed("the proxy closed the connection without a reply");
            }
            return;
        }
        log.debug("proxy responded with: {} {}", reply.statusCode(), reply.reason());
        if (!reply.opensTunnel()) {
            throw failed(reply.reason());
        }
        tunnel = inner.over(connection);
        if (pending != null) {
            tunnel.send(pending);
            pending = null;
        }
    }

    private static DownloadException failed(String reason) {
        return new DownloadException(ExitCode.NETWORK, "Proxy tunneling failed: " + reason + NO_TLS);
    }

    @Override
    public boolean isInputFinished() {
        return tunnel != null && tunnel.isInputFinished();
    }

    @Override
    public boolean isInputTruncated() {
        return tunnel != null && tunnel.isInputTruncated();
    }

    @Override
    public boolean hasHandshake() {
        return tunnel == null || tunnel.hasHandshake();
    }

    @Override
    public boolean isHandshakeComplete() {
        return tunnel != null && tunnel.isHandshakeComplete();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (tunnel != null) {
            tunnel.close();
        } else {
            connection.close();
        }
    }
}
