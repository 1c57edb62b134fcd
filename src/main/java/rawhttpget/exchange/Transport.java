package rawhttpget.exchange;

import rawhttpget.failure.DownloadException;

import rawhttpget.tcp.ReceiveBuffer;
import rawhttpget.tcp.TcpConnection;

/**
 * What sits between one TCP connection and the HTTP parser: nothing for http (the bytes pass as they are), a
 * TLS layer for https (records on the connection, plaintext to the parser). HttpTransfer talks only to this, so
 * the exchange, its phases and its failures are the same whichever layer carries them.
 *
 * <p>Called from the event loop only; nothing here blocks, reads a clock or keeps a thread.
 */
public interface Transport {

    /** Makes the layer for a freshly opened connection (nothing has been sent yet). */
    @FunctionalInterface
    interface Factory {
        Transport over(TcpConnection connection) throws DownloadException;
    }

    /**
     * Queues application bytes (the request). They leave when the layer is ready: at once for plain TCP, after
     * the handshake for TLS.
     */
    void send(byte[] data) throws DownloadException;

    /**
     * One turn of the layer: takes what the connection received, gives application bytes to {@code application},
     * and queues whatever the layer itself must send (handshake records, for TLS). A layer failure (a
     * certificate rejected, a bad record) is thrown with its exit code.
     */
    void pump(ReceiveBuffer.Consumer application) throws DownloadException;

    /** The peer will send no more application bytes and every one of them has been handed over. */
    boolean isInputFinished();

    /**
     * The input ended in a way that may have cut data short: TLS saw the TCP FIN without a close_notify. Harmless
     * for a body whose framing says where it ends; fatal for one that runs until the close.
     */
    default boolean isInputTruncated() {
        return false;
    }

    /** Whether the layer has a handshake of its own (TLS), which the report shows as a phase. */
    default boolean hasHandshake() {
        return false;
    }

    /** The layer's own handshake is complete (always, for a layer without one). */
    default boolean isHandshakeComplete() {
        return true;
    }

    /** We are done: the connection's FIN follows (after a close_notify, for TLS). */
    void close();
}
