package rawhttpget.host;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a program the way a shell would, plus the sbin directories: firewall tools live there, and an
 * ordinary user's PATH on Debian (say, one running java with capabilities) does not include them.
 */
final class Executables {
    private Executables() {
    }

    static Optional<Path> find(String name) {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(dir);
                }
            }
        }
        dirs.addAll(Set.of("/usr/local/sbin", "/usr/sbin", "/sbin"));
        return dirs.stream()
                .map(dir -> Path.of(dir, name))
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                .findFirst();
    }
}
