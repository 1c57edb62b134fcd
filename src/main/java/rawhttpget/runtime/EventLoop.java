package rawhttpget.runtime;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import rawhttpget.stack.NetworkStack;
import rawhttpget.time.Clock;

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

    private final Clock clock;
    private final Waiter waiter;
    private final NetworkStack stack;
    private final Interrupts interrupts;

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

    public void run(Step step) throws DownloadException {
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
                throw new DownloadException(signal, signal == ExitCode.INTERRUPTED_SIGINT ? "interrupted" : "terminated");
            }
            long at = Math.min(stack.pollAt(), step.wakeAt());
            if (at == Long.MAX_VALUE || at - clock.nanos() > 0) {
                try {
                    waiter.awaitFramesUntil(at);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DownloadException(ExitCode.GENERIC, "interrupted while waiting for frames");
                }
            }
        }
    }
}
