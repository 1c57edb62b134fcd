package rawhttpget.tcp;

/**
 * The zero-window probe timer (RFC 9293 §3.8.6.1): while the peer's window is shut and data waits, a probe
 * leaves when it fires, and the interval to the next one doubles each time.
 */
final class PersistTimer {
    /** The interval grows exponentially; Linux caps the shift. */
    private static final int MAX_BACKOFF = 16;

    private final Timer timer = new Timer();
    /** Probes sent since the peer's window closed: each doubles the interval to the next. */
    private int backoff;

    /** Starts the timer unless it is already running: probes keep their backed-off schedule. */
    void armUnlessRunning(long now, long rto) {
        timer.armUnlessRunning(now + rto);
    }

    /** A probe just left: the next one waits twice as long as the last, up to {@code maxRto}. */
    void probeSent(long now, long rto, long maxRto) {
        backoff = Math.min(backoff + 1, MAX_BACKOFF);
        timer.arm(now + Math.min(rto << backoff, maxRto));
    }

    /** The peer's window opened: no more probes, and the next closing starts from one RTO again. */
    void windowOpened() {
        timer.cancel();
        backoff = 0;
    }

    /** The connection ended: no probe fires any more. */
    void cancel() {
        timer.cancel();
    }

    boolean isExpired(long now) {
        return timer.isExpired(now);
    }

    long deadline() {
        return timer.deadline();
    }
}
