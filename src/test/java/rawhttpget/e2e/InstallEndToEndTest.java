package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code make install} and {@code make uninstall} into a PREFIX of the test's own, with the launcher run from it. */
@Tag("e2e")
class InstallEndToEndTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path prefix;

    @Test
    void installsAWorkingLauncherAndUninstallRemovesEverything() throws Exception {
        Rawhttpget.jar();
        List<String> make = List.of("make", "-s", "-C", Repo.root().toString(), "PREFIX=" + prefix);

        CommandResult install = Command.run(concat(make, "install-files"), Repo.root(), LIMIT);
        assertThat(install.exitCode()).as(install.describe()).isZero();
        Path launcher = prefix.resolve("bin/rawhttpget");
        assertThat(launcher).isExecutable();
        assertThat(prefix.resolve("share/rawhttpget/rawhttpget.jar")).hasSameBinaryContentAs(Repo.jar());

        // An environment like sudo's: a fixed PATH and nothing else, so the launcher must name java itself.
        CommandResult version = Command.run(List.of("env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
                launcher.toString(), "--version"), prefix, LIMIT);
        assertThat(version.exitCode()).as(version.describe()).isZero();
        assertThat(version.stdout()).startsWith("rawhttpget ").contains("libpcap: ");

        CommandResult uninstall = Command.run(concat(make, "uninstall"), Repo.root(), LIMIT);
        assertThat(uninstall.exitCode()).as(uninstall.describe()).isZero();
        assertThat(launcher).doesNotExist();
        assertThat(prefix.resolve("share/rawhttpget")).doesNotExist();
    }

    private static List<String> concat(List<String> list, String last) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(last)).toList();
    }
}
