package rawhttpget.link;

/**
 * What a {@link FaultInjectingLink} does to the frames of one direction. Probabilities are per frame, in
 * [0, 1]; times are nanoseconds. Each frame is delayed by {@code delayNanos} plus a uniform jitter in
 * [-jitterNanos, +jitterNanos], and frames leave in order of their due time, so jitter reorders them, as on
 * a path with several routes. With a rate, frames also queue for the wire one after another; a frame that
 * would wait longer than {@code maxQueueNanos} for it is dropped (a router's tail drop).
 */
public record LinkFaults(double dropProbability, double duplicateProbability, double corruptProbability,
                         long delayNanos, long jitterNanos, long bitsPerSecond, long maxQueueNanos) {

    public static final LinkFaults NONE = new LinkFaults(0, 0, 0, 0, 0, 0, 0);
    private static final long DEFAULT_MAX_QUEUE_NANOS = 1_000_000_000L;

    public LinkFaults {
        checkProbability("drop", dropProbability);
        checkProbability("duplicate", duplicateProbability);
        checkProbability("corrupt", corruptProbability);
        if (delayNanos < 0 || jitterNanos < 0 || bitsPerSecond < 0 || maxQueueNanos < 0) {
            throw new IllegalArgumentException("delay, jitter, rate and queue must not be negative");
        }
    }

    private static void checkProbability(String what, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " probability outside [0, 1]: " + p);
        }
    }

    public LinkFaults withDrop(double p) {
        return new LinkFaults(p, duplicateProbability, corruptProbability, delayNanos, jitterNanos, bitsPerSecond,
                maxQueueNanos);
    }

    public LinkFaults withDuplicate(double p) {
        return new LinkFaults(dropProbability, p, corruptProbability, delayNanos, jitterNanos, bitsPerSecond,
                maxQueueNanos);
    }

    /** Flips one random bit past the Ethernet header of a frame with probability {@code p}. */
    public LinkFaults withCorrupt(double p) {
        return new LinkFaults(dropProbability, duplicateProbability, p, delayNanos, jitterNanos, bitsPerSecond,
                maxQueueNanos);
    }

    public LinkFaults withDelay(long delay, long jitter) {
        return new LinkFaults(dropProbability, duplicateProbability, corruptProbability, delay, jitter, bitsPerSecond,
                maxQueueNanos);
    }

    /** Serialises frames at {@code bits} per second, dropping what would queue longer than one second. */
    public LinkFaults withRate(long bits) {
        return new LinkFaults(dropProbability, duplicateProbability, corruptProbability, delayNanos, jitterNanos, bits,
                maxQueueNanos == 0 ? DEFAULT_MAX_QUEUE_NANOS : maxQueueNanos);
    }

    public LinkFaults withMaxQueue(long nanos) {
        return new LinkFaults(dropProbability, duplicateProbability, corruptProbability, delayNanos, jitterNanos,
                bitsPerSecond, nanos);
    }

    /** True when frames pass unchanged and at once. */
    public boolean isNone() {
        return dropProbability == 0 && duplicateProbability == 0 && corruptProbability == 0 && delayNanos == 0
                && jitterNanos == 0 && bitsPerSecond == 0;
    }
}
