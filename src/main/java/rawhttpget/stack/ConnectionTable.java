package rawhttpget.stack;

import rawhttpget.inet.Ipv6Address;
import rawhttpget.tcp.SegmentOutput;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpState;

import java.util.ArrayList;
import java.util.List;

/**
 * The stack's open connections of both families, found by the segment's addresses and ports. Loops are indexed,
 * not for-each: they run once per frame or poll, and until C2 compiles them an iterator is an allocation.
 */
final class ConnectionTable {
    private final List<TcpConnection> connections = new ArrayList<>();

    void add(TcpConnection c) {
        connections.add(c);
    }

    TcpConnection find(int remoteIp, int remotePort, int localPort) {
        for (int i = 0; i < connections.size(); i++) {
            TcpConnection c = connections.get(i);
            // An IPv6 connection's remoteIp is 0, which no IPv4 peer of ours has.
            if (c.remoteIp() == remoteIp && remoteIp != 0 && c.remotePort() == remotePort && c.localPort() == localPort) {
                return c;
            }
        }
        return null;
    }

    TcpConnection find(Ipv6Address remote, int remotePort, int localPort) {
        for (int i = 0; i < connections.size(); i++) {
            TcpConnection c = connections.get(i);
            if (c.remotePort() == remotePort && c.localPort() == localPort && remote.equals(c.remoteAddress())) {
                return c;
            }
        }
        return null;
    }

    /** The same with the remote address read in place ({@code b} at {@code off}): no address built per segment. */
    TcpConnection find(byte[] b, int off, int remotePort, int localPort) {
        for (int i = 0; i < connections.size(); i++) {
            TcpConnection c = connections.get(i);
            if (c.remotePort() == remotePort && c.localPort() == localPort
                    && c.remoteAddress() instanceof Ipv6Address remote && remote.equalsAt(b, off)) {
                return c;
            }
        }
        return null;
    }

    /** Lets every connection transmit and run its timers, then forgets those that are closed and read out. */
    void poll(long now, SegmentOutput out) {
        for (int i = 0; i < connections.size(); i++) {
            connections.get(i).poll(now, out);
        }
        connections.removeIf(c -> c.state() == TcpState.CLOSED && c.pollAt() == Long.MAX_VALUE && c.readable() == 0);
    }

    /** The earlier of {@code at} and every connection's next deadline (Long.MAX_VALUE: none). */
    long pollAt(long at) {
        for (int i = 0; i < connections.size(); i++) {
            at = earlier(at, connections.get(i).pollAt());
        }
        return at;
    }

    static long earlier(long at, long t) {
        return t != Long.MAX_VALUE && (at == Long.MAX_VALUE || t - at < 0) ? t : at;
    }
}
