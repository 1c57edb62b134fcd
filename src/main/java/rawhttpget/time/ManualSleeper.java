package rawhttpget.time;

import java.util.ArrayList;
import java.util.List;

/** A sleep that returns at once and moves a {@link ManualClock} on instead: virtual time for tests. */
public final class ManualSleeper implements Sleeper {
    private final ManualClock clock;
    private final List<Long> sleeps = new ArrayList<>();

    public ManualSleeper(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(long nanos) {
        sleeps.add(nanos);
        clock.advance(nanos);
    }

    /** Every sleep asked for so far, in nanoseconds, in order. */
    public List<Long> sleeps() {
        return List.copyOf(sleeps);
    }
}
