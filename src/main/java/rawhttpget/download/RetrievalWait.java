package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * wget's -w/--wait and --random-wait (sleep_between_retrievals in wget 1.21.3's retr.c): a pause before every
 * request of the run but its very first one, redirect hops included, each a new retrieval. A try after a failure
 * waits --waitretry's 1, 2, ... s instead ({@link Backoff}), as wget does while --waitretry is above 0 (its
 * default); with --waitretry=0 it waits --wait. --random-wait makes a new retrieval's pause (0.5 + r) × wait, r in
 * [0, 1), so that it averages --wait; a try after a failure always waits --wait itself.
 */
final class RetrievalWait {
    private final double waitSeconds;
    private final boolean random;
    private final long waitRetrySeconds;
    /** r in [0, 1) for each random pause. */
    private final DoubleSupplier randomFraction;
    private final AtomicBoolean first = new AtomicBoolean(true);

    RetrievalWait(double waitSeconds, boolean random, long waitRetrySeconds, DoubleSupplier randomFraction) {
        this.waitSeconds = waitSeconds;
        this.random = random;
        this.waitRetrySeconds = waitRetrySeconds;
        this.randomFraction = randomFraction;
    }

    /** Before a request: {@code tryNumber} 1 for a new retrieval (a URL or a redirect hop), 2 on for a try again. */
    void beforeRequest(int tryNumber, RetryPause pause, Supplier<ExitCode> signals) throws DownloadException {
        if (first.getAndSet(false) || waitSeconds <= 0 || tryNumber > 1 && waitRetrySeconds > 0) {
            return;
        }
        double seconds = random && tryNumber == 1 ? (0.5 + randomFraction.getAsDouble()) * waitSeconds : waitSeconds;
        pause.pauseNanos(Math.round(seconds * 1e9), signals);
    }
}
