package rawhttpget.exchange;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.tcp.ReadPacer;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpConnection;

/**
 * --limit-rate for one exchange. The connection gets a receive buffer sized for the rate, and once it is
 * established (and TLS's handshake is over, which is not paced) its reads go through a {@link ReadPacer}: the
 * bytes not yet allowed stay in the buffer, the window we advertise shrinks, and the server can send no faster
 * than we read. The pacer's next read time is the transfer's wake-up time while bytes wait.
 */
final class ReadRateLimit {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.cli");

    private final long bytesPerSecond;
    private ReadPacer pacer;

    ReadRateLimit(long bytesPerSecond) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("a rate limit must be positive: " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
    }

    /** The connection's settings: the receive buffer, and so the largest window, sized for the rate. */
    TcpConfig config(TcpConfig base) {
        int buffer = ReadPacer.receiveBufferFor(bytesPerSecond, base.mss(), base.receiveBuffer());
        log.info("--limit-rate: reading at most {} bytes/s; the receive window (at most {} bytes) holds the server"
                + " to that rate", bytesPerSecond, buffer);
        return base.withReceiveBuffer(buffer);
    }

    /** Called before each turn's reads: starts pacing once the connection carries application data, and refills. */
    void beforeReading(TcpConnection connection, Transport transport, long now) {
        if (pacer == null) {
            if (!connection.state().isSynchronized() || !transport.isHandshakeComplete()) {
                return;
            }
            pacer = ReadPacer.forRate(bytesPerSecond, connection.config().receiveBuffer(), connection.config().mss(),
                    now);
            connection.paceReads(pacer);
        }
        pacer.refill(now);
    }

    /** When the transfer should read next: once the pacer allows the bytes waiting; never while it is not pacing. */
    long wakeAt(TcpConnection connection) {
        return pacer == null || connection == null ? Long.MAX_VALUE : pacer.readAt(connection.readable());
    }
}
