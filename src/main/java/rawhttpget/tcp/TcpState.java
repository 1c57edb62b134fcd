package rawhttpget.tcp;

/** Connection states of RFC 9293 §3.3.2 that an actively opening client can be in. */
public enum TcpState {
    CLOSED, SYN_SENT, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSING, TIME_WAIT, CLOSE_WAIT, LAST_ACK;

    /** States in which the peer's sequence numbers are known (RFC 9293 "synchronized"). */
    public boolean isSynchronized() {
        return this != CLOSED && this != SYN_SENT;
    }

    /** States in which the peer may still send us data. */
    public boolean acceptsData() {
        return this == ESTABLISHED || this == FIN_WAIT_1 || this == FIN_WAIT_2;
    }
}
