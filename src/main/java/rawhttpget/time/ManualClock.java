package rawhttpget.time;

/** A clock that moves only when told to: virtual time for tests. */
public final class ManualClock implements Clock {
    private long now;

    public ManualClock(long startNanos) {
        this.now = startNanos;
    }

    @Override
    public long nanos() {
        return now;
    }

    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time does not go back: " + nanos);
        }
        now += nanos;
    }

    public void set(long nanos) {
        if (nanos < now) {
            throw new IllegalArgumentException("time does not go back: " + nanos + " < " + now);
        }
        now = nanos;
    }
}
