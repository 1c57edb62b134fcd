package rawhttpget.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessCommandRunnerTest {
    private final ProcessCommandRunner runner = new ProcessCommandRunner(List.of(), Duration.ofSeconds(20));

    @Test
    void capturesExitStatusOutputAndComplaint() {
        CommandResult result = runner.run(List.of("sh", "-c", "echo out; echo 'first\nsecond' >&2; exit 3"));
        assertThat(result).isEqualTo(new CommandResult(3, "out\n", "first\nsecond\n"));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.complaint()).isEqualTo("first; second");
    }

    @Test
    void passesArgumentsWithoutAShell() {
        CommandResult result = runner.run(List.of("printf", "%s|", "a b", "$HOME", "*"));
        assertThat(result.stdout()).isEqualTo("a b|$HOME|*|");
    }

    @Test
    void runsEveryCommandBehindThePrefix() {
        ProcessCommandRunner prefixed = new ProcessCommandRunner(List.of("env", "GREETING=hi"), Duration.ofSeconds(20));
        assertThat(prefixed.run(List.of("sh", "-c", "echo $GREETING")).stdout()).isEqualTo("hi\n");
    }

    @Test
    void aMissingProgramIsAOneLineError() {
        assertThatThrownBy(() -> runner.run(List.of("/nonexistent/iptables", "-L")))
                .isInstanceOf(HostException.class).hasMessageStartingWith("cannot run /nonexistent/iptables: ");
    }

    @Test
    void stopsACommandThatRunsTooLong() {
        ProcessCommandRunner impatient = new ProcessCommandRunner(List.of(), Duration.ofMillis(200));
        assertThatThrownBy(() -> impatient.run(List.of("sh", "-c", "exec sleep 30")))
                .isInstanceOf(HostException.class).hasMessage("sh did not finish within 200 ms");
    }
}
