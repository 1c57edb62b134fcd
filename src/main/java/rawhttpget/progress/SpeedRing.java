package rawhttpget.progress;

/**
 * The bar's current rate as wget keeps it: bytes are gathered until at least 0.15 s have passed, then stored as
 * one sample in a ring of twenty; the rate is the ring's bytes over the ring's time, plus what is gathering. So
 * the rate follows the last few seconds without jumping at each burst a rate-limited server sends.
 * Seconds are counted from the start of the body.
 */
final class SpeedRing {
    static final int SAMPLES = 20;
    static final double SAMPLE_SECONDS = 0.15;

    private final double[] times = new double[SAMPLES];
    private final long[] bytes = new long[SAMPLES];
    private int next;
    private double totalTime;
    private long totalBytes;
    private double recentStart;
    private long recentBytes;

    /** {@code howMuch} more bytes arrived at {@code seconds}. */
    void add(long howMuch, double seconds) {
        recentBytes += howMuch;
        double recentAge = seconds - recentStart;
        if (recentAge < SAMPLE_SECONDS || howMuch == 0) {
            return;
        }
        totalTime += recentAge - times[next];
        totalBytes += recentBytes - bytes[next];
        times[next] = recentAge;
        bytes[next] = recentBytes;
        next = (next + 1) % SAMPLES;
        recentStart = seconds;
        recentBytes = 0;
    }

    /** Bytes per second at {@code seconds}, or -1 before a first sample is in the ring. */
    double bytesPerSecond(double seconds) {
        if (totalTime <= 0 || totalBytes == 0) {
            return -1;
        }
        return (totalBytes + recentBytes) / (totalTime + (seconds - recentStart));
    }
}
