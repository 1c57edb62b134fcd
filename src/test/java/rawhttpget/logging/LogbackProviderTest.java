package rawhttpget.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class LogbackProviderTest {

    @Test
    void selectNamesThisProviderAndQuietsSlf4jsAnnouncement() {
        Properties system = new Properties();
        LogbackProvider.select(system);
        assertThat(system.getProperty("slf4j.provider")).isEqualTo("rawhttpget.logging.LogbackProvider");
        assertThat(system.getProperty("slf4j.internal.verbosity")).isEqualTo("WARN");
    }

    @Test
    void selectKeepsTheUsersChoices() {
        Properties system = new Properties();
        system.setProperty("slf4j.provider", "other.Provider");
        LogbackProvider.select(system);
        assertThat(system.getProperty("slf4j.provider")).isEqualTo("other.Provider");
        assertThat(system.getProperty("slf4j.internal.verbosity")).isNull();

        Properties verbose = new Properties();
        verbose.setProperty("slf4j.internal.verbosity", "DEBUG");
        LogbackProvider.select(verbose);
        assertThat(verbose.getProperty("slf4j.internal.verbosity")).isEqualTo("DEBUG");
    }

    @Test
    @SuppressWarnings("unchecked")
    void initializeGivesAStartedContextWithTheShippedDefault() {
        LogbackProvider provider = new LogbackProvider();
        provider.initialize();
        LoggerContext context = (LoggerContext) provider.getLoggerFactory();
        assertThat(context.isStarted()).isTrue();
        assertThat(context.getName()).isEqualTo("default");
        assertThat(context.getMDCAdapter()).isSameAs(provider.getMDCAdapter());
        assertThat(provider.getMarkerFactory().getMarker("m").getName()).isEqualTo("m");
        assertThat(provider.getRequestedApiVersion()).startsWith("2.0");
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) root.getAppender(DefaultLogConfig.APPENDER);
        assertThat(console.isStarted()).isTrue();
    }

    @Test
    void lazyEncoderCompilesOnTheFirstEventAndWritesWhatTheEagerOneWrites() {
        LoggerContext context = new LoggerContext();
        PatternLayoutEncoder lazy = new LazyPatternLayoutEncoder();
        PatternLayoutEncoder eager = new PatternLayoutEncoder();
        for (PatternLayoutEncoder encoder : new PatternLayoutEncoder[] {lazy, eager}) {
            encoder.setContext(context);
            encoder.setPattern(LogSetup.DEFAULT_PATTERN);
            encoder.start();
        }
        assertThat(lazy.isStarted()).isTrue();
        assertThat(lazy.getLayout()).isNull();
        // The appender writes the header at its start: nothing from either (null and an empty array).
        assertThat(lazy.headerBytes()).isNull();
        assertThat(eager.headerBytes()).isEmpty();

        LoggingEvent event = new LoggingEvent("x", context.getLogger("rawhttpget.tcp"), Level.INFO, "hello {}", null,
                new Object[] {42});
        event.setTimeStamp(1_000_000L);
        assertThat(new String(lazy.encode(event))).isEqualTo(new String(eager.encode(event)))
                .endsWith(" INFO  tcp: hello 42" + System.lineSeparator());
        assertThat(lazy.getLayout()).isNotNull();
    }
}
