package rawhttpget.download;

import org.junit.jupiter.api.io.TempDir;
import rawhttpget.cli.CommandLines;
import rawhttpget.failure.DownloadException;
import rawhttpget.testing.VirtualNetwork;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * What the tests of whole downloads in virtual time share: Downloader run as the command line starts it, over a
 * {@link VirtualNetwork}, saving into a temporary directory, with what it says on stderr kept for the assertions.
 * A test class names the options all its runs have in common; each run adds its own after them.
 */
abstract class VirtualTimeDownloads {
    /** The scripted server of {@link VirtualNetwork}. */
    static final String SERVER = "http://198.18.0.2";

    @TempDir
    Path dir;

    /** Everything the runs said on stderr, in order. */
    final StringWriter errText = new StringWriter();

    /** --random-wait's source of r in [0, 1) for the runs, or null for the Downloader's own. */
    DoubleSupplier randomWaits;

    /** What every run of the class passes, after {@code -P dir} and before its own arguments. */
    final List<String> options;

    VirtualTimeDownloads(String... options) {
        this.options = List.of(options);
    }

    /** Downloads with {@code -P dir}, the class's options, then {@code args}; stdin is the JVM's, as for wget. */
    void run(VirtualNetwork network, String... args) throws DownloadException {
        runDownloader(network, Map.of(), () -> System.in, options, args);
    }

    /** {@code environment}: the variables the run reads (http_proxy, https_proxy, no_proxy). */
    void run(VirtualNetwork network, Map<String, String> environment, String... args) throws DownloadException {
        runDownloader(network, environment, () -> System.in, options, args);
    }

    /** The arguments are {@code -P dir}, then {@code options}, then {@code args}; {@code stdin} is what -i - reads. */
    final void runDownloader(VirtualNetwork network, Map<String, String> environment, Supplier<InputStream> stdin,
                             List<String> options, String... args) throws DownloadException {
        List<String> all = new ArrayList<>(List.of("-P", dir.toString()));
        all.addAll(options);
        all.addAll(List.of(args));
        Downloader downloader = new Downloader(CommandLines.downloadSettings(environment, all.toArray(String[]::new)),
                new PrintWriter(errText, true), network, stdin);
        if (randomWaits != null) {
            downloader.randomWaits(randomWaits);
        }
        downloader.run();
    }

    /** What the runs said on stderr, its timestamps (the wall clock's) as DATE and its quotes as ASCII. */
    final String said() {
        return errText.toString().replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d", "DATE")
                .replace('‘', '\'').replace('’', '\'');
    }

    /** A saved file's bytes, one char each. */
    final String file(String name) throws Exception {
        return Files.readString(dir.resolve(name), StandardCharsets.ISO_8859_1);
    }

    /** The names in the download directory, sorted. */
    final List<String> files() throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A text body of {@code length} lowercase letters, in a pattern that shows a byte out of place. */
    static String letters(int length) {
        return letters(length, 0);
    }

    /** As {@link #letters(int)}, the pattern shifted by {@code seed}, so that two bodies differ. */
    static String letters(int length, int seed) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + (i * 7 + seed) % 26));
        }
        return b.toString();
    }

    /** A binary body of pseudo-random bytes, the same for the same seed. */
    static byte[] randomBytes(int length, long seed) {
        byte[] b = new byte[length];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }
}
