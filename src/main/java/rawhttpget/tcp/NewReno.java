package rawhttpget.tcp;

/**
 * Slow start and congestion avoidance (RFC 5681) with NewReno fast recovery (RFC 6582), counted in bytes;
 * with SACK the window halves once and the sender's pipe estimate does the rest (RFC 6675).
 * The initial window follows RFC 6928 (ten segments), as Linux does.
 */
public final class NewReno implements CongestionControl {
    private final int mss;
    private int cwnd;
    private int ssthresh = Integer.MAX_VALUE;
    private int bytesAckedInAvoidance;

    public NewReno(int mss) {
        this.mss = mss;
        this.cwnd = 10 * mss;
    }

    @Override
    public int window() {
        return cwnd;
    }

    public int slowStartThreshold() {
        return ssthresh;
    }

    @Override
    public void onAck(int ackedBytes, long now) {
        if (cwnd < ssthresh) {
            // RFC 5681 §3.1: grow by at most one MSS per ACK in slow start (appropriate byte counting, L=1).
            cwnd = saturatingAdd(cwnd, Math.min(ackedBytes, mss));
        } else {
            bytesAckedInAvoidance += ackedBytes;
            if (bytesAckedInAvoidance >= cwnd) {
                bytesAckedInAvoidance -= cwnd;
                cwnd = saturatingAdd(cwnd, mss);
            }
        }
    }

    @Override
    public void onFastRetransmit(int flightSize, long now) {
        ssthresh = halved(flightSize);
        cwnd = ssthresh + 3 * mss;
    }

    @Override
    public void onSackRecovery(int flightSize, long now) {
        ssthresh = halved(flightSize);
        cwnd = ssthresh;
    }

    @Override
    public void onRecoveryAck(int ackedBytes, boolean recoveryComplete, long now) {
        if (recoveryComplete) {
            cwnd = ssthresh;
        } else {
            // RFC 6582 §3.2 step 5: deflate by what was acknowledged, add back one MSS.
            cwnd = Math.max(cwnd - ackedBytes + (ackedBytes >= mss ? mss : 0), mss);
        }
    }

    @Override
    public void onDuplicateAckInRecovery(long now) {
        cwnd = saturatingAdd(cwnd, mss);
    }

    @Override
    public void onTimeout(int flightSize, long now) {
        ssthresh = halved(flightSize);
        cwnd = mss;
        bytesAckedInAvoidance = 0;
    }

    @Override
    public String name() {
        return "newreno";
    }

    /** RFC 5681 equation (4): half of what was in flight, never below two segments. */
    private int halved(int flightSize) {
        return Math.max(flightSize / 2, 2 * mss);
    }

    private static int saturatingAdd(int a, int b) {
        int s = a + b;
        return s < 0 ? Integer.MAX_VALUE : s;
    }
}
