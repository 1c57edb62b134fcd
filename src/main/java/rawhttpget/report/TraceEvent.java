package rawhttpget.report;

/**
 * A notable moment of a connection, for the report's table and the graph's zoom: {@code seq} is where on the
 * sequence axis it happened (relative, in the direction the kind names), {@code time} on the run's clock.
 */
record TraceEvent(long time, String kind, String text, long seq) {
    /** Kinds, as the JSON names them. */
    static final String RETRANSMISSION_SEEN = "retransmission";
    static final String HOLE = "hole";
    static final String DSACK = "dsack";
    static final String WINDOW_CLOSED = "window-closed";
    static final String WINDOW_OPENED = "window-opened";
    static final String PEER_WINDOW_CLOSED = "peer-window-closed";
    static final String RETRANSMISSION_SENT = "retransmission-sent";
    static final String RST = "rst";
    static final String FIN = "fin";
    static final String ICMP = "icmp";
}
