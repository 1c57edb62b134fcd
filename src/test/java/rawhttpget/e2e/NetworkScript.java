package rawhttpget.e2e;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The life of one network built by a script in scripts/ ({@code testnet.sh}, {@code wannet.sh}): {@code up PREFIX
 * ...}, then {@code down PREFIX} by {@link #close}, or by a JVM shutdown hook when the JVM is stopped (Ctrl-C,
 * surefire's timeout) before close. Both scripts' down is idempotent and safe after a partial up.
 */
final class NetworkScript implements AutoCloseable {
    /** Counts the networks of this JVM, of both scripts: no two get the same namespaces. */
    private static final AtomicInteger NETWORKS_MADE = new AtomicInteger();

    private final Path script;
    private final String prefix;
    private final Duration timeout;
    private final Thread downAtExit;
    private boolean closed;

    private NetworkScript(Path script, String prefix, Duration timeout) {
        this.script = script;
        this.prefix = prefix;
        this.timeout = timeout;
        this.downAtExit = new Thread(this::downQuietly, name() + "-down-" + prefix);
    }

    /**
     * Runs {@code [environment...] script up PREFIX upArguments...} at the repository root, with the shutdown hook
     * in place first, and PREFIX made from {@code stem} by {@link #uniquePrefix}. If up fails, what it made is
     * removed and an IllegalStateException tells the script's output.
     */
    static NetworkScript up(Path script, String stem, Duration timeout, List<String> environment,
            List<String> upArguments) throws IOException, InterruptedException {
        NetworkScript net = new NetworkScript(script, uniquePrefix(stem), timeout);
        Runtime.getRuntime().addShutdownHook(net.downAtExit);
        List<String> command = new ArrayList<>(environment);
        command.addAll(List.of(script.toString(), "up", net.prefix));
        command.addAll(upArguments);
        CommandResult result = Command.run(command, Repo.root(), timeout);
        if (!result.succeeded()) {
            net.close();
            throw new IllegalStateException(script.getFileName() + " up failed\n" + result.describe());
        }
        return net;
    }

    /**
     * {@code stem}, a character counting the networks of this JVM, then its PID: unique among concurrent runs and
     * among the networks of one run, whichever script made them (two prefixes of one stem differ in the counter or,
     * with the same counter, in the PID). At most 12 characters with a stem of up to 4, so that the scripts'
     * interface names fit Linux's 15.
     */
    private static final String COUNTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

    private static String uniquePrefix(String stem) {
        int n = NETWORKS_MADE.getAndIncrement();
        if (n >= COUNTERS.length()) {
            throw new IllegalStateException("more than " + COUNTERS.length() + " test networks in one JVM");
        }
        return stem + COUNTERS.charAt(n) + ProcessHandle.current().pid();
    }

    String prefix() {
        return prefix;
    }

    /**
     * Removes the network ({@code script down}); safe to call more than once. The shutdown hook stays until down
     * has succeeded, so a failed or interrupted down is tried again when the JVM exits. An interrupt becomes an
     * {@link InterruptedIOException}: AutoCloseable's close should not throw InterruptedException.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Command.check(List.of(script.toString(), "down", prefix), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while removing " + name() + " network " + prefix);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(downAtExit);
        } catch (IllegalStateException shutdownAlreadyRunning) {
            // The hook is running or about to run, and down is idempotent.
        }
    }

    private void downQuietly() {
        try {
            Command.run(List.of(script.toString(), "down", prefix), Path.of("/"), timeout);
        } catch (IOException | InterruptedException e) {
            System.err.println(name() + " " + prefix + ": down at exit failed: " + e);
        }
    }

    /** "testnet" for scripts/testnet.sh: how messages and the hook's thread name the network's kind. */
    private String name() {
        return script.getFileName().toString().replaceFirst("\\.sh$", "");
    }
}
