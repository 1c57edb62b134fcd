package rawhttpget.runtime;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.link.Link;
import rawhttpget.time.Clock;

/**
 * How the event loop spends the time until its next deadline. It is the loop's strategy, not the link's: only the
 * loop knows the deadline, and in virtual time waiting means moving a ManualClock to it, which a link must not do
 * (the stack's tests drive their MemoryLink and their clock by hand). In real time it is the link's wait for frames.
 */
@FunctionalInterface
public interface Waiter {
    /** Upper bound on one real wait, so signals and deadlines are noticed promptly on a quiet line. */
    long MAX_WAIT_NANOS = 100_000_000L;

    /**
     * Returns when a frame may have arrived or {@code deadline} (the clock's time; Long.MAX_VALUE for none) has
     * come, or earlier.
     */
    void awaitFramesUntil(long deadline) throws InterruptedException;

    /** The event loop's wait: for frames until {@code at}, unless it is due already at {@code now}. */
    default void awaitUnlessDue(long at, long now) throws DownloadException {
        if (at == Long.MAX_VALUE || at - now > 0) {
            try {
                awaitFramesUntil(at);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException(ExitCode.GENERIC, "interrupted while waiting for frames");
            }
        }
    }

    /** Real time: sleeps on the link, at most {@link #MAX_WAIT_NANOS} at a time. */
    static Waiter onLink(Link link, Clock clock) {
        return deadline -> {
            long wait = deadline == Long.MAX_VALUE ? MAX_WAIT_NANOS : deadline - clock.nanos();
            if (wait > 0) {
                link.awaitFrames(Math.min(wait, MAX_WAIT_NANOS));
            }
        };
    }
}
