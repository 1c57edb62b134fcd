package rawhttpget.logging;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.NopStatusListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogSetupTest {
    @TempDir
    Path dir;

    @Test
    void logFileTakesTheConsolesLinesAndLayout() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // what SLF4J's binding gives the real context
        context.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger{0}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(console);
        Path file = dir.resolve("run.log");
        Files.writeString(file, "old contents\n");

        LogSetup.logToFile(context, file.toString());
        context.getLogger("rawhttpget.tcp").warn("window closed");
        context.stop();

        assertThat(Files.readString(file)).isEqualTo("WARN tcp: window closed\n");
        assertThat(console.isStarted()).isFalse();
        assertThat(root.iteratorForAppenders()).toIterable().doesNotContain(console);
    }

    @Test
    void unwritableLogFileIsAFileError() {
        LoggerContext context = new LoggerContext();
        assertThatThrownBy(() -> LogSetup.logToFile(context, dir.resolve("no/such/dir/run.log").toString()))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.FILE_IO);
                    assertThat(e.getMessage()).startsWith("cannot open log file " + dir.resolve("no/such/dir/run.log"));
                });
    }

    @Test
    void brokenConfigurationIsReportedInOneLine() throws IOException {
        Path config = Files.writeString(dir.resolve("bad.xml"), "<configuration>\n<appender name=\"X\"\n");
        String error = LogbackStartup.load(new LoggerContext(), config.toString());
        assertThat(error).isNotBlank().doesNotContain("\n");
    }

    @Test
    void missingConfigurationFileSaysSo() {
        assertThat(LogbackStartup.load(new LoggerContext(), dir.resolve("absent.xml").toString())).isEqualTo("no such file");
    }

    @Test
    void shippedConfigurationLoadsCleanly() {
        LoggerContext context = new LoggerContext();
        assertThat(LogConfigLoader.load(context, LogConfigLoader.bundled())).isNull();
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNotNull();
    }

    /** Runs start with DefaultLogConfig, not the XML: the two must configure the same thing. */
    @Test
    @SuppressWarnings("unchecked")
    void theDefaultBuiltInCodeIsTheShippedXml() {
        LoggerContext fromXml = new LoggerContext();
        assertThat(LogConfigLoader.load(fromXml, LogConfigLoader.bundled())).isNull();
        LoggerContext fromCode = new LoggerContext();
        DefaultLogConfig.apply(fromCode);
        for (LoggerContext context : List.of(fromXml, fromCode)) {
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            assertThat(root.getLevel()).isEqualTo(Level.WARN);
            assertThat(context.getLogger("org.pcap4j").getLevel()).isEqualTo(Level.WARN);
            assertThat(context.getLoggerList()).extracting(Logger::getName).filteredOn(n -> context.getLogger(n).getLevel() != null)
                    .containsExactlyInAnyOrder(Logger.ROOT_LOGGER_NAME, "org.pcap4j");
            List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
            root.iteratorForAppenders().forEachRemaining(appenders::add);
            assertThat(appenders).hasSize(1);
            ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) appenders.get(0);
            assertThat(console.getName()).isEqualTo(DefaultLogConfig.APPENDER);
            assertThat(console.getTarget()).isEqualTo("System.err");
            assertThat(console.isStarted()).isTrue();
            assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern()).isEqualTo(LogSetup.DEFAULT_PATTERN);
            assertThat(context.getStatusManager().getCopyOfStatusListenerList())
                    .hasAtLeastOneElementOfType(NopStatusListener.class);
        }
    }
}
