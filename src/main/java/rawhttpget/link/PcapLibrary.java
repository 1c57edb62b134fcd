package rawhttpget.link;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Tells Pcap4J where libpcap is. Pcap4J asks the dynamic loader for {@code libpcap.so}, which on Debian
 * comes only with the development package; the runtime package ships {@code libpcap.so.0.8}. Pcap4J reads
 * the library name once, when its native bindings load, from a system property, which must be set before any
 * Pcap4J class touches native code; JNA's search path is set beside it (see {@link #configure()}).
 */
final class PcapLibrary {
    static final String LIB_NAME_PROPERTY = "org.pcap4j.core.pcapLibName";
    /** JNA's search path for libraries named without a directory; set, it replaces JNA's ldconfig run. */
    static final String JNA_SEARCH_PATH_PROPERTY = "jna.platform.library.path";
    static final String NOT_FOUND_MESSAGE =
            "libpcap not found: install the libpcap0.8 package (apt-get install libpcap0.8; it is libpcap0.8t64 on Debian 13"
            + " and Ubuntu 24.04)";

    /** Preferred first: the unversioned name is what the distribution means by "the" libpcap. */
    private static final List<String> FILE_NAMES = List.of("libpcap.so", "libpcap.so.0.8", "libpcap.so.1");

    /** Debian/Ubuntu multiarch directory for each JVM architecture name. */
    private static final Map<String, String> MULTIARCH = Map.of(
            "amd64", "x86_64-linux-gnu",
            "x86_64", "x86_64-linux-gnu",
            "aarch64", "aarch64-linux-gnu",
            "arm", "arm-linux-gnueabihf",
            "x86", "i386-linux-gnu",
            "i386", "i386-linux-gnu",
            "ppc64le", "powerpc64le-linux-gnu",
            "s390x", "s390x-linux-gnu",
            "riscv64", "riscv64-linux-gnu");

    private PcapLibrary() {
    }

    /** Sets the library property unless the user already did; throws when no libpcap is installed. */
    static synchronized void configure() {
        if (System.getProperty(LIB_NAME_PROPERTY) != null) {
            return;
        }
        String osArch = System.getProperty("os.arch", "");
        Path library = locate(candidates(osArch), PcapLibrary::isUsableFile)
                .orElseThrow(() -> new LinkException(LinkException.Kind.LIBRARY, NOT_FOUND_MESSAGE));
        System.setProperty(LIB_NAME_PROPERTY, library.toString());
        // JNA builds its search path for libraries named without a directory once, when NativeLibrary loads, and
        // on Linux runs `ldconfig -p` for it, a child process on every start. A run opens libpcap by the
        // path above and libc as the process's own, so that path is not used: given these directories, JNA
        // runs no ldconfig. Only here, where libpcap is named by path; a user's own setting is kept.
        if (System.getProperty(JNA_SEARCH_PATH_PROPERTY) == null) {
            System.setProperty(JNA_SEARCH_PATH_PROPERTY, searchPath(osArch));
        }
    }

    /** JNA's search path for other libraries: the directories searched for libpcap, in the same order. */
    static String searchPath(String osArch) {
        return String.join(":", directories(osArch).stream().map(Path::toString).toList());
    }

    /** Every place worth looking, best first: by file name, then by directory. */
    static List<Path> candidates(String osArch) {
        List<Path> dirs = directories(osArch);
        List<Path> candidates = new ArrayList<>();
        for (String name : FILE_NAMES) {
            for (Path dir : dirs) {
                candidates.add(dir.resolve(name));
            }
        }
        return candidates;
    }

    private static List<Path> directories(String osArch) {
        List<Path> dirs = new ArrayList<>();
        String multiarch = MULTIARCH.get(osArch);
        if (multiarch != null) {
            dirs.add(Path.of("/usr/lib", multiarch));
            dirs.add(Path.of("/lib", multiarch));
        }
        for (String dir : List.of("/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/lib")) {
            dirs.add(Path.of(dir));
        }
        return dirs;
    }

    static Optional<Path> locate(List<Path> candidates, Predicate<Path> usable) {
        return candidates.stream().filter(usable).findFirst();
    }

    private static boolean isUsableFile(Path path) {
        // Follows symbolic links: a dangling libpcap.so left by a removed -dev package is not usable.
        return Files.isRegularFile(path) && Files.isReadable(path);
    }
}
