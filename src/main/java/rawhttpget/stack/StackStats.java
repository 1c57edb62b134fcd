package rawhttpget.stack;

/** Frame-level counters for the end-of-run report. */
public final class StackStats {
    public long framesIn;
    public long framesOut;
    /** Of {@link #framesIn} and {@link #framesOut}, those that carried IPv6 (Neighbor Discovery included). */
    public long ipv6FramesIn;
    public long ipv6FramesOut;
    /** Every dropped frame, whatever the reason; {@link #dropped} tells them apart. */
    public long framesDropped;
    /** GRO/LRO super-frames accepted without a verifiable TCP checksum (see ReceiveCoalescing). */
    public long coalescedSegments;
    /** Segments from a local peer accepted with a partial checksum (see ReceiveCoalescing). */
    public long partialChecksumSegments;
    public long framesUnsentNoArp;
    private final long[] drops = new long[DropReason.values().length];

    /** Counts one frame dropped for {@code reason}. */
    public void count(DropReason reason) {
        framesDropped++;
        drops[reason.ordinal()]++;
    }

    /** How many frames were dropped for {@code reason}. */
    public long dropped(DropReason reason) {
        return drops[reason.ordinal()];
    }
}
