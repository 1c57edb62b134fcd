package rawhttpget.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The default console appender's encoder, which compiles its pattern on the first event instead of at start:
 * a default or -q run logs nothing, and compiling the pattern is start-up work on the main thread (its
 * converters' classes, logback's class-loader permission check reading the JDK's policy files, the time zone
 * and a DateTimeFormatter; class-load log). Before the first event it has no layout, so the appender writes
 * no header, as the started encoder's pattern writes none either.
 */
final class LazyPatternLayoutEncoder extends PatternLayoutEncoder {
    /** Set once the pattern is compiled; events arrive from any thread. */
    private volatile boolean compiled;

    @Override
    public void start() {
        started = true;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        if (!compiled) {
            compile();
        }
        return super.encode(event);
    }

    private synchronized void compile() {
        if (!compiled) {
            super.start();
            compiled = true;
        }
    }
}
