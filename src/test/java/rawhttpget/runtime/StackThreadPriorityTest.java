package rawhttpget.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rawhttpget.host.HostException;

class StackThreadPriorityTest {
    private final List<String> raised = new ArrayList<>();

    private Runnable recordingRaiser() {
        return () -> raised.add(Thread.currentThread().getName());
    }

    @Test
    void raisesTheStackAndTheTransmitThreadOnTwoOrMoreCpus() throws InterruptedException {
        StackThreadPriority priority = StackThreadPriority.choose(false, 2, recordingRaiser());
        priority.raiseStackThread();
        Thread transmit = new Thread(priority.transmitThreadSetup(), "transmit");
        transmit.start();
        transmit.join();

        assertThat(priority.wanted()).isTrue();
        assertThat(raised).containsExactly(Thread.currentThread().getName(), "transmit");
        assertThat(priority.describe()).isEqualTo("real-time scheduling (SCHED_RR, priority 1)");
    }

    @Test
    void leavesThemAloneWhenToldTo() {
        StackThreadPriority priority = StackThreadPriority.choose(true, 8, recordingRaiser());
        priority.raiseStackThread();
        priority.transmitThreadSetup().run();

        assertThat(raised).isEmpty();
        assertThat(priority.describe()).isEqualTo("normal scheduling priority (--no-realtime)");
    }

    @Test
    void leavesThemAloneOnOneCpu() {
        StackThreadPriority priority = StackThreadPriority.choose(false, 1, recordingRaiser());
        priority.raiseStackThread();
        priority.transmitThreadSetup().run();

        assertThat(raised).isEmpty();
        assertThat(priority.describe()).isEqualTo("normal scheduling priority (one CPU)");
    }

    @Test
    void aRefusalIsReportedAndTheRunGoesOn() {
        StackThreadPriority priority = StackThreadPriority.choose(false, 4, () -> {
            throw new HostException("not permitted (it needs CAP_SYS_NICE or an RLIMIT_RTPRIO of 1 or more)");
        });
        priority.raiseStackThread();
        priority.transmitThreadSetup().run();

        assertThat(priority.describe()).isEqualTo("normal scheduling priority: real-time not permitted (it needs "
                + "CAP_SYS_NICE or an RLIMIT_RTPRIO of 1 or more)");
    }
}
