package rawhttpget.tcp;

/**
 * The retransmission timeout of RFC 6298: SRTT and RTTVAR from samples, RTO = SRTT + 4·RTTVAR bounded to
 * [min, max], 1 s before the first sample, doubled on each expiry (backoff) until a new sample arrives.
 * Keeps the minimum, mean and maximum sample for the end-of-run report.
 */
public final class RttEstimator {
    static final long INITIAL_RTO = 1_000_000_000L;
    private static final long CLOCK_GRANULARITY = 1_000_000L;

    private final long minRto;
    private final long maxRto;
    private long srtt = -1;
    private long rttvar;
    private long rto = INITIAL_RTO;
    private int backoffs;
    private long samples;
    private long minSample = Long.MAX_VALUE;
    private long maxSample;
    private long sumSamples;
    private long lastSample = -1;

    public RttEstimator(long minRtoNanos, long maxRtoNanos) {
        this.minRto = minRtoNanos;
        this.maxRto = maxRtoNanos;
    }

    /** A round-trip measurement, taken only from segments never retransmitted (Karn) or from timestamps. */
    public void sample(long rttNanos) {
        if (rttNanos < 0) {
            return;
        }
        if (srtt < 0) {
            srtt = rttNanos;
            rttvar = rttNanos / 2;
        } else {
            rttvar = (3 * rttvar + Math.abs(srtt - rttNanos)) / 4;
            srtt = (7 * srtt + rttNanos) / 8;
        }
        backoffs = 0;
        rto = clamp(srtt + Math.max(CLOCK_GRANULARITY, 4 * rttvar));
        samples++;
        minSample = Math.min(minSample, rttNanos);
        maxSample = Math.max(maxSample, rttNanos);
        sumSamples += rttNanos;
        lastSample = rttNanos;
    }

    /** The timer expired: double the timeout (RFC 6298 §5.5). */
    public void backOff() {
        backoffs++;
        rto = clamp(rto * 2);
    }

    public long rto() {
        return rto;
    }

    public int backoffs() {
        return backoffs;
    }

    public long srtt() {
        return srtt;
    }

    public long samples() {
        return samples;
    }

    /** The newest sample, or -1 before the first. */
    public long lastSample() {
        return lastSample;
    }

    public long minSample() {
        return samples == 0 ? 0 : minSample;
    }

    public long maxSample() {
        return maxSample;
    }

    public long meanSample() {
        return samples == 0 ? 0 : sumSamples / samples;
    }

    private long clamp(long v) {
        return Math.max(minRto, Math.min(maxRto, v));
    }
}
