package rawhttpget.time;

/** The real monotonic clock; only the command-line loop uses it. */
public final class SystemClock implements Clock {
    public static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public long nanos() {
        return System.nanoTime();
    }
}
