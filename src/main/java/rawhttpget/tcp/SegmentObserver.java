package rawhttpget.tcp;

/**
 * Watches a run's TCP segments as they cross the wire, for {@code --report} and {@code --events}. The stack calls
 * it only when one is set, so a run without either pays nothing: no call, no copy, no allocation. Time is an
 * argument, the stack's own {@code now}; the segment and options are views valid only during the call.
 */
public interface SegmentObserver {
    /**
     * A segment of {@code connection} arrived (before the connection processed it) or left (after it was framed
     * and handed to the link).
     */
    void segment(TcpConnection connection, long now, boolean outgoing, TcpSegment segment, TcpOptions options);

    /** The connection has processed the segment that just arrived: what it decided can be read from it now. */
    void processed(TcpConnection connection, long now);

    /** Something the stack learned about the connection outside TCP, such as an ICMP error. */
    void event(TcpConnection connection, long now, String kind, String text);
}
