package rawhttpget.runtime;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells the JIT to compile this program's classes with C1 only, the checksum loop excepted: what
 * config/jvm.options does with -XX:CompileCommand for the launcher, done from inside a plain {@code java -jar}.
 *
 * <p>Why: on a download the JVM's C2 compiler otherwise spends about a quarter of the process's CPU compiling
 * the stack's per-frame code, on the same two cores the stack and the server need, for code that C1 compiles
 * almost as well (the figures are in docs/PERFORMANCE.md, "The JIT without flags"). The checksum keeps C2,
 * which compiles its eight-byte loads into a few instructions.
 *
 * <p>How: a jar's manifest carries no JVM flags, but HotSpot takes compiler directives at run time through its
 * diagnostic command {@code Compiler.directives_add} (what {@code jcmd PID Compiler.directives_add FILE} sends).
 * The public route to it, the platform MBean server, costs ~80 ms of start-up; the command's implementation in
 * jdk.management is reached directly instead, opened to us by the manifest's {@code Add-Opens}. Anything that
 * fails (another JDK, a security manager, no /tmp) leaves the JIT at its defaults, which only costs speed.
 */
public final class JitDirectives {
    /** Set to "default" to leave the JIT as the JVM's flags have it (for measuring, or a launcher's own choice). */
    static final String PROPERTY = "rawhttpget.jit";

    static final String DIRECTIVES = """
            [
              { match: "rawhttpget/ipv4/InternetChecksum.add", c2: { Exclude: false } },
              { match: "rawhttpget/*.*", c2: { Exclude: true } }
            ]
            """;

    private static volatile String outcome = "JIT directives: not added yet";

    private JitDirectives() {
    }

    /** What {@link #apply} did, for a debug line once logging is set up. */
    public static String outcome() {
        return outcome;
    }

    /** Adds the directives unless {@value #PROPERTY} says not to; {@link #outcome} then says what happened. */
    public static void apply() {
        outcome = add();
    }

    private static String add() {
        if ("default".equals(System.getProperty(PROPERTY))) {
            return "JIT directives: not added (-D" + PROPERTY + "=default)";
        }
        Path file = null;
        try {
            file = Files.createTempFile("rawhttpget-jit-", ".json");
            // A run as short as --help may exit while this daemon thread is still here: the file goes anyway.
            file.toFile().deleteOnExit();
            Files.writeString(file, DIRECTIVES, StandardCharsets.US_ASCII);
            return "JIT directives: " + execute("Compiler.directives_add " + file).strip();
        } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "JIT directives: not added (" + e + ")";
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // A file of 150 bytes in /tmp: not worth a line.
                }
            }
        }
    }

    private static String execute(String command) throws ReflectiveOperationException {
        // Its static initialiser loads the native library the command's implementation calls into.
        Class.forName("com.sun.management.internal.PlatformMBeanProviderImpl");
        Class<?> implementation = Class.forName("com.sun.management.internal.DiagnosticCommandImpl");
        Method instance = implementation.getDeclaredMethod("getDiagnosticCommandMBean");
        instance.setAccessible(true);
        Method execute = implementation.getDeclaredMethod("executeDiagnosticCommand", String.class);
        execute.setAccessible(true);
        return (String) execute.invoke(instance.invoke(null), command);
    }
}
