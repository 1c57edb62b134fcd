package rawhttpget.tcp;

/** Counters for the end-of-run report, in the spirit of {@code netstat -s} and {@code ss -ti}. */
public final class TcpStats {
    /** Segments that reached the connection (checksum good, addressed to it), acceptable or not. */
    public long segmentsIn;
    /** Segments the connection sent, retransmissions included. */
    public long segmentsOut;
    /** Payload bytes of every segment counted in {@link #segmentsIn}: what arrived, duplicates included. */
    public long payloadBytesIn;
    /** Payload bytes of every segment counted in {@link #segmentsOut}, retransmissions included. */
    public long payloadBytesOut;
    /** Segments sent again (after a timeout, a fast retransmit or a partial ACK). */
    public long retransmissions;
    /** Retransmission timer expiries. */
    public long timeouts;
    /** Losses inferred from three duplicate ACKs. */
    public long fastRetransmits;
    public long duplicateSegments;
    public long outOfOrderSegments;
    public long sackBlocksSent;
    public long dsackBlocksSent;
    public long pureAcksSent;
    /** Segments we sent with a zero window. */
    public long zeroWindowsAdvertised;
    /** Times our advertised window closed to zero (from a non-zero one). */
    public long zeroWindowEvents;
    /** Times the peer's window closed to zero. */
    public long peerZeroWindows;
    public long largestWindowAdvertised;
    /** The smallest window a non-SYN segment of ours advertised; Long.MAX_VALUE before any. */
    public long smallestWindowAdvertised = Long.MAX_VALUE;
    /** --limit-rate: the rate reads from the receive buffer were paced to, bytes a second; 0 when unpaced. */
    public long readRateLimit;
    /** Reads the pacer cut short with bytes still waiting: each left the window to the pace of the reads. */
    public long pacedReads;
    public long challengeAcks;
    public long pawsRejected;
    public long unacceptableSegments;
    public long windowUpdates;

    /** Segments that always deserve an immediate answer: out of order, duplicate, unacceptable, PAWS, challenged. */
    public long unusualSegments() {
        return outOfOrderSegments + duplicateSegments + unacceptableSegments + pawsRejected + challengeAcks;
    }
}
