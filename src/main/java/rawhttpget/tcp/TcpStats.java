package rawhttpget.tcp;

/** Counters for the end-of-run report, in the spirit of {@code netstat -s} and {@code ss -ti}. */
public final class TcpStats {
    public long segmentsIn;
    public long segmentsOut;
    public long payloadBytesIn;
    public long payloadBytesOut;
    public long retransmissions;
    public long duplicateSegments;
    public long outOfOrderSegments;
    public long sackBlocksSent;
    public long dsackBlocksSent;
    public long pureAcksSent;
    public long zeroWindowsAdvertised;
    public long largestWindowAdvertised;
    public long challengeAcks;
    public long pawsRejected;
    public long unacceptableSegments;
    public long windowUpdates;
}
