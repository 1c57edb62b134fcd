package rawhttpget.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Maps -q, -v and -d onto the level of every layer's logger (all under {@code rawhttpget}). */
final class LogLevels {
    private LogLevels() {
    }

    static void apply(Options options) {
        Level level = options.debug ? Level.DEBUG : options.verbose ? Level.INFO : options.quiet ? Level.ERROR : null;
        if (level != null && LoggerFactory.getLogger("rawhttpget") instanceof Logger root) {
            root.setLevel(level);
        }
    }
}
