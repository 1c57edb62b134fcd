package rawhttpget.exchange;

import rawhttpget.tcp.ReceiveBuffer;
import rawhttpget.tcp.TcpConnection;

/** http: the connection's bytes are the HTTP bytes. */
final class PlainTransport implements Transport {
    static final Transport.Factory FACTORY = PlainTransport::new;

    private final TcpConnection connection;

    PlainTransport(TcpConnection connection) {
        this.connection = connection;
    }

    @Override
    public void send(byte[] data) {
        connection.write(data, 0, data.length);
    }

    @Override
    public void pump(ReceiveBuffer.Consumer application) {
        connection.drainTo(application);
    }

    @Override
    public boolean isInputFinished() {
        return connection.isReceiveFinished();
    }

    @Override
    public void close() {
        connection.close();
    }
}
