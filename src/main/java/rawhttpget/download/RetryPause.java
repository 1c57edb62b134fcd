package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.time.Clock;
import rawhttpget.time.Sleeper;

import java.util.function.Supplier;

/** The wait between tries, in short slices so that Ctrl-C and SIGTERM still end the run at once. */
final class RetryPause {
    static final long SLICE_NANOS = 100_000_000L;

    private final Clock clock;
    private final Sleeper sleeper;

    RetryPause(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits {@code seconds}; {@code signals} answers the signal received so far, or null for none. */
    void pause(long seconds, Supplier<ExitCode> signals) throws DownloadException {
        pauseNanos(seconds * 1_000_000_000L, signals);
    }

    /** Waits {@code nanos}, the last slice cut to what is left, so a pause of 1.25 s lasts just that. */
    void pauseNanos(long nanos, Supplier<ExitCode> signals) throws DownloadException {
        long end = clock.nanos() + nanos;
        while (clock.nanos() < end) {
            ExitCode signal = signals.get();
            if (signal != null) {
                throw DownloadException.signalled(signal);
            }
            try {
                sleeper.sleep(Math.min(SLICE_NANOS, end - clock.nanos()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException(ExitCode.GENERIC, "interrupted while waiting to try again");
            }
        }
    }
}
