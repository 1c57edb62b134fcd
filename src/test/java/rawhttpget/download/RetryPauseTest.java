package rawhttpget.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.time.ManualClock;
import rawhttpget.time.ManualSleeper;

import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;

/** The wait between tries, in virtual time: 100 ms slices, and a signal ends it before the next slice. */
class RetryPauseTest {
    private final ManualClock clock = new ManualClock(5_000_000_000L);
    private final ManualSleeper sleeper = new ManualSleeper(clock);
    private final RetryPause pause = new RetryPause(clock, sleeper);

    @Test
    void waitsTheSecondsInHundredMillisecondSlices() throws DownloadException {
        pause.pause(2, () -> null);

        assertThat(sleeper.sleeps()).isEqualTo(Collections.nCopies(20, 100_000_000L));
        assertThat(clock.nanos()).isEqualTo(7_000_000_000L);
    }

    @Test
    void zeroSecondsDoesNotSleep() throws DownloadException {
        pause.pause(0, () -> null);

        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void ctrlCDuringThePauseEndsItAsInterrupted() {
        AtomicInteger checks = new AtomicInteger();

        assertThatThrownBy(() -> pause.pause(10, () -> checks.incrementAndGet() > 3 ? ExitCode.INTERRUPTED_SIGINT : null))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.INTERRUPTED_SIGINT);
                    assertThat(e.getMessage()).isEqualTo("interrupted");
                });
        assertThat(sleeper.sleeps()).hasSize(3);
    }

    @Test
    void sigtermDuringThePauseEndsItAsTerminated() {
        assertThatThrownBy(() -> pause.pause(10, () -> ExitCode.INTERRUPTED_SIGTERM))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.INTERRUPTED_SIGTERM);
                    assertThat(e.getMessage()).isEqualTo("terminated");
                });
        assertThat(sleeper.sleeps()).isEmpty();
    }
}
