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
import rawhttpget.tcp.TcpFailure;
import rawhttpget.tcp.TcpState;

import java.io.IOException;

/**
 * One HTTP exchange over one userspace TCP connection, as a sequence of phases advanced by the event
 * loop: resolve the next hop, connect and send the request, receive the response into the sink, close.
 * The bytes pass through a {@link Transport} (plain for http, TLS for https) between the connection and
 * the parser. What to do with the response is the {@link HeadHandler}'s choice, made from its head.
 */
final class HttpTransfer implements EventLoop.Step, ResponseListener {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.cli");
    /** How long we wait for the peer to acknowledge our FIN before we simply reset. */
    private static final long CLOSE_GRACE_NANOS = 1_000_000_000L;

    private enum Phase { RESOLVING, TRANSFERRING, CLOSING, DONE }

    /** What the transfer needs to know about its target. */
    record Target(int address, int port, int localPort, byte[] request, String description) {
    }

    /** Decides, from the final response's head, where its body goes. */
    @FunctionalInterface
    interface HeadHandler {
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
    private final HeadHandler headHandler;
    private final ResponseParser parser = new ResponseParser(this);
    private final int nextHop;

    private Phase phase = Phase.RESOLVING;
    private TcpConnection connection;
    private Transport transport;
    private ResponseHead head;
    private BodySink sink;
    private IOException sinkError;
    private DownloadException headError;
    private boolean complete;
    private boolean stopAtHead;
    private long closingSince;

    HttpTransfer(NetworkStack stack, TcpConfig tcpConfig, Target target, Transport.Factory transports,
                 HeadHandler headHandler) throws DownloadException {
        this.stack = stack;
        this.tcpConfig = tcpConfig;
        this.target = target;
        this.transports = transports;
        this.headHandler = headHandler;
        this.nextHop = stack.nextHop(target.address());
        if (nextHop == 0) {
            throw new DownloadException(ExitCode.NETWORK, "no route to " + Ipv4Address.format(target.address())
                    + ": it is not on the interface's subnet and there is no default gateway");
        }
    }

    /** The final response's head, once it has arrived. */
    ResponseHead head() {
        return head;
    }

    TcpConnection connection() {
        return connection;
    }

    long bodyBytes() {
        return parser.bodyBytes();
    }

    /** Whether the body was wanted and arrived whole (false for a response that ended at its head). */
    boolean bodyComplete() {
        return complete && !stopAtHead;
    }

    @Override
    public boolean advance(long now) throws DownloadException {
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
            log.info("connecting to {} from local port {}", target.description(), target.localPort());
            connection = stack.connect(tcpConfig, target.localPort(), target.address(), target.port(), now);
            phase = Phase.TRANSFERRING;
            transport = transports.over(connection);
            transport.send(target.request());
        } else if (stack.resolutionFailed(nextHop)) {
            String who = nextHop == target.address() ? "the server " : "the gateway ";
            throw DownloadException.retryable(ExitCode.NETWORK, "no ARP reply from " + who + Ipv4Address.format(nextHop));
        }
    }

    private void transfer(long now) throws DownloadException {
        try {
            transport.pump((b, off, len) -> {
                if (complete) {
                    return len; // after the end of the response (or a head we stop at): nothing more to parse
                }
                try {
                    parser.feed(b, off, len);
                } catch (HttpProtocolException e) {
                    throw new ParseFailure(e);
                }
                return len;
            });
        } catch (ParseFailure e) {
            fail(new DownloadException(ExitCode.PROTOCOL, "malformed response: " + e.getCause().getMessage()));
        } catch (DownloadException e) {
            fail(e);
        }
        if (headError != null) {
            fail(headError);
        }
        if (sinkError != null) {
            fail(new DownloadException(ExitCode.FILE_IO, "cannot write the file: " + sinkError.getMessage(), sinkError));
        }
        if (!complete && transport.isInputFinished()) {
            try {
                parser.endOfStream();
            } catch (HttpProtocolException e) {
                // A response cut short: another try may get it whole (or, for a file, the rest of it).
                fail(DownloadException.retryable(ExitCode.PROTOCOL, e.getMessage()));
            }
        }
        if (complete) {
            if (!stopAtHead) {
                commit();
            }
            transport.close();
            closingSince = now;
            phase = Phase.CLOSING;
            return;
        }
        TcpFailure failure = connection.failure();
        if (failure != null) {
            String message = failure.message() + " (" + target.description() + ")"
                    + (head == null ? "" : " after " + parser.bodyBytes() + " body bytes");
            fail(failure == TcpFailure.TIMED_OUT || failure == TcpFailure.RESET
                    ? DownloadException.retryable(ExitCode.NETWORK, message)
                    : new DownloadException(ExitCode.NETWORK, message));
        }
    }

    private void commit() throws DownloadException {
        if (sink == null) {
            return;
        }
        try {
            sink.commit();
        } catch (DownloadException e) {
            sink.abandon();
            throw e;
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
    }

    @Override
    public void onHead(ResponseHead head) {
        this.head = head;
        log.info("HTTP {} {}", head.statusCode(), head.reason());
        try {
            sink = headHandler.onHead(head);
        } catch (DownloadException e) {
            headError = e;
        }
        if (sink == null) {
            // Nothing to save: the exchange is over at its head. Stop parsing so a body is never read.
            stopAtHead = true;
            complete = true;
        }
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
