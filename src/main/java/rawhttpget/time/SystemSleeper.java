package rawhttpget.time;

/** The real sleep: the calling thread waits, to the millisecond. */
public final class SystemSleeper implements Sleeper {
    public static final SystemSleeper INSTANCE = new SystemSleeper();

    private SystemSleeper() {
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        Thread.sleep(nanos / 1_000_000L);
    }
}
