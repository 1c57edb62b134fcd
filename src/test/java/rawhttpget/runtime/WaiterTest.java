package rawhttpget.runtime;

import org.junit.jupiter.api.Test;
import rawhttpget.link.FrameHandler;
import rawhttpget.link.Link;
import rawhttpget.time.ManualClock;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WaiterTest {
    /** Records the waits asked of it instead of waiting. */
    private static final class WaitRecordingLink implements Link {
        final List<Long> waits = new ArrayList<>();

        @Override
        public int receive(FrameHandler handler) {
            return 0;
        }

        @Override
        public void send(byte[] frame, int offset, int length) {
        }

        @Override
        public void awaitFrames(long timeoutNanos) {
            waits.add(timeoutNanos);
        }

        @Override
        public void close() {
        }
    }

    private final ManualClock clock = new ManualClock(5_000_000_000L);
    private final WaitRecordingLink link = new WaitRecordingLink();
    private final Waiter waiter = Waiter.onLink(link, clock);

    @Test
    void waitsOnTheLinkUntilTheDeadline() throws InterruptedException {
        waiter.awaitFramesUntil(clock.nanos() + 30_000_000L);

        assertThat(link.waits).containsExactly(30_000_000L);
    }

    @Test
    void wakesAtLeastEveryHundredMillisecondsToSeeSignals() throws InterruptedException {
        waiter.awaitFramesUntil(clock.nanos() + 60_000_000_000L);
        waiter.awaitFramesUntil(Long.MAX_VALUE);

        assertThat(link.waits).containsExactly(Waiter.MAX_WAIT_NANOS, Waiter.MAX_WAIT_NANOS);
        assertThat(Waiter.MAX_WAIT_NANOS).isEqualTo(100_000_000L);
    }

    @Test
    void doesNotWaitForADeadlineAlreadyPassed() throws InterruptedException {
        waiter.awaitFramesUntil(clock.nanos());
        waiter.awaitFramesUntil(clock.nanos() - 1);

        assertThat(link.waits).isEmpty();
    }
}
