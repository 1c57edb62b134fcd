package rawhttpget.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.host.HostException;
import rawhttpget.host.RealtimeScheduling;

/**
 * Whether the two threads that run our TCP (the stack thread, which reads frames and decides ACKs, and the
 * transmit thread, which hands them to the kernel) get real-time scheduling ({@link RealtimeScheduling}), and
 * how that went, for the log and {@code --stats}. Not on one CPU: there a busy real-time thread would hold off
 * everything else, the kernel's softirq threads and, on a testnet, the server included. A refusal (no
 * CAP_SYS_NICE, as under {@code setcap}) leaves the thread as it was; the download goes on.
 */
final class StackThreadPriority {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.host");

    /** Why we did not ask, or null when we do. */
    private final String notAsked;
    /** Raises the calling thread or throws a HostException saying why not. */
    private final Runnable raiser;
    private volatile String stackOutcome;
    private volatile String transmitOutcome;

    StackThreadPriority(String notAsked, Runnable raiser) {
        this.notAsked = notAsked;
        this.raiser = raiser;
    }

    static StackThreadPriority choose(boolean disabled, int processors) {
        return choose(disabled, processors, RealtimeScheduling::raiseCallingThread);
    }

    static StackThreadPriority choose(boolean disabled, int processors, Runnable raiser) {
        if (disabled) {
            return new StackThreadPriority("--no-realtime", raiser);
        }
        if (processors < 2) {
            return new StackThreadPriority("one CPU", raiser);
        }
        return new StackThreadPriority(null, raiser);
    }

    boolean wanted() {
        return notAsked == null;
    }

    /** Call on the stack thread. */
    void raiseStackThread() {
        stackOutcome = raise("stack");
    }

    /** Runs first on the transmit thread. */
    Runnable transmitThreadSetup() {
        return () -> transmitOutcome = raise("transmit");
    }

    private String raise(String thread) {
        if (!wanted()) {
            return null;
        }
        try {
            raiser.run();
            log.debug("{} thread: real-time scheduling (SCHED_RR, priority {})", thread, RealtimeScheduling.PRIORITY);
            return null;
        } catch (HostException e) {
            log.info("{} thread stays at normal scheduling priority: {}", thread, e.getMessage());
            return e.getMessage();
        }
    }

    /** One line for --stats: what the two threads ran at. */
    String describe() {
        if (!wanted()) {
            return "normal scheduling priority (" + notAsked + ")";
        }
        String refused = stackOutcome != null ? stackOutcome : transmitOutcome;
        if (refused != null) {
            return "normal scheduling priority: real-time " + refused;
        }
        return "real-time scheduling (SCHED_RR, priority " + RealtimeScheduling.PRIORITY + ")";
    }
}
