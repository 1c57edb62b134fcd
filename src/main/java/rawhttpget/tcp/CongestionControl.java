package rawhttpget.tcp;

/**
 * How much we may have in flight. The connection tells the algorithm what happened, and when; the algorithm
 * never sees segments, clocks or buffers, so each one can be tested alone. {@code now} is for algorithms
 * whose window grows with time (CUBIC); NewReno counts bytes only.
 */
public interface CongestionControl {

    /** Bytes the congestion window allows in flight. */
    int window();

    /** New data was cumulatively acknowledged outside recovery. */
    void onAck(int ackedBytes, long now);

    /** The third duplicate ACK without SACK: NewReno fast retransmit; {@code flightSize} was outstanding. */
    void onFastRetransmit(int flightSize, long now);

    /**
     * SACK showed a loss (RFC 6675 §5 step 4.2): the window halves once. Unlike {@link #onFastRetransmit} it
     * is not inflated for the segments that left: the sender's pipe estimate counts those.
     */
    void onSackRecovery(int flightSize, long now);

    /** A partial or full ACK arrived during NewReno recovery, or recovery of either kind completed. */
    void onRecoveryAck(int ackedBytes, boolean recoveryComplete, long now);

    /** Another duplicate ACK during NewReno fast recovery: one more segment has left the network. */
    void onDuplicateAckInRecovery(long now);

    /** The retransmission timer expired. */
    void onTimeout(int flightSize, long now);

    String name();
}
