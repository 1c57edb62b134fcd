package rawhttpget.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The emulated WAN of {@code scripts/wannet.sh} (its header draws it): a client namespace, a middle namespace
 * whose emulator (tc netem, else target/wanem) impairs frames both ways, and nginx in a server namespace.
 * Removed on close, and by a JVM shutdown hook if the test is killed first.
 */
final class WanNetwork implements NamespaceNetwork {
    static final String SERVER_IP = "198.18.1.1";
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);

    private final NetworkScript script;
    private final String prefix;

    private WanNetwork(NetworkScript script) {
        this.script = script;
        this.prefix = script.prefix();
    }

    static Path script() {
        return Repo.root().resolve("scripts/wannet.sh");
    }

    /** "netem", "wanem" or "none": what {@code wannet.sh which} finds on this machine. */
    static String emulator() throws IOException, InterruptedException {
        return Command.check(List.of(script().toString(), "which"), SCRIPT_TIMEOUT).strip();
    }

    static WanNetwork up(Path docroot) throws IOException, InterruptedException {
        return new WanNetwork(NetworkScript.up(script(), "rhgw", SCRIPT_TIMEOUT,
                List.of(), List.of(docroot.toString())));
    }

    /** Restarts the emulator with wannet.sh's options, e.g. {@code -d 20 -r 100 -l 1}. */
    void impair(List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script().toString(), "set", prefix));
        command.addAll(options);
        Command.check(command, SCRIPT_TIMEOUT);
    }

    @Override
    public String prefix() {
        return prefix;
    }

    String clientInterface() {
        return prefix + "c1";
    }

    CommandResult execInClient(Path workDir, Duration timeout, List<String> command)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", prefix + "-cli"));
        full.addAll(command);
        return Command.run(full, workDir, timeout);
    }

    @Override
    public void close() throws IOException {
        script.close();
    }
}
