package rawhttpget.cli;

import rawhttpget.logging.LogSetup;
import rawhttpget.logging.LogbackProvider;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The training run of the class-data archive ({@code make build}, {@code make install}: {@code java
 * -XX:ArchiveClassesAtExit=rawhttpget.jsa -cp rawhttpget.jar rawhttpget.cli.CdsTraining}). A download cannot run
 * at build time (it needs root and a network), and {@code --version} alone leaves out every class of the stack,
 * TCP and HTTP: a download loaded ~150 of them from the jar, parsing and verifying each. So after
 * {@code --version} this loads, without initialising, every class of ours and of the libraries a download uses
 * beyond it; the JVM links them when it writes the archive. The command line is parsed by our own classes
 * (CommandLineParser, Options' table), which the archive holds; --help's text is rendered too. Prints nothing.
 */
public final class CdsTraining {
    /** Packages whose classes are loaded; a class that fails to load is skipped. */
    private static final List<String> PREFIXES = List.of("rawhttpget/", "org/pcap4j/core/", "com/sun/jna/");

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException, URISyntaxException {
        LogbackProvider.select(System.getProperties()); // logging starts as in a run
        PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream());
        Main.run(new String[] {"--version"}, nowhere, nowhere);
        Main.run(new String[] {"--help"}, nowhere, nowhere);
        encodeOneEvent();
        Path jar = Path.of(CdsTraining.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(jar)) {
            return; // classes from a directory (an IDE, the tests): there is no archive to train
        }
        ClassLoader loader = CdsTraining.class.getClassLoader();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class") && !name.contains("-") && PREFIXES.stream().anyMatch(name::startsWith)) {
                    load(loader, name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
    }

    /** The console's pattern is compiled at a run's first event (LazyPatternLayoutEncoder): its classes join too. */
    private static void encodeOneEvent() {
        LoggerContext context = new LoggerContext();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(LogSetup.DEFAULT_PATTERN);
        encoder.start();
        encoder.encode(new LoggingEvent(CdsTraining.class.getName(), context.getLogger(Logger.ROOT_LOGGER_NAME),
                Level.INFO, "training", null, null));
    }

    private static void load(ClassLoader loader, String className) {
        try {
            Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            // Optional parts of a library (e.g. JNA's classes for other platforms): not needed by a run.
        }
    }
}
