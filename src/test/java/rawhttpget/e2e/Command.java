package rawhttpget.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external command with a time limit and captures its exit code and output. */
final class Command {
    /** After SIGTERM, how long a command gets to clean up (the CLI removes its iptables rule) before SIGKILL. */
    private static final Duration GRACE = Duration.ofSeconds(10);

    private Command() {}

    /**
     * Runs {@code command} in {@code workDir} with no standard input. Output goes to temporary files rather than
     * pipes, so a command that prints a lot can never block on a full pipe while we wait for it.
     */
    static CommandResult run(List<String> command, Path workDir, Duration timeout)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("rhg-cmd-", ".out");
        Path err = Files.createTempFile("rhg-cmd-", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            boolean timedOut = !process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (timedOut) {
                stop(process);
            }
            return new CommandResult(List.copyOf(command), process.exitValue(), timedOut,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs a command that must succeed, and returns its standard output. */
    static String check(List<String> command, Duration timeout) throws IOException, InterruptedException {
        CommandResult result = run(command, Path.of("/"), timeout);
        if (!result.succeeded()) {
            throw new IllegalStateException("command failed\n" + result.describe());
        }
        return result.stdout();
    }

    private static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
    }
}
