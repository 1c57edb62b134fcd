package rawhttpget.exchange;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.output.BodySink;
import rawhttpget.report.PhaseTimes;
import rawhttpget.report.TransferStats;
import rawhttpget.runtime.EventLoop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.http.ConnectionPersistence;
import rawhttpget.http.RequestMethod;
import rawhttpget.http.ResponseHead;
import rawhttpget.inet.IpAddress;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.stack.NetworkStack;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpFailure;
import rawhttpget.tcp.TcpState;

/**
 * One HTTP exchange over one userspace TCP connection, as a sequence of phases advanced by the event
 * loop: connect (or take over a connection an earlier exchange {@link #keptOpen kept open}) and send the request,
 * receive the response into the sink, then either keep the connection for the next request (the request and the
 * response allow it, and the response ended where its framing said) or close it. Until the next hop's MAC is
 * known the stack holds the connection; the transfer only waits, and learns of a next hop that never answers
 * as a failed connection.
 * The bytes pass through a {@link Transport} (plain for http, TLS for https) between the connection and
 * the parser. What to do with the response is the {@link HeadHandler}'s choice, made from its head.
 */
public final class HttpTransfer implements EventLoop.Step, TransferStats {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.cli");
    /** How long we wait for the peer to acknowledge our FIN before we simply reset. */
    private static final long CLOSE_GRACE_NANOS = 1_000_000_000L;

    /**
     * How long a complete response that does not keep its connection waits for the server's FIN before we send
     * ours. Where the request or the response said {@code Connection: close}, the server closes (RFC 9112 §9.6),
     * and its FIN usually comes with or just after the last data; on the LAN testnet it can sit a few milliseconds in the capture's block (the block
     * timer is a jiffy, up to 4 ms at HZ=250). Closing first instead made us the active closer: TIME-WAIT, which
     * the run waits out (--time-wait, 1 s), often enough to show in benchmarks (docs/PERFORMANCE.md). A server that
     * does not close costs this much, then we close as before.
     */
    static final long SERVER_CLOSE_WAIT_NANOS = 50_000_000L;

    private enum Phase { CONNECTING, TRANSFERRING, AWAITING_SERVER_CLOSE, CLOSING, DONE }

    /**
     * What the transfer needs to know about its target.
     *
     * @param method    what the request asks, as the parser must know: the answer to a HEAD has no body
     * @param keepAlive the request asked to keep the connection: if the response agrees, it is kept open
     */
    public record Target(IpAddress address, int port, int localPort, byte[] request, String description,
                         RequestMethod method, boolean keepAlive) {

        public Target(IpAddress address, int port, int localPort, byte[] request, String description,
                      RequestMethod method) {
            this(address, port, localPort, request, description, method, false);
        }

        public Target(int address, int port, int localPort, byte[] request, String description) {
            this(new Ipv4Address(address), port, localPort, request, description, RequestMethod.GET);
        }
    }

    /** Decides, from the final response's head, where its body goes. */
    @FunctionalInterface
    public interface HeadHandler {
        /**
         * The sink for the body, or null when the body is not wanted (a redirect, an error status): the
         * exchange then ends at the head. A DownloadException ends it as a failure.
         */
        BodySink onHead(ResponseHead head) throws DownloadException;
    }

    private final NetworkStack stack;
    private final TcpConfig tcpConfig;
    private final Target target;
    private final Transport.Factory transports;
    private final ResponseReader reader;
    private final PhaseTimes phases = new PhaseTimes();

    private Phase phase = Phase.CONNECTING;
    /** Null unless {@link #raceWith} asked for a second family's connection. */
    private ConnectRace race;
    private TcpConnection connection;
    private Transport transport;
    /** The connection carried an earlier exchange: it was open when this one began. */
    private final boolean reused;
    /** The response ended with the connection fit for another request, and it was left open. */
    private boolean keptOpen;
    /** A reused connection failed (reset, closed) before the server sent anything for this exchange. */
    private boolean failedUnheardOnReuse;
    /** The next hop's MAC became known (at once, or after the stack resolved it): the handshake began. */
    private boolean resolved;
    private long closingSince;
    /** In AWAITING_SERVER_CLOSE: when we stop waiting for the server's FIN and send ours. */
    private long serverCloseDeadline;
    /** --limit-rate: paces the reads, so the window throttles the server; null for none. */
    private ReadRateLimit rateLimit;

    public HttpTransfer(NetworkStack stack, TcpConfig tcpConfig, Target target, Transport.Factory transports,
                 HeadHandler headHandler) throws DownloadException {
        this.stack = stack;
        this.tcpConfig = tcpConfig;
        this.target = target;
        this.transports = transports;
        this.reader = new ResponseReader(headHandler, target.method());
        this.reused = false;
        if (!stack.hasRouteTo(target.address())) {
            throw new DownloadException(ExitCode.NETWORK, "no route to " + target.address()
                    + ": it is not on the interface's subnet and there is no default gateway");
        }
    }

    /** Reads at most {@code bytesPerSecond} (--limit-rate), through the receive window; call before the loop runs. */
    public void limitReadRate(long bytesPerSecond) {
        rateLimit = bytesPerSecond > 0 ? new ReadRateLimit(bytesPerSecond) : null;
    }

    /** An exchange over a connection an earlier one left open (and its transport: TLS keeps its session). */
    public HttpTransfer(NetworkStack stack, TcpConfig tcpConfig, Target target, TcpConnection connection,
                        Transport transport, HeadHandler headHandler) {
        this.stack = stack;
        this.tcpConfig = tcpConfig;
        this.target = target;
        this.transports = ignored -> transport;
        this.reader = new ResponseReader(headHandler, target.method());
        this.reused = true;
        this.connection = connection;
        this.transport = transport;
    }

    /** The address the exchange went to: the racer's, when Happy Eyeballs' second connection won. */
    public IpAddress connectedTo() {
        return connection.remoteAddress();
    }

    /** Whether the response left the connection open for another request (see {@link #connection}). */
    public boolean keptOpen() {
        return keptOpen;
    }

    /**
     * A reused connection was reset or closed before any byte of the response: the server had dropped it (an idle
     * timeout, a request limit) as the request went out, and one new connection may carry the request instead.
     */
    public boolean failedUnheardOnReuse() {
        return failedUnheardOnReuse;
    }

    public Transport transport() {
        return transport;
    }

    /**
     * Happy Eyeballs (RFC 8305): if the target has not completed its handshake 250 ms after connecting, or fails,
     * a connection to {@code address} (the other family's) from {@code localPort} races it; see {@link ConnectRace}.
     * {@code whenItWins} runs if the exchange goes on over that connection.
     */
    public void raceWith(IpAddress address, int localPort, Runnable whenItWins) {
        race = new ConnectRace(stack, tcpConfig, transports, target.request(), address, target.port(), localPort,
                whenItWins);
    }

    /** The final response's head, once it has arrived. */
    ResponseHead head() {
        return reader.head();
    }

    @Override
    public TcpConnection connection() {
        return connection;
    }

    long bodyBytes() {
        return reader.bodyBytes();
    }

    /** When this transfer went from phase to phase, for --stats. */
    @Override
    public PhaseTimes phases() {
        return phases;
    }

    @Override
    public boolean advance(long now) throws DownloadException {
        phases.seen(now);
        switch (phase) {
            case CONNECTING -> connect(now);
            case TRANSFERRING -> transfer(now);
            case AWAITING_SERVER_CLOSE -> awaitServerClose(now);
            case CLOSING -> {
                if (closingOver(connection.state(), now - closingSince)) {
                    if (connection.state() != TcpState.CLOSED) {
                        connection.abort();
                    }
                    phase = Phase.DONE;
                    phases.done();
                }
            }
            case DONE -> {
            }
        }
        return phase == Phase.DONE;
    }

    /**
     * Whether the close is over, the body being already committed: at CLOSED; in TIME-WAIT only when the
     * connection's own timer (--time-wait) ends it, so that a FIN the server sends again, its copy of our ACK
     * lost, still gets an ACK and not the kernel's RST; in any other state after CLOSE_GRACE_NANOS, when the
     * connection is aborted.
     */
    static boolean closingOver(TcpState state, long closingForNanos) {
        return switch (state) {
            case CLOSED -> true;
            case TIME_WAIT -> false;
            default -> closingForNanos > CLOSE_GRACE_NANOS;
        };
    }

    private void connect(long now) throws DownloadException {
        if (reused) {
            log.info("reusing the connection to {} from local port {}", target.description(), connection.localPort());
            phase = Phase.TRANSFERRING;
            resolved = true;
            phases.resolved(now);
            phases.established(now);
            transport.send(target.request());
            transfer(now);
            return;
        }
        log.info("connecting to {} from local port {}", target.description(), target.localPort());
        TcpConfig config = rateLimit == null ? tcpConfig : rateLimit.config(tcpConfig);
        connection = stack.connect(config, target.localPort(), target.address(), target.port(), now);
        phase = Phase.TRANSFERRING;
        transport = transports.over(connection);
        transport.send(target.request());
        if (race != null) {
            race.start(now);
        }
        noteResolved(now);
    }

    /** The ARP phase ends when the stack lets the connection's SYN go (not when it gives up on the next hop). */
    private void noteResolved(long now) {
        if (!resolved && !stack.awaitingNeighbour(connection) && stack.connectionError(connection) == null) {
            resolved = true;
            phases.resolved(now);
        }
    }

    private void transfer(long now) throws DownloadException {
        if (race != null && race.step(connection, now)) {
            connection = race.connection();
            transport = race.transport();
        }
        noteResolved(now);
        if (connection.state().isSynchronized()) {
            phases.established(now);
        }
        if (rateLimit != null) {
            rateLimit.beforeReading(connection, transport, now);
        }
        try {
            transport.pump(reader::accept);
            if (transport.hasHandshake() && transport.isHandshakeComplete()) {
                phases.secured(now);
            }
            reader.check();
            if (!reader.isDone() && transport.isInputFinished()) {
                reader.endOfStream(transport.isInputTruncated());
            }
        } catch (DownloadException e) {
            fail(e);
        }
        if (reader.isDraining() && connection.failure() != null) {
            reader.stopDraining(); // the head has decided; the body nobody wanted is lost with the connection
        }
        if (reader.isDone()) {
            try {
                reader.commit();
            } catch (DownloadException e) {
                connection.abort();
                phase = Phase.DONE;
                phases.done();
                throw e;
            }
            phases.completed(now);
            if (rateLimit != null) {
                connection.paceReads(null); // what follows the body (a FIN, a close_notify) is read at once
            }
            if (mayKeepOpen()) {
                keptOpen = true;
                phase = Phase.DONE;
                phases.done();
                return;
            }
            serverCloseDeadline = now + SERVER_CLOSE_WAIT_NANOS;
            phase = Phase.AWAITING_SERVER_CLOSE;
            awaitServerClose(now);
            return;
        }
        TcpFailure failure = connection.failure();
        String stackError = failure == null ? null : stack.connectionError(connection);
        if (stackError != null) {
            fail(DownloadException.retryable(ExitCode.NETWORK, stackError));
        } else if (failure != null) {
            String message = failure.message() + " (" + target.description() + ")"
                    + (reader.head() == null ? "" : " after " + reader.bodyBytes() + " body bytes");
            fail(failure == TcpFailure.TIMED_OUT || failure == TcpFailure.RESET
                    ? DownloadException.retryable(ExitCode.NETWORK, message)
                    : failure == TcpFailure.REFUSED ? DownloadException.refused(ExitCode.NETWORK, message)
                    : new DownloadException(ExitCode.NETWORK, message));
        }
    }

    private boolean mayKeepOpen() {
        return target.keepAlive() && reader.leavesConnectionInStep() && ConnectionPersistence.persists(reader.head())
                && connection.state() == TcpState.ESTABLISHED && connection.failure() == null
                && connection.readable() == 0 && !transport.isInputFinished();
    }

    /**
     * The body is committed: close once the server has closed its side (we then never enter TIME-WAIT), or once
     * {@link #SERVER_CLOSE_WAIT_NANOS} have passed, or at once if the connection can no longer carry its FIN.
     * Whatever else arrives meanwhile is read and dropped, so TLS still sees the server's close_notify.
     */
    private void awaitServerClose(long now) throws DownloadException {
        boolean serverClosed;
        try {
            transport.pump((b, off, len) -> len);
            serverClosed = transport.isInputFinished();
        } catch (DownloadException e) {
            serverClosed = true; // a bad record after the body: the body stands, and we close now
        }
        TcpState state = connection.state();
        if (serverClosed || now >= serverCloseDeadline || (state != TcpState.ESTABLISHED && state != TcpState.CLOSE_WAIT)) {
            transport.close();
            closingSince = now;
            phase = Phase.CLOSING;
        }
    }

    /** The step's own deadline: the end of the wait for the server's FIN, or the paced reads' next turn. */
    @Override
    public long wakeAt() {
        if (phase == Phase.TRANSFERRING && rateLimit != null) {
            long read = rateLimit.wakeAt(connection);
            return race == null ? read : Math.min(read, race.wakeAt());
        }
        return phase == Phase.AWAITING_SERVER_CLOSE ? serverCloseDeadline
                : phase == Phase.TRANSFERRING && race != null ? race.wakeAt() : Long.MAX_VALUE;
    }

    private void fail(DownloadException e) throws DownloadException {
        failedUnheardOnReuse = reused && !reader.heardAnything();
        connection.abort();
        if (race != null) {
            race.abortRacer();
        }
        reader.abandon();
        phase = Phase.DONE;
        phases.done();
        throw e;
    }

    @Override
    public void interrupt(long now) {
        if (connection != null) {
            connection.abort();
        }
        if (race != null) {
            race.abortRacer();
        }
        reader.abandon();
        phase = Phase.DONE;
        phases.done();
    }
}
