package rawhttpget.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.NopStatusListener;

/**
 * The shipped default configuration (config/logback.xml, packed into the jar) built in code. Every run starts
 * with it, and reading the XML through Joran loads an XML parser and a few hundred classes at every start-up,
 * a large share of a small download's CPU (docs/PERFORMANCE.md). A file named by {@code --log-config} or logback's own
 * property is still read by Joran. LogSetupTest checks that both give the same context.
 */
final class DefaultLogConfig {
    static final String APPENDER = "STDERR";

    private DefaultLogConfig() {
    }

    /** Resets the context and configures it as config/logback.xml does. */
    static void apply(LoggerContext context) {
        context.reset();
        context.getStatusManager().add(new NopStatusListener());
        PatternLayoutEncoder encoder = new LazyPatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(LogSetup.DEFAULT_PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName(APPENDER);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        context.getLogger("org.pcap4j").setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
    }
}
