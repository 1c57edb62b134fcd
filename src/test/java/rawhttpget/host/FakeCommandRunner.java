package rawhttpget.host;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Records the commands it is asked to run and answers each with the next scripted result. */
final class FakeCommandRunner implements CommandRunner {
    private final List<List<String>> ran = new ArrayList<>();
    private final Deque<CommandResult> answers = new ArrayDeque<>();

    FakeCommandRunner answer(int exitCode, String stdout, String stderr) {
        answers.add(new CommandResult(exitCode, stdout, stderr));
        return this;
    }

    @Override
    public CommandResult run(List<String> command) {
        ran.add(List.copyOf(command));
        return answers.isEmpty() ? new CommandResult(0, "", "") : answers.poll();
    }

    List<List<String>> ran() {
        return ran;
    }
}
