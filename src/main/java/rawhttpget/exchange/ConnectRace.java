package rawhttpget.exchange;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.failure.DownloadException;
import rawhttpget.inet.IpAddress;
import rawhttpget.stack.NetworkStack;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpState;

/**
 * Happy Eyeballs' connection race (RFC 8305 §5), for one exchange: when the first address (IPv6) has not
 * completed its handshake {@link #ATTEMPT_DELAY_NANOS} after its SYN was queued, or has failed, a second connection
 * to the other family's address starts, carrying the same request. The first handshake to complete wins; the other
 * connection is reset. A racer that fails leaves the first connection to go on alone.
 */
final class ConnectRace {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.exchange");
    /** RFC 8305 §5's recommended Connection Attempt Delay. */
    static final long ATTEMPT_DELAY_NANOS = 250_000_000L;

    private final NetworkStack stack;
    private final TcpConfig config;
    private final Transport.Factory transports;
    private final byte[] request;
    private final IpAddress address;
    private final int port;
    private final int localPort;
    private final Runnable whenItWins;
    private long startedAt;
    private TcpConnection racer;
    private Transport racerTransport;
    private boolean over;

    ConnectRace(NetworkStack stack, TcpConfig config, Transport.Factory transports, byte[] request, IpAddress address,
                int port, int localPort, Runnable whenItWins) {
        this.stack = stack;
        this.config = config;
        this.transports = transports;
        this.request = request;
        this.address = address;
        this.port = port;
        this.localPort = localPort;
        this.whenItWins = whenItWins;
    }

    void start(long now) {
        startedAt = now;
    }

    /** When the racer is due to start; Long.MAX_VALUE once it has, or the race is over. */
    long wakeAt() {
        return over || racer != null ? Long.MAX_VALUE : startedAt + ATTEMPT_DELAY_NANOS;
    }

    /**
     * One turn of the race against {@code first}; true when the exchange must go on over {@link #connection()} and
     * {@link #transport()} instead (the racer completed its handshake first, or the first connection failed).
     */
    boolean step(TcpConnection first, long now) throws DownloadException {
        if (over) {
            return false;
        }
        boolean firstFailed = first.state() == TcpState.CLOSED;
        if (!firstFailed && first.state().isSynchronized()) {
            abortRacer();
            return false;
        }
        if (racer == null && (firstFailed || now - startedAt >= ATTEMPT_DELAY_NANOS)) {
            if (!stack.hasRouteTo(address)) {
                over = true;
                return false;
            }
            log.info("{} from {} after {} ms: trying {} too", firstFailed ? "failure" : "no handshake",
                    first.remoteAddress(), (now - startedAt) / 1_000_000, address);
            racer = stack.connect(config, localPort, address, port, now);
            racerTransport = transports.over(racer);
            racerTransport.send(request);
        }
        if (racer == null) {
            return false;
        }
        if (racer.state() == TcpState.CLOSED && !firstFailed) {
            over = true; // the racer failed: the first connection goes on alone
            return false;
        }
        if (racer.state().isSynchronized() || firstFailed) {
            if (!firstFailed) {
                log.info("{} completed its handshake first; the connection to {} is reset", address,
                        first.remoteAddress());
                first.abort();
            }
            over = true;
            whenItWins.run();
            return true;
        }
        return false;
    }

    TcpConnection connection() {
        return racer;
    }

    Transport transport() {
        return racerTransport;
    }

    void abortRacer() {
        if (racer != null && racer.state() != TcpState.CLOSED) {
            racer.abort();
        }
        over = true;
    }
}
