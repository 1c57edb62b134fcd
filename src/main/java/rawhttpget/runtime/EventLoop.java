package rawhttpget.runtime;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import rawhttpget.stack.NetworkStack;
import rawhttpget.time.Clock;
import rawhttpget.time.Sleeper;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * The application's loop: reads the clock, lets the stack receive, run timers and send, gives the
 * application its turn, then waits ({@link Waiter}) until the next frame or the stack's next deadline.
 */
public final class EventLoop {
    /** The application's part of one turn. */
    public interface Step {
        /** Returns true when the application is finished. */
        boolean advance(long now) throws DownloadException;

        /** Called once when a signal interrupts the run, before the loop exits. */
        void interrupt(long now);

        /** When the application wants its next turn even if no frame arrives; Long.MAX_VALUE for never. */
        default long wakeAt() {
            return Long.MAX_VALUE;
        }
    }

    /** One download of several run side by side ({@link #runSideBySide}): straight-line code that calls {@link #run}. */
    @FunctionalInterface
    public interface Job {
        void run() throws DownloadException;
    }

    private final Clock clock;
    private final Waiter waiter;
    private final NetworkStack stack;
    private final Interrupts interrupts;
    /** While {@link #runSideBySide} runs: the jobs whose steps share the loop's turns. */
    private SideBySide sideBySide;

    EventLoop(Clock clock, Waiter waiter, NetworkStack stack, Interrupts interrupts) {
        this.clock = clock;
        this.waiter = waiter;
        this.stack = stack;
        this.interrupts = interrupts;
    }

    public Clock clock() {
        return clock;
    }

    NetworkStack stack() {
        return stack;
    }

    /**
     * Runs {@code jobs}, at most {@code atOnce} at a time, over this loop: each job's {@link #run} calls make its steps
     * share the loop's turns with the other jobs' (see {@link SideBySide}). {@code afterTurn} runs after every turn on
     * this thread, and {@code stepOf} hears on it the index of the job whose step it advances next (what that step
     * writes is the job's), and -1 after it. Returns each job's failure, null for success, in the order given.
     */
    public List<Throwable> runSideBySide(List<Job> jobs, int atOnce, Runnable afterTurn, IntConsumer stepOf)
            throws DownloadException {
        sideBySide = new SideBySide(clock, waiter, stack, interrupts);
        try {
            return sideBySide.run(jobs, atOnce, afterTurn, stepOf);
        } finally {
            sideBySide = null;
        }
    }

    /**
     * Waits {@code nanos}: in a job run side by side as a step of the loop (the other jobs go on meanwhile), else on
     * {@code sleeper}. A signal ends the wait early; the caller hears of it from {@link Interrupts}.
     */
    public void pause(long nanos, Sleeper sleeper) throws InterruptedException {
        if (sideBySide == null || !sideBySide.isJobThread()) {
            sleeper.sleep(nanos);
            return;
        }
        long end = clock.nanos() + nanos;
        try {
            run(new Step() {
                @Override
                public boolean advance(long now) {
                    return now - end >= 0;
                }

                @Override
                public void interrupt(long now) {
                }

                @Override
                public long wakeAt() {
                    return end;
                }
            });
        } catch (DownloadException e) {
            // a signal: the caller asks Interrupts, which says which
        }
    }

    public void run(Step step) throws DownloadException {
        if (sideBySide != null && sideBySide.isJobThread()) {
            sideBySide.await(step);
            return;
        }
        while (true) {
            long now = clock.nanos();
            stack.poll(now);
            boolean finished;
            try {
                finished = step.advance(now);
            } catch (DownloadException e) {
                stack.poll(clock.nanos()); // a failing step aborted its connection: send that RST before we go
                throw e;
            }
            if (finished) {
                stack.poll(clock.nanos()); // flush what finishing queued: the last ACK, a FIN or a RST
                return;
            }
            ExitCode signal = interrupts.received();
            if (signal != null) {
                step.interrupt(now);
                stack.poll(clock.nanos());
                throw DownloadException.signalled(signal);
            }
            long at = Math.min(stack.pollAt(), step.wakeAt());
            waiter.awaitUnlessDue(at, clock.nanos());
        }
    }
}
