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

    /** RFC 9293 §3.3.2's transition when our FIN leaves; this state where it makes none. */
    TcpState afterFinSent() {
        return switch (this) {
            case ESTABLISHED -> FIN_WAIT_1;
            case CLOSE_WAIT -> LAST_ACK;
            default -> this;
        };
    }

    /** The transition when the peer acknowledges our FIN. */
    TcpState afterFinAcked() {
        return switch (this) {
            case FIN_WAIT_1 -> FIN_WAIT_2;
            case CLOSING -> TIME_WAIT;
            case LAST_ACK -> CLOSED;
            default -> this;
        };
    }

    /** The transition when the peer's FIN arrives in order. */
    TcpState afterFinReceived() {
        return switch (this) {
            case ESTABLISHED -> CLOSE_WAIT;
            case FIN_WAIT_1 -> CLOSING;
            case FIN_WAIT_2 -> TIME_WAIT;
            default -> this;
        };
    }
}
