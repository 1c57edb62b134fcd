package rawhttpget.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.lang.ref.Reference;

/**
 * Puts the calling thread in the kernel's round-robin real-time class at its lowest priority ({@code SCHED_RR},
 * 1). The kernel runs its own TCP in softirq, ahead of any task; ours runs in threads, so an ACK waits until the
 * scheduler gives the thread a CPU. An ordinary thread is woken on the CPU where its waker ran and queues behind
 * whatever runs there (on the LAN testnet, the server sending in softirq), even with the other CPU idle, while
 * the server, its window full, waits for our ACK (the scheduler trace is in docs/PERFORMANCE.md). A real-time thread goes to the CPU doing the least important work and does not queue
 * behind ordinary tasks.
 *
 * <p>{@code SCHED_RESET_ON_FORK} is set with it, so threads and processes the thread starts later
 * (nft, iptables) are ordinary ones. The kernel's real-time throttling (by default 95 % of
 * each second) still holds. Needs CAP_SYS_NICE or an RLIMIT_RTPRIO of at least 1.
 */
public final class RealtimeScheduling {
    /** linux/sched.h. */
    static final int SCHED_OTHER = 0;
    static final int SCHED_RR = 2;
    static final int SCHED_RESET_ON_FORK = 0x40000000;
    public static final int PRIORITY = 1;

    private static final int EPERM = 1;

    private RealtimeScheduling() {
    }

    /** Raises the calling thread; throws a {@link HostException} saying why when the kernel refuses. */
    public static void raiseCallingThread() {
        Memory param = new Memory(4); // struct sched_param { int sched_priority; }
        param.setInt(0, PRIORITY);
        try {
            Libc.sched_setscheduler(0, SCHED_RR | SCHED_RESET_ON_FORK, Pointer.nativeValue(param));
        } catch (LastErrorException e) {
            throw new HostException(e.getErrorCode() == EPERM
                    ? "not permitted (it needs CAP_SYS_NICE or an RLIMIT_RTPRIO of 1 or more)"
                    : "sched_setscheduler failed: " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new HostException("cannot call sched_setscheduler: " + e.getMessage(), e);
        } finally {
            Reference.reachabilityFence(param); // passed by address: it must outlive the call
        }
    }

    /** The calling thread's policy as sched_getscheduler(2) reports it, the reset-on-fork flag included. */
    static int policyOfCallingThread() {
        return Libc.sched_getscheduler(0);
    }
}
