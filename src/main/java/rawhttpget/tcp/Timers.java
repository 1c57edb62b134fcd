package rawhttpget.tcp;

/**
 * A connection's timers, as data: each is the time it fires, or {@link #NEVER} when it is stopped. The
 * connection compares them with the {@code now} its owner passes in, and {@link #earliest} tells the owner
 * when to come back; nothing here reads a clock.
 */
final class Timers {
    static final long NEVER = Long.MAX_VALUE;
    /** RFC 9293 §3.8.6.1: the interval between zero-window probes grows exponentially; Linux caps the shift. */
    private static final int MAX_PERSIST_BACKOFF = 16;

    /** RFC 6298: resend from SND.UNA when this passes with data outstanding. */
    long retransmitAt = NEVER;
    /** Zero-window probe (RFC 9293 §3.8.6.1). */
    long persistAt = NEVER;
    /** Probes sent since the peer's window closed: each doubles the interval to the next. */
    int persistBackoff;
    /** Delayed ACK (RFC 5681 §4.2, at most the configured 40 ms). */
    long delayedAckAt = NEVER;
    /** End of TIME-WAIT. */
    long timeWaitUntil = NEVER;
    /** When the peer last sent something acceptable: the idle timeout counts from here. */
    long lastHeardAt;

    static boolean due(long at, long now) {
        return at != NEVER && now - at >= 0;
    }

    /** The earlier of two times, either possibly {@link #NEVER}, compared wrap-safe as nanoTime values are. */
    static long min(long a, long b) {
        if (a == NEVER) {
            return b;
        }
        if (b == NEVER) {
            return a;
        }
        return a - b <= 0 ? a : b;
    }

    /** Arms the persist timer unless it is already running: probes keep their backed-off schedule. */
    void armPersist(long now, long rto) {
        if (persistAt == NEVER) {
            persistAt = now + rto;
        }
    }

    /** A probe just left: the next one waits twice as long as the last, up to {@code maxRto}. */
    void persistProbeSent(long now, long rto, long maxRto) {
        persistBackoff = Math.min(persistBackoff + 1, MAX_PERSIST_BACKOFF);
        persistAt = now + Math.min(rto << persistBackoff, maxRto);
    }

    /** The peer's window opened: no more probes, and the next closing starts from one RTO again. */
    void stopPersist() {
        persistAt = NEVER;
        persistBackoff = 0;
    }

    /** The connection ended: nothing fires any more (TIME-WAIT and the idle clock are the caller's business). */
    void stopTransmissionTimers() {
        retransmitAt = NEVER;
        delayedAckAt = NEVER;
        persistAt = NEVER;
    }

    /**
     * The next time something fires: the end of TIME-WAIT in that state, else the idle timeout, and any
     * running retransmission, delayed-ACK or persist timer.
     */
    long earliest(boolean inTimeWait, long idleTimeoutNanos) {
        long at = inTimeWait ? timeWaitUntil : lastHeardAt + idleTimeoutNanos;
        at = min(at, retransmitAt);
        at = min(at, delayedAckAt);
        return min(at, persistAt);
    }
}
