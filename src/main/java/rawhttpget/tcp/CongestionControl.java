package rawhttpget.tcp;

/**
 * How much we may have in flight. The connection tells the algorithm what happened; the algorithm never
 * sees segments, clocks or buffers, so each one can be tested alone.
 */
public interface CongestionControl {

    /** Bytes the congestion window allows in flight. */
    int window();

    /** New data was cumulatively acknowledged outside recovery. */
    void onAck(int ackedBytes);

    /** The third duplicate ACK: loss is inferred; {@code flightSize} is what was outstanding. */
    void onFastRetransmit(int flightSize);

    /** A partial or full ACK arrived during fast recovery. */
    void onRecoveryAck(int ackedBytes, boolean recoveryComplete);

    /** Another duplicate ACK during fast recovery: one more segment has left the network. */
    void onDuplicateAckInRecovery();

    /** The retransmission timer expired. */
    void onTimeout(int flightSize);

    String name();
}
