package rawhttpget.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's files are, found from the test JVM's working directory (Maven runs it at the root). */
final class Repo {
    private Repo() {}

    static Path root() {
        Path start = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/testnet.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no scripts/testnet.sh in " + start + " or above: not run from the repository?");
    }

    static Path testnetScript() {
        return root().resolve("scripts/testnet.sh");
    }

    /**
     * The jar `make build` copies to the repository root, so the e2e tests run exactly what a user would;
     * {@code -Drawhttpget.jar=PATH} on the mvn command line tests another one.
     */
    static Path jar() {
        String override = System.getProperty("rawhttpget.jar", "");
        return override.isEmpty() ? root().resolve("rawhttpget.jar") : Path.of(override).toAbsolutePath();
    }
}
