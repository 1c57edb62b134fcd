package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs the built CLI, {@code java -jar rawhttpget.jar ARGS}, inside a test network's client namespace. */
final class Rawhttpget {
    /** Generous: 100 MB at a slow 5 MB/s plus JVM start-up still fits, while a hang is still caught. */
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private Rawhttpget() {}

    /**
     * The jar at the repository root. Asserts that it exists, so that a missing build fails the tests instead of
     * skipping them.
     */
    static Path jar() {
        Path jar = Repo.jar();
        assertThat(jar).as("the e2e tests run %s: build it with 'make build'", jar).isRegularFile();
        return jar;
    }

    /** Runs the CLI with {@code args} in {@code workDir} (where it saves the download) with {@link #TIMEOUT}. */
    static CommandResult run(TestNetwork net, Path workDir, String... args) throws IOException, InterruptedException {
        return net.execInClient(workDir, TIMEOUT, command(args));
    }

    /** The test JVM's own java: the same JDK as the build, found without PATH (for the CLI and test servers). */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The command line that runs the CLI with {@code args}, for a namespace of one's own choosing. */
    static List<String> command(String... args) {
        // A proxy in the tester's environment must not carry the tests' downloads (ProxyEndToEndTest sets its own).
        List<String> command = new ArrayList<>(List.of("env", "-u", "http_proxy", "-u", "https_proxy", "-u",
                "no_proxy", java(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        return command;
    }
}
