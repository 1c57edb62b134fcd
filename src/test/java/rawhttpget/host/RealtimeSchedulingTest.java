package rawhttpget.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Real calls into the kernel, each on a thread of its own that ends with the test. */
class RealtimeSchedulingTest {
    private static final int CAP_SYS_NICE = 23;

    @Test
    void raisesTheCallingThreadAndNotTheThreadsItStarts() throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        AtomicReference<Integer> childPolicy = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                RealtimeScheduling.raiseCallingThread();
                outcome.set(RealtimeScheduling.policyOfCallingThread());
                Thread child = new Thread(() -> childPolicy.set(RealtimeScheduling.policyOfCallingThread()));
                child.start();
                child.join();
            } catch (HostException | InterruptedException e) {
                outcome.set(e);
            }
        });
        t.start();
        t.join();

        if (mayUseRealtime()) {
            assertThat(outcome.get()).isEqualTo(RealtimeScheduling.SCHED_RR | RealtimeScheduling.SCHED_RESET_ON_FORK);
            assertThat(childPolicy.get()).isEqualTo(RealtimeScheduling.SCHED_OTHER);
        } else {
            assertThat(outcome.get()).isInstanceOf(HostException.class);
            assertThat(((HostException) outcome.get()).getMessage()).startsWith("not permitted");
        }
    }

    @Test
    void aNewThreadIsAnOrdinaryOne() throws InterruptedException {
        AtomicReference<Integer> policy = new AtomicReference<>();
        Thread t = new Thread(() -> policy.set(RealtimeScheduling.policyOfCallingThread()));
        t.start();
        t.join();
        assertThat(policy.get()).isEqualTo(RealtimeScheduling.SCHED_OTHER);
    }

    /** CAP_SYS_NICE, or a soft RLIMIT_RTPRIO of at least 1 ("Max realtime priority" in /proc/self/limits). */
    private static boolean mayUseRealtime() throws IOException {
        if (Privileges.ofThisProcess().has(CAP_SYS_NICE)) {
            return true;
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max realtime priority")) {
                String soft = line.substring("Max realtime priority".length()).strip().split("\\s+")[0];
                return !soft.equals("0");
            }
        }
        throw new IllegalStateException("no realtime priority line in /proc/self/limits");
    }
}
