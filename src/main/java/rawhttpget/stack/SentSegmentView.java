package rawhttpget.stack;

import rawhttpget.tcp.SegmentObserver;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpOptions;
import rawhttpget.tcp.TcpSegment;

/** Reads a segment the stack has just sent back out of its transmit buffer, for the {@link SegmentObserver}. */
final class SentSegmentView {
    private final TcpSegment segment = new TcpSegment();
    private final TcpOptions options = new TcpOptions();

    /** Tells {@code observer} of the segment {@code c} wrote at {@code off}. */
    void observe(SegmentObserver observer, byte[] tx, int off, int length, TcpConnection c, long now) {
        if (segment.wrap(tx, off, length) == null && segment.parseOptions(options) == null) {
            observer.segment(c, now, true, segment, options);
        }
    }
}
