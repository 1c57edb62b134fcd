package rawhttpget.stack;

/** Frame-level counters for the end-of-run report. */
public final class StackStats {
    public long framesIn;
    public long framesOut;
    public long framesDropped;
    public long ipChecksumErrors;
    public long tcpChecksumErrors;
    public long icmpChecksumErrors;
    /** GRO/LRO super-frames accepted without a verifiable TCP checksum (see ReceiveCoalescing). */
    public long coalescedSegments;
    public long framesUnsentNoArp;
}
