package rawhttpget.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;

import java.net.URL;

/**
 * Loads a logback configuration into the context and reports the first error as one line, instead of logback's
 * habit of printing its status list to standard output (where it would corrupt {@code -O -}) and stack traces
 * to standard error.
 */
final class LogConfigLoader {
    /** The shipped default, config/logback.xml, which Maven puts at the root of the jar. */
    static final String BUNDLED = "/logback.xml";

    private LogConfigLoader() {
    }

    /** The shipped default configuration inside the jar. */
    static URL bundled() {
        return LogConfigLoader.class.getResource(BUNDLED);
    }

    /** Resets the context and configures it from {@code url}; returns null, or what went wrong in one line. */
    static String load(LoggerContext context, URL url) {
        ErrorCollector errors = new ErrorCollector();
        context.reset();
        // With a listener registered, logback no longer prints its status list on stdout when something fails.
        context.getStatusManager().add(errors);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(url);
        } catch (JoranException e) {
            errors.note(e.getMessage(), e.getCause());
        }
        return errors.line();
    }

    /**
     * Keeps the first error logback reports, with the first underlying cause among the errors (logback reports
     * "parsing error on line 2" and the parser's reason as two statuses). Survives the context's resets so it
     * hears the whole load.
     */
    static final class ErrorCollector implements StatusListener {
        private String message;
        private String cause;

        @Override
        public void addStatusEvent(Status status) {
            if (status.getLevel() >= Status.ERROR) {
                note(status.getMessage(), status.getThrowable());
            }
        }

        private void note(String text, Throwable throwable) {
            if (message == null) {
                message = text;
            }
            if (cause == null && throwable != null && throwable.getMessage() != null) {
                cause = throwable.getMessage();
            }
        }

        /** One line, or null when nothing went wrong. */
        String line() {
            if (message == null) {
                return null;
            }
            String text = cause == null || message.contains(cause) ? message : message + ": " + cause;
            return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
        }

        @Override
        public boolean isResetResistant() {
            return true;
        }
    }
}
