package rawhttpget.stack;

import rawhttpget.tcp.SegmentObserver;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpOptions;
import rawhttpget.tcp.TcpSegment;

/** Reads a segment the stack has just sent back out of its transmit buffer, for the {@link SegmentObserver}. */
final class SentSegmentView {
    /** The stack's lookup of a connection by its remote address, remote port and local port. */
    interface Connections {
        TcpConnection find(int remoteIp, int remotePort, int localPort);
    }

    private final Connections connections;
    private final TcpSegment segment = new TcpSegment();
    private final TcpOptions options = new TcpOptions();

    SentSegmentView(Connections connections) {
        this.connections = connections;
    }

    /** Tells {@code observer} of the segment at {@code off}; a segment of no connection (a stray RST) is not told. */
    void observe(SegmentObserver observer, byte[] tx, int off, int length, int remoteIp, long now) {
        if (segment.wrap(tx, off, length) != null || segment.parseOptions(options) != null) {
            return;
        }
        TcpConnection c = connections.find(remoteIp, segment.destinationPort(), segment.sourcePort());
        if (c != null) {
            observer.segment(c, now, true, segment, options);
        }
    }
}
