package rawhttpget.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.arp.ArpCache;
import rawhttpget.http.HttpProtocolException;
import rawhttpget.http.ResponseHead;
import rawhttpget.http.ResponseListener;
import rawhttpget.http.ResponseParser;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.stack.NetworkStack;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpState;

import java.io.IOException;
import java.util.function.Function;

/**
 * One HTTP exchange over one userspace TCP connection, as a sequence of phases advanced by the event
 * loop: resolve the next hop, connect and send the request, receive the response into the sink, close.
 */
final class HttpTransfer implements EventLoop.Step, ResponseListener {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.cli");
    /** How long we wait for the peer to acknowledge our FIN before we simply reset. */
    private static final long CLOSE_GRACE_NANOS = 1_000_000_000L;

    private enum Phase { RESOLVING, TRANSFERRING, CLOSING, DONE }

    /** What the transfer needs to know about its target. */
    record Target(int address, int port, int localPort, byte[] request, String description) {
    }

    private final NetworkStack stack;
    private final TcpConfig tcpConfig;
    private final Target target;
    private final Function<ResponseHead, BodySink> sinkFactory;
    private final ResponseParser parser = new ResponseParser(this);
    private final int nextHop;
    private final PhaseTimes phases = new PhaseTimes();

    private Phase phase = Phase.RESOLVING;
    private TcpConnection connection;
    private ResponseHead head;
    private BodySink sink;
    private IOException sinkError;
    private DownloadException headError;
    private boolean complete;
    private long closingSince;

    /**
     * @param sinkFactory opens the sink for a successful head, or throws an unchecked
     *                    {@link SinkRefused} carrying the DownloadException to report
     */
    HttpTransfer(NetworkStack stack, TcpConfig tcpConfig, Target target, Function<ResponseHead, BodySink> sinkFactory)
            throws DownloadException {
        this.stack = stack;
        this.tcpConfig = tcpConfig;
        this.target = target;
        this.sinkFactory = sinkFactory;
        this.nextHop = stack.nextHop(target.address());
        if (nextHop == 0) {
            throw new DownloadException(ExitCode.NETWORK, "no route to " + Ipv4Address.format(target.address())
                    + ": it is not on the interface's subnet and there is no default gateway");
        }
        stack.forgetResolutionFailure(nextHop);
    }

    /** Thrown by a sink factory that cannot or must not open a sink for this head. */
    static final class SinkRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient DownloadException reason;

        SinkRefused(DownloadException reason) {
            super(reason.getMessage(), null, false, false);
            this.reason = reason;
        }
    }

    ResponseHead head() {
        return head;
    }

    TcpConnection connection() {
        return connection;
    }

    long bodyBytes() {
        return parser.bodyBytes();
    }

    /** When this transfer went from phase to phase, for --stats. */
    PhaseTimes phases() {
        return phases;
    }

    @Override
    public boolean advance(long now) throws DownloadException {
        phases.seen(now);
        switch (phase) {
            case RESOLVING -> resolve(now);
            case TRANSFERRING -> transfer(now);
            case CLOSING -> {
                if (connection.state() == TcpState.CLOSED || connection.state() == TcpState.TIME_WAIT
                        || now - closingSince > CLOSE_GRACE_NANOS) {
                    if (connection.state() != TcpState.CLOSED && connection.state() != TcpState.TIME_WAIT) {
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

    private void resolve(long now) throws DownloadException {
        long mac = stack.resolve(nextHop, now);
        if (mac != ArpCache.NO_ENTRY) {
            stack.pinNextHop(nextHop, mac);
            phases.resolved(now);
            log.info("connecting to {} from local port {}", target.description(), target.localPort());
            connection = stack.connect(tcpConfig, target.localPort(), target.address(), target.port(), now);
            connection.write(target.request(), 0, target.request().length);
            phase = Phase.TRANSFERRING;
        } else if (stack.resolutionFailed(nextHop)) {
            String who = nextHop == target.address() ? "the server " : "the gateway ";
            throw new DownloadException(ExitCode.NETWORK, "no ARP reply from " + who + Ipv4Address.format(nextHop));
        }
    }

    private void transfer(long now) throws DownloadException {
        if (connection.state().isSynchronized()) {
            phases.established(now);
        }
        try {
            connection.drainTo((b, off, len) -> {
                try {
                    parser.feed(b, off, len);
                } catch (HttpProtocolException e) {
                    throw new ParseFailure(e);
                }
                return len;
            });
        } catch (ParseFailure e) {
            fail(new DownloadException(ExitCode.PROTOCOL, "malformed response: " + e.getCause().getMessage()));
        } catch (SinkRefused e) {
            fail(e.reason);
        }
        if (headError != null) {
            fail(headError);
        }
        if (sinkError != null) {
            fail(new DownloadException(ExitCode.FILE_IO, "cannot write the file: " + sinkError.getMessage(), sinkError));
        }
        if (!complete && connection.isReceiveFinished()) {
            try {
                parser.endOfStream();
            } catch (HttpProtocolException e) {
                fail(new DownloadException(ExitCode.PROTOCOL, e.getMessage()));
            }
        }
        if (complete) {
            commit();
            connection.close();
            phases.completed(now);
            closingSince = now;
            phase = Phase.CLOSING;
            return;
        }
        if (connection.failure() != null) {
            fail(new DownloadException(ExitCode.NETWORK, connection.failure().message() + " ("
                    + target.description() + ")" + (head == null ? "" : " after " + parser.bodyBytes() + " body bytes")));
        }
    }

    private void commit() throws DownloadException {
        if (sink == null) {
            return;
        }
        try {
            sink.commit();
        } catch (IOException e) {
            sink.abandon();
            throw new DownloadException(ExitCode.FILE_IO, "cannot finish the file: " + e.getMessage(), e);
        }
    }

    private void fail(DownloadException e) throws DownloadException {
        connection.abort();
        if (sink != null) {
            sink.abandon();
        }
        phase = Phase.DONE;
        phases.done();
        throw e;
    }

    @Override
    public void interrupt(long now) {
        if (connection != null) {
            connection.abort();
        }
        if (sink != null) {
            sink.abandon();
        }
        phase = Phase.DONE;
        phases.done();
    }

    @Override
    public void onHead(ResponseHead head) {
        this.head = head;
        log.info("HTTP {} {}", head.statusCode(), head.reason());
        sink = sinkFactory.apply(head);
    }

    @Override
    public void onBody(byte[] buf, int off, int len) {
        if (sink == null || sinkError != null) {
            return;
        }
        try {
            sink.write(buf, off, len);
        } catch (IOException e) {
            sinkError = e;
        }
    }

    @Override
    public void onComplete() {
        complete = true;
    }

    private static final class ParseFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParseFailure(HttpProtocolException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
