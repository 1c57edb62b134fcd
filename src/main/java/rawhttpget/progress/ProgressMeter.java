package rawhttpget.progress;

/**
 * The numbers behind both progress renderings ({@link BarProgress}, {@link DotProgress}): what the file held
 * before this run, its announced size, when the body started, how much of it has come, and the recent rate.
 * Time is in nanoseconds on any monotonic scale, always an argument.
 */
final class ProgressMeter {
    private final RateWindow rate = new RateWindow();
    private long alreadyHave;
    private long total;
    private long startedAt;
    private long received;

    /** See {@link Progress#start}: {@code total} is -1 when the server did not say. */
    void start(long alreadyHave, long total, long now) {
        this.alreadyHave = alreadyHave;
        this.total = total;
        this.startedAt = now;
        rate.add(now, 0);
    }

    /** {@code received}: body bytes of this run so far. */
    void update(long received, long now) {
        this.received = received;
        rate.add(now, received);
    }

    /** The body ended at {@code now}: the last stretch counts in the recent rate. */
    void finish(long now) {
        rate.add(now, received);
    }

    long alreadyHave() {
        return alreadyHave;
    }

    long received() {
        return received;
    }

    /** Bytes of the file so far: what it had, and what this run added. */
    long have() {
        return alreadyHave + received;
    }

    long total() {
        return total;
    }

    boolean sizeKnown() {
        return total > 0;
    }

    long startedAt() {
        return startedAt;
    }

    long elapsed(long now) {
        return now - startedAt;
    }

    /** How much of the file {@code have} bytes are, 0 to 100 (more than announced still says 100); needs the size. */
    int percent(long have) {
        return (int) Math.min(100, have * 100 / total);
    }

    /** Bytes per second over the last few seconds ({@link RateWindow}); -1 if unknown. */
    double recentRate() {
        return rate.bytesPerSecond();
    }

    /** Bytes per second of this run from start to {@code now}; -1 before any time has passed. */
    double averageRate(long now) {
        long elapsed = elapsed(now);
        return elapsed <= 0 ? -1 : received * 1e9 / elapsed;
    }

    /**
     * Nanoseconds until the file is whole, from {@code have} bytes at {@code perSecond}; -1 when that cannot be
     * said: no size, no rate, or nothing left to come.
     */
    long etaNanos(long have, double perSecond) {
        if (total <= 0 || perSecond <= 0 || have >= total) {
            return -1;
        }
        return (long) ((total - have) / perSecond * 1e9);
    }
}
