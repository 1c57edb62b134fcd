package rawhttpget.logging;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

import java.io.FileOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Applies the logging options, in this order: the configuration ({@code --log-config FILE}, else logback's
 * {@code -Dlogback.configurationFile}, else the shipped config/logback.xml), then {@code --log-file}, then the
 * levels ({@code -q}/{@code -v}/{@code -d}, then {@code --log}).
 */
public final class LogSetup {
    /** The shipped default's layout, for a log file when the configuration's console layout is not a pattern. */
    public static final String DEFAULT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n";

    private LogSetup() {
    }

    public static void apply(LogSettings settings) throws DownloadException {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J backend on the class path: it configures itself
        }
        if (settings.logConfig() != null) {
            String error = LogbackStartup.load(context, settings.logConfig());
            if (error != null) {
                DefaultLogConfig.apply(context);
                throw new DownloadException(ExitCode.USAGE, "--log-config " + settings.logConfig() + ": " + error);
            }
        } else if (LogbackStartup.problem() != null) {
            throw new DownloadException(ExitCode.USAGE, LogbackStartup.problem());
        }
        if (settings.logFile() != null) {
            logToFile(context, settings.logFile());
        }
        LogLevels.apply(context, LogLevels.overall(settings), settings.levels());
    }

    /**
     * Sends what went to the console to {@code file} instead (truncated first, as wget's -o does), keeping the
     * console's layout. Messages that end the run ("rawhttpget: ...") still go to standard error.
     */
    static void logToFile(LoggerContext context, String file) throws DownloadException {
        try (FileOutputStream probe = new FileOutputStream(file)) {
            // Opened here only to report a bad path as the user's file error, not as logback's status message.
        } catch (IOException e) {
            throw new DownloadException(ExitCode.FILE_IO, "cannot open log file " + file + ": " + e.getMessage(), e);
        }
        String pattern = DEFAULT_PATTERN;
        for (Logger logger : context.getLoggerList()) {
            List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                Appender<ILoggingEvent> appender = it.next();
                if (appender instanceof ConsoleAppender<ILoggingEvent> console) {
                    consoles.add(console);
                    if (console.getEncoder() instanceof PatternLayoutEncoder encoder) {
                        pattern = encoder.getPattern();
                    }
                }
            }
            for (Appender<ILoggingEvent> console : consoles) {
                logger.detachAppender(console);
                console.stop();
            }
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("LOG_FILE");
        appender.setFile(file);
        appender.setAppend(false);
        appender.setEncoder(encoder);
        appender.start();
        if (!appender.isStarted()) {
            throw new DownloadException(ExitCode.FILE_IO, "cannot open log file " + file);
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }
}
