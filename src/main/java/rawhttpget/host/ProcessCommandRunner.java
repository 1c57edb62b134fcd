package rawhttpget.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands as child processes, each bounded in time. A prefix lets every command run elsewhere,
 * e.g. {@code ip netns exec NS} to act on a test's network namespace instead of the host.
 */
public final class ProcessCommandRunner implements CommandRunner {
    /** iptables waits up to 5 s for the xtables lock (-w 5); leave it room to finish after that. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final List<String> prefix;
    private final Duration timeout;

    public ProcessCommandRunner(List<String> prefix, Duration timeout) {
        this.prefix = List.copyOf(prefix);
        this.timeout = timeout;
    }

    /** Commands on this host, with the default time limit. */
    public static ProcessCommandRunner onHost() {
        return new ProcessCommandRunner(List.of(), DEFAULT_TIMEOUT);
    }

    /** Commands inside a network namespace, through {@code ip netns exec}. */
    public static ProcessCommandRunner inNamespace(String namespace) {
        return new ProcessCommandRunner(List.of("ip", "netns", "exec", namespace), DEFAULT_TIMEOUT);
    }

    @Override
    public CommandResult run(List<String> command) {
        return start(command).await();
    }

    /**
     * Returns once the child has executed its program: the JDK's process start waits for that. From then on the
     * child holds none of our descriptors (the JDK's spawn helper closes them before it executes the program),
     * so closing one of ours afterwards, e.g. the capture socket, is not paid for by the child before it runs.
     */
    @Override
    public Started start(List<String> command) {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(command);
        String name = command.get(0);
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new HostException("cannot run " + name + ": " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
            // Drained on their own threads: a full pipe would otherwise stall the child past the timeout.
            Drain stdout = Drain.start(process.getInputStream(), name + "-stdout");
            Drain stderr = Drain.start(process.getErrorStream(), name + "-stderr");
            return new Running(name, process, stdout, stderr, timeout);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw new HostException("cannot run " + name + ": " + e.getMessage(), e);
        }
    }

    /** A child process and the threads that read its output. */
    private static final class Running implements Started {
        private final String name;
        private final Process process;
        private final Drain stdout;
        private final Drain stderr;
        private final Duration timeout;

        Running(String name, Process process, Drain stdout, Drain stderr, Duration timeout) {
            this.name = name;
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
            this.timeout = timeout;
        }

        @Override
        public CommandResult await() {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new HostException(name + " did not finish within " + describe(timeout));
                }
                return new CommandResult(process.exitValue(), stdout.text(), stderr.text());
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new HostException(name + " was interrupted");
            } catch (IOException e) {
                process.destroyForcibly();
                throw new HostException("cannot run " + name + ": " + e.getMessage(), e);
            }
        }
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** Reads one output stream of the child to its end. */
    private static final class Drain implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;
        private volatile IOException failure;

        private Drain(InputStream in, String name) {
            this.in = in;
            this.thread = new Thread(this, name);
            this.thread.setDaemon(true);
        }

        static Drain start(InputStream in, String name) {
            Drain drain = new Drain(in, name);
            drain.thread.start();
            return drain;
        }

        @Override
        public void run() {
            try (in) {
                in.transferTo(bytes);
            } catch (IOException e) {
                failure = e;
            }
        }

        /** The whole output; the child has exited, so its end of the pipe is closed and this is quick. */
        String text() throws InterruptedException, IOException {
            thread.join(TimeUnit.SECONDS.toMillis(5));
            // Still alive only if a grandchild inherited the pipe and keeps it open: take what we have.
            if (!thread.isAlive() && failure != null) {
                throw failure;
            }
            return bytes.toString(StandardCharsets.UTF_8); // ByteArrayOutputStream is synchronized
        }
    }
}
