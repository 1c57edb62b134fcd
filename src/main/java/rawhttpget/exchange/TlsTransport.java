package rawhttpget.exchange;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import rawhttpget.tcp.ReceiveBuffer;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tls.TlsClient;
import rawhttpget.tls.TlsException;
import rawhttpget.tls.TlsSettings;

/**
 * https: a {@link TlsClient} between the connection and the parser. Each turn moves the connection's bytes into
 * TLS, TLS's plaintext to the parser, and whatever TLS has to say (handshake, the encrypted request, alerts,
 * close_notify) onto the connection. Every TLS failure is exit 5 with TLS's one-line reason.
 */
final class TlsTransport implements Transport {
    private final TcpConnection connection;
    private final TlsClient tls;
    private boolean endOfStreamSignalled;

    private TlsTransport(TcpConnection connection, TlsClient tls) {
        this.connection = connection;
        this.tls = tls;
    }

    /** Connections to {@code host:port}, with SNI and the certificate checked for {@code host} as settings say. */
    static Transport.Factory factory(String host, int port, TlsSettings settings) {
        return connection -> {
            try {
                TlsTransport transport = new TlsTransport(connection, TlsClient.create(host, port, settings));
                transport.flush();
                return transport;
            } catch (TlsException e) {
                throw failure(e);
            }
        };
    }

    @Override
    public void send(byte[] data) throws DownloadException {
        try {
            tls.write(data, 0, data.length);
        } catch (TlsException e) {
            throw failure(e);
        } finally {
            flush();
        }
    }

    @Override
    public void pump(ReceiveBuffer.Consumer application) throws DownloadException {
        try {
            connection.drainTo((b, off, len) -> {
                try {
                    tls.receive(b, off, len);
                } catch (TlsException e) {
                    throw new Unchecked(e);
                }
                return len;
            });
            if (connection.isReceiveFinished() && !endOfStreamSignalled) {
                endOfStreamSignalled = true;
                tls.endOfStream();
            }
        } catch (Unchecked e) {
            throw failure(e.tls);
        } catch (TlsException e) {
            throw failure(e);
        } finally {
            // Plaintext TLS authenticated before a failure is still the server's; an alert may explain the failure.
            tls.drainPlaintext(application::accept);
            flush();
        }
    }

    @Override
    public boolean isInputFinished() {
        return tls.isReceiveFinished();
    }

    @Override
    public boolean hasHandshake() {
        return true;
    }

    @Override
    public boolean isHandshakeComplete() {
        return tls.isHandshakeComplete();
    }

    @Override
    public boolean isInputTruncated() {
        return tls.isTruncated();
    }

    @Override
    public void close() {
        tls.close();
        flush();
        connection.close();
    }

    private void flush() {
        tls.drainCiphertext((b, off, len) -> {
            try {
                connection.write(b, off, len);
            } catch (IllegalStateException closedAlready) {
                // The connection can send nothing more (reset, or past its FIN): the records have nowhere to go.
            }
        });
    }

    private static DownloadException failure(TlsException e) {
        return new DownloadException(ExitCode.TLS, e.getMessage(), e);
    }

    /** Carries a TlsException out of the connection's consumer, which may not throw checked exceptions. */
    private static final class Unchecked extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient TlsException tls;

        Unchecked(TlsException tls) {
            super(tls.getMessage(), tls, false, false);
            this.tls = tls;
        }
    }
}
