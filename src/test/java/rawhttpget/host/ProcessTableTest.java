package rawhttpget.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessTableTest {
    private static final String TAIL = " 1 4 4 0 -1 4194560 68 0 0 0 0 0 0 0 20 0 1 0 %d 0 0 18446744073709551615 0 0";

    /** PID 100 runs since tick 5000, 200 is a zombie, 300's stat line is garbled; no other PID exists. */
    private final ProcessTable table = new ProcessTable(pid -> Optional.ofNullable(Map.of(
            100L, "100 (rawhttpget) S" + TAIL.formatted(5000),
            200L, "200 (java) Z" + TAIL.formatted(6000),
            300L, "300 (odd").get(pid)));

    @Test
    void anOwnerRunsWhenItsPidRunsWithTheStartTimeItRecorded() {
        assertThat(table.runs(RuleOwner.of(100, 5000))).isTrue();
        assertThat(table.runs(RuleOwner.of(100, 4999))).as("the PID now belongs to another process").isFalse();
        assertThat(table.runs(RuleOwner.of(400, 5000))).as("no such PID").isFalse();
    }

    @Test
    void anOwnerKnownByPidOnlyRunsWhileThePidRunsAndIsNoZombie() {
        assertThat(table.runs(RuleOwner.pidOnly(100))).isTrue();
        assertThat(table.runs(RuleOwner.pidOnly(200))).as("zombie").isFalse();
        assertThat(table.runs(RuleOwner.of(200, 6000))).as("zombie with the right start time").isFalse();
        assertThat(table.runs(RuleOwner.pidOnly(400))).isFalse();
    }

    @Test
    void aStatLineItCannotReadCountsAsRunningSoALiveRunKeepsItsRule() {
        assertThat(table.runs(RuleOwner.of(300, 1))).isTrue();
    }

    @Test
    void onThisHostKnowsThisProcessAndItsStartTime() {
        ProcessTable system = ProcessTable.system();
        assertThat(system.runs(RuleOwner.thisProcess())).isTrue();
        assertThat(RuleOwner.thisProcess().startTime()).isPresent();
        long start = RuleOwner.thisProcess().startTime().getAsLong();
        assertThat(system.runs(RuleOwner.of(ProcessHandle.current().pid(), start + 1))).isFalse();
        assertThat(system.runs(RuleOwner.pidOnly(Long.MAX_VALUE))).isFalse();
    }
}
