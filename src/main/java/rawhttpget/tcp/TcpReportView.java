package rawhttpget.tcp;

/**
 * What --report shows of a connection's windows and receive queue: read-only, read between segments, never
 * on the data path. It lives apart from {@link TcpConnection} so the state machine holds only what drives it.
 */
public final class TcpReportView {
    private final Receiver receiver;
    private final Sender sender;

    TcpReportView(Receiver receiver, Sender sender) {
        this.receiver = receiver;
        this.sender = sender;
    }

    /** Bytes held beyond a hole (the out-of-order queue). */
    public long outOfOrderBytes() {
        return receiver.outOfOrderBytes();
    }

    /** In-order bytes the application has taken from the connection so far. */
    public long bytesRead() {
        return receiver.bytesRead();
    }

    /** The window, in bytes, that our last segment advertised; -1 before any. */
    public long advertisedWindow() {
        return receiver.advertisedWindow();
    }

    /** The shift of our window fields once the peer agreed to scaling (RFC 7323), else 0. */
    public int receiveWindowShift() {
        return receiver.activeShift();
    }

    /** The shift of the peer's window fields, or 0. */
    public int sendWindowShift() {
        return sender.sendShift();
    }
}
