package rawhttpget.exchange;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.failure.DownloadException;
import rawhttpget.inet.IpAddress;
import rawhttpget.runtime.EventLoop;
import rawhttpget.runtime.LocalPort;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpState;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The connections a run keeps open between its exchanges (RFC 9112 §9.3), keyed by scheme, host and port: a
 * response that leaves its connection fit for another request puts it here, and the next request to the same
 * origin takes it instead of opening one. Each carries its transport (a TLS connection keeps its session, so one
 * handshake serves all its requests) and its local port, with whatever the host set up for that port.
 *
 * <p>At most one connection is kept, as wget keeps one: opening one to another origin first closes the one kept
 * ({@link #closeAllBut}), so a run holds one server connection at a time. At the end of the run
 * {@link #closeAll} closes what is left properly: TLS close_notify, then the FIN handshake.
 */
public final class ConnectionPool {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.cli");
    /** How long a close may take before the connection is reset instead. */
    static final long CLOSE_GRACE_NANOS = 1_000_000_000L;

    /**
     * Where a connection goes: requests to the same key may share it. {@code host} and {@code port} are the
     * first hop's (a proxy's, through one); {@code tunnel} the server a CONNECT tunnel leads to, else empty.
     */
    public record Key(String scheme, String host, int port, String tunnel) {
        // Written out: a record's generated equals and hashCode link through ObjectMethods on first use, which
        // costs a short run more than the whole lookup (docs/PERFORMANCE.md, "Start-up: records and lambdas").
        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && port == k.port && Objects.equals(scheme, k.scheme)
                    && Objects.equals(host, k.host) && Objects.equals(tunnel, k.tunnel);
        }

        @Override
        public int hashCode() {
            return ((Objects.hashCode(scheme) * 31 + Objects.hashCode(host)) * 31 + port) * 31
                    + Objects.hashCode(tunnel);
        }
    }

    /** An open connection between two exchanges. */
    private record Idle(TcpConnection connection, Transport transport, LocalPort localPort) {
    }

    /** A connection taken for reuse. */
    public record Reusable(TcpConnection connection, Transport transport, LocalPort localPort) {
        /** The server's address, as the connection was made to it. */
        public IpAddress server() {
            return connection.remoteAddress();
        }
    }

    private final EventLoop loop;
    private final Map<Key, Idle> idle = new LinkedHashMap<>();

    public ConnectionPool(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * The open connection to {@code key}, taken out of the pool, or null. One the server has closed meanwhile, or
     * that received anything while idle, is closed instead: only a connection in step carries a request.
     */
    public Reusable take(Key key) throws DownloadException {
        Idle entry = idle.remove(key);
        if (entry == null) {
            return null;
        }
        if (!inStep(entry)) {
            log.info("not reusing the connection to {}:{}: the server closed it or sent more", key.host(), key.port());
            close(List.of(entry));
            return null;
        }
        return new Reusable(entry.connection(), entry.transport(), entry.localPort());
    }

    private static boolean inStep(Idle entry) {
        TcpConnection connection = entry.connection();
        if (connection.state() != TcpState.ESTABLISHED || connection.failure() != null) {
            return false;
        }
        long[] stray = new long[1];
        try {
            // TLS may hold records of its own (a session ticket); any application byte means we are out of step.
            entry.transport().pump((b, off, len) -> {
                stray[0] += len;
                return len;
            });
        } catch (DownloadException e) {
            return false;
        }
        return stray[0] == 0 && !entry.transport().isInputFinished();
    }

    /** Keeps the connection of a transfer that {@link HttpTransfer#keptOpen kept it open} for the next request. */
    public void keep(Key key, HttpTransfer transfer, LocalPort localPort) throws DownloadException {
        closeAllBut(null);
        idle.put(key, new Idle(transfer.connection(), transfer.transport(), localPort));
    }

    /** Closes every kept connection but the one to {@code key} (all of them when null), before another opens. */
    public void closeAllBut(Key key) throws DownloadException {
        List<Idle> closing = new ArrayList<>();
        for (Iterator<Map.Entry<Key, Idle>> it = idle.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Idle> e = it.next();
            if (!e.getKey().equals(key)) {
                closing.add(e.getValue());
                it.remove();
            }
        }
        close(closing);
    }

    /** The end of the run: closes every connection still kept. */
    public void closeAll() throws DownloadException {
        closeAllBut(null);
    }

    /**
     * The run ends with a failure (an interrupt, an error that stops it): resets every kept connection, sends the
     * resets, and releases the local ports, without waiting for anything.
     */
    public void abandon() {
        List<Idle> all = new ArrayList<>(idle.values());
        idle.clear();
        try {
            for (Idle entry : all) {
                entry.connection().abort();
            }
            if (!all.isEmpty()) {
                loop.run(new Flush());
            }
        } catch (DownloadException e) {
            log.debug("while resetting kept connections: {}", e.getMessage());
        } finally {
            for (Idle entry : all) {
                entry.localPort().close();
            }
        }
    }

    /** One turn of the loop, which sends what is queued (the resets). */
    private static final class Flush implements EventLoop.Step {
        @Override
        public boolean advance(long now) {
            return true;
        }

        @Override
        public void interrupt(long now) {
        }
    }

    /** Whether a connection is kept (for tests). */
    int size() {
        return idle.size();
    }

    private void close(List<Idle> closing) throws DownloadException {
        if (closing.isEmpty()) {
            return;
        }
        try {
            loop.run(new Closing(closing));
        } finally {
            for (Idle entry : closing) {
                entry.localPort().close();
            }
        }
    }

    /**
     * Closes connections as a step of the loop: TLS close_notify and our FIN, then the wait for the server's
     * FIN and its ACK of ours. We close first here (nothing else would end an idle connection), but the run does
     * not wait out TIME-WAIT for it: the exchange is over, and the server, which had nothing more to send, needs
     * only the ACK of its FIN, which leaves before the connection is dropped.
     */
    private static final class Closing implements EventLoop.Step {
        private final List<Idle> connections;
        private long since = -1;

        Closing(List<Idle> connections) {
            this.connections = connections;
        }

        @Override
        public boolean advance(long now) {
            if (since < 0) {
                since = now;
                for (Idle entry : connections) {
                    entry.transport().close();
                }
            }
            boolean allDone = true;
            for (Idle entry : connections) {
                try {
                    entry.transport().pump((b, off, len) -> len); // the server's close_notify; nothing else matters
                } catch (DownloadException e) {
                    log.debug("while closing: {}", e.getMessage());
                }
                allDone &= isClosed(entry.connection(), now);
            }
            if (allDone || now - since > CLOSE_GRACE_NANOS) {
                for (Idle entry : connections) {
                    entry.connection().abort(); // nothing to send in TIME-WAIT or CLOSED; else the reset ends it
                }
                return true;
            }
            return false;
        }

        /** Closed, or in TIME-WAIT with the ACK of the server's FIN already sent. */
        static boolean isClosed(TcpConnection connection, long now) {
            TcpState state = connection.state();
            return state == TcpState.CLOSED || state == TcpState.TIME_WAIT && connection.pollAt() > now;
        }

        @Override
        public long wakeAt() {
            return since < 0 ? Long.MAX_VALUE : since + CLOSE_GRACE_NANOS;
        }

        @Override
        public void interrupt(long now) {
            for (Idle entry : connections) {
                entry.connection().abort();
            }
        }
    }
}
