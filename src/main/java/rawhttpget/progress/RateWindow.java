package rawhttpget.progress;

/**
 * The recent transfer rate: bytes over the last few seconds rather than since the start, so the rate and the
 * ETA follow a download that speeds up or stalls, as wget's do. Samples are kept in a small ring.
 */
final class RateWindow {
    static final long WINDOW_NANOS = 3_000_000_000L;
    private static final int SAMPLES = 32;

    private final long[] times = new long[SAMPLES];
    private final long[] counts = new long[SAMPLES];
    private int size;
    private int newest = -1;

    /** Records that {@code bytes} had arrived in total at {@code now}. */
    void add(long now, long bytes) {
        if (size > 0 && now - times[newest] < WINDOW_NANOS / SAMPLES) {
            counts[newest] = bytes; // too close to the last sample to be worth a slot of its own
            return;
        }
        newest = (newest + 1) % SAMPLES;
        times[newest] = now;
        counts[newest] = bytes;
        size = Math.min(size + 1, SAMPLES);
    }

    /** Bytes per second between the oldest sample still inside the window and the newest; -1 if unknown. */
    double bytesPerSecond() {
        if (size < 2) {
            return -1;
        }
        int oldest = newest;
        for (int i = 1; i < size; i++) {
            int candidate = Math.floorMod(newest - i, SAMPLES);
            if (times[newest] - times[candidate] > WINDOW_NANOS) {
                break;
            }
            oldest = candidate;
        }
        if (oldest == newest) {
            oldest = Math.floorMod(newest - 1, SAMPLES);
        }
        long elapsed = times[newest] - times[oldest];
        return elapsed <= 0 ? -1 : (counts[newest] - counts[oldest]) * 1e9 / elapsed;
    }
}
