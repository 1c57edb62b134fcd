package rawhttpget.runtime;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.stack.NetworkStack;
import rawhttpget.time.Clock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * -j N: up to N jobs (one URL's whole download each, written as straight-line code that calls
 * {@link EventLoop#run}) at once over the one stack. Each job has a thread, but only one thread runs at any time:
 * a baton passes between the loop's thread and the jobs. A job runs until it asks the loop to run a step (an
 * exchange, a close, a pause); the step is then advanced with every other job's step in the same turns of the
 * one loop, and the job gets the baton back when its step is finished. So the stack, the pool and the output are
 * only ever touched by one thread, the hand-over (a monitor) orders their memory, and nothing busy-waits: the loop
 * waits for frames or the earliest deadline of all the steps, as it does for one.
 */
final class SideBySide {
    private final Clock clock;
    private final Waiter waiter;
    private final NetworkStack stack;
    private final Interrupts interrupts;
    private final Object monitor = new Object();
    private final Thread loopThread = Thread.currentThread();
    private final Map<Thread, Slot> slots = new HashMap<>();
    /** The thread that may run now. */
    private Thread owner = loopThread;

    /** One job's thread and the step it waits on. */
    private static final class Slot {
        final int index;
        Thread thread;
        EventLoop.Step step;
        DownloadException stepFailure;
        boolean runnable = true;
        boolean done;
        Throwable outcome;

        Slot(int index) {
            this.index = index;
        }
    }

    SideBySide(Clock clock, Waiter waiter, NetworkStack stack, Interrupts interrupts) {
        this.clock = clock;
        this.waiter = waiter;
        this.stack = stack;
        this.interrupts = interrupts;
    }

    boolean isJobThread() {
        synchronized (monitor) {
            return slots.containsKey(Thread.currentThread());
        }
    }

    /**
     * Runs the jobs, at most {@code atOnce} at a time, in the order given; {@code afterTurn} runs on the loop's thread
     * after every turn (to show what the jobs wrote). Returns each job's failure (null for success, or for a job never
     * started because a signal ended the run); a signal ends the run with its exception once the jobs running have
     * ended. The loop's thread advances every job's step, and what a step does (a response head's lines, a body's
     * progress) is that job's: {@code stepOf} hears the index of the job whose step the loop's thread advances
     * next, and -1 when it is the loop's own again.
     */
    List<Throwable> run(List<EventLoop.Job> jobs, int atOnce, Runnable afterTurn, IntConsumer stepOf)
            throws DownloadException {
        List<Throwable> outcomes = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            outcomes.add(null);
        }
        List<Slot> active = new ArrayList<>();
        int next = 0;
        ExitCode signal = null;
        while (true) {
            while (active.size() < atOnce && next < jobs.size() && signal == null) {
                active.add(start(next, jobs.get(next)));
                next++;
            }
            if (active.isEmpty()) {
                break;
            }
            boolean ended = false;
            for (Slot s : List.copyOf(active)) {
                if (s.runnable) {
                    handTo(s);
                }
                if (s.done) {
                    active.remove(s);
                    outcomes.set(s.index, s.outcome);
                    ended = true;
                }
            }
            afterTurn.run();
            if (ended) {
                continue; // start the next jobs before the loop turns
            }
            long now = clock.nanos();
            stack.poll(now);
            boolean finished = false;
            for (Slot s : active) {
                stepOf.accept(s.index);
                try {
                    if (s.step.advance(now)) {
                        s.runnable = true;
                        finished = true;
                    }
                } catch (DownloadException e) {
                    s.stepFailure = e;
                    s.runnable = true;
                    finished = true;
                } finally {
                    stepOf.accept(-1);
                }
            }
            if (finished) {
                stack.poll(clock.nanos()); // what finishing queued: a last ACK, a FIN, a RST
                continue;
            }
            ExitCode received = interrupts.received();
            if (received != null && signal == null) {
                signal = received;
                for (Slot s : active) {
                    stepOf.accept(s.index);
                    try {
                        s.step.interrupt(now);
                    } finally {
                        stepOf.accept(-1);
                    }
                    s.stepFailure = DownloadException.signalled(signal);
                    s.runnable = true;
                }
                stack.poll(clock.nanos());
                continue;
            }
            long at = stack.pollAt();
            for (Slot s : active) {
                at = Math.min(at, s.step.wakeAt());
            }
            waiter.awaitUnlessDue(at, clock.nanos());
        }
        if (signal != null) {
            throw DownloadException.signalled(signal);
        }
        return outcomes;
    }

    private Slot start(int index, EventLoop.Job job) {
        Slot slot = new Slot(index);
        Thread thread = new Thread(() -> {
            try {
                awaitBaton();
                job.run();
            } catch (Throwable e) {
                slot.outcome = e;
            }
            synchronized (monitor) {
                slot.done = true;
                slots.remove(Thread.currentThread());
                owner = loopThread;
                monitor.notifyAll();
            }
        }, "rawhttpget-job-" + (index + 1));
        thread.setDaemon(true);
        slot.thread = thread;
        synchronized (monitor) {
            slots.put(thread, slot);
        }
        thread.start();
        return slot;
    }

    /** The loop's thread lets {@code slot}'s job run until it waits on a step or ends. */
    private void handTo(Slot slot) throws DownloadException {
        synchronized (monitor) {
            slot.runnable = false;
            owner = slot.thread;
            monitor.notifyAll();
            try {
                while (owner != loopThread) {
                    monitor.wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException(ExitCode.GENERIC, "interrupted while a download ran");
            }
        }
    }

    /** A job's {@link EventLoop#run}: its step joins the loop's turns; returns when it is finished. */
    void await(EventLoop.Step step) throws DownloadException {
        Slot slot;
        synchronized (monitor) {
            slot = slots.get(Thread.currentThread());
            slot.step = step;
            slot.stepFailure = null;
            owner = loopThread;
            monitor.notifyAll();
        }
        awaitBaton();
        slot.step = null;
        if (slot.stepFailure != null) {
            throw slot.stepFailure;
        }
    }

    private void awaitBaton() throws DownloadException {
        synchronized (monitor) {
            try {
                while (owner != Thread.currentThread()) {
                    monitor.wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException(ExitCode.GENERIC, "interrupted while waiting for the network");
            }
        }
    }
}
