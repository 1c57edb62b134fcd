package rawhttpget.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Logback's first configuration, found through {@code META-INF/services}: the file named by logback's own
 * {@code -Dlogback.configurationFile}, else the shipped default ({@link DefaultLogConfig}). Logback on its own would print its status
 * messages to standard output when that file is broken; here a broken file is remembered as one line, for
 * {@link LogSetup} to report as a usage error, and the shipped default is loaded instead so the run can still
 * say so.
 */
public final class LogbackStartup extends ContextAwareBase implements Configurator {
    static final String PROPERTY = "logback.configurationFile";

    /** What was wrong with the file named by the property, or null. Written once while logback starts. */
    private static volatile String problem;

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        String file = System.getProperty(PROPERTY);
        if (file != null && !file.isBlank()) {
            String error = load(context, file);
            if (error == null) {
                return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
            }
            problem = "-D" + PROPERTY + "=" + file + ": " + error;
        }
        DefaultLogConfig.apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Loads a file path or URL, as logback's property accepts both. */
    static String load(LoggerContext context, String fileOrUrl) {
        URL url;
        try {
            Path path = Path.of(fileOrUrl);
            if (Files.isRegularFile(path)) {
                if (!Files.isReadable(path)) {
                    return "cannot read the file";
                }
                url = path.toUri().toURL();
            } else if (fileOrUrl.contains(":/")) {
                url = new URL(fileOrUrl);
            } else {
                return "no such file";
            }
        } catch (MalformedURLException | RuntimeException e) {
            return "not a file or URL (" + e.getMessage() + ")";
        }
        return LogConfigLoader.load(context, url);
    }

    static String problem() {
        return problem;
    }
}
