package rawhttpget.time;

import java.time.Instant;

/**
 * Another clock's readings as nanoseconds since the Unix epoch: the offset between the two is taken once, so
 * the result moves exactly as the underlying (monotonic) clock does. A pcap trace stamped with it shows the
 * stack's own time, on the calendar.
 */
public final class EpochClock implements Clock {
    private final Clock base;
    private final long offset;

    /** {@code epochNanosNow}: the wall-clock time at which {@code base} reads what it reads now. */
    public EpochClock(Clock base, long epochNanosNow) {
        this.base = base;
        this.offset = epochNanosNow - base.nanos();
    }

    /** Anchored to the system's wall clock now. */
    public static EpochClock anchoredNow(Clock base) {
        Instant now = Instant.now();
        return new EpochClock(base, now.getEpochSecond() * 1_000_000_000L + now.getNano());
    }

    @Override
    public long nanos() {
        return base.nanos() + offset;
    }
}
