package rawhttpget.logging;


import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The level of each layer's logger (rawhttpget.link, .arp, .ip, .tcp, .tls, .http, .host, .cli). {@code -q},
 * {@code -v} and {@code -d} set them all through their parent {@code rawhttpget}; {@code --log tcp=debug,arp=trace}
 * then sets single layers, which win over the parent whatever the order on the command line.
 */
public final class LogLevels {
    static final String PARENT = "rawhttpget";
    static final List<String> LAYERS = List.of("link", "arp", "ip", "tcp", "tls", "http", "host", "cli");
    private static final List<String> LEVELS = List.of("off", "error", "warn", "info", "debug", "trace");
    private static final String EXAMPLE = "e.g. --log tcp=debug,arp=trace";

    private LogLevels() {
    }

    /** One {@code --log} value: layer to level, in the order written (a later entry for a layer wins). */
    public record Spec(Map<String, Level> levels) {
        public static Spec parse(String text) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("expected LAYER=LEVEL[,LAYER=LEVEL...], " + EXAMPLE);
            }
            Map<String, Level> levels = new LinkedHashMap<>();
            for (String entry : text.split(",", -1)) {
                String item = entry.strip();
                int eq = item.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("'" + item + "' is not LAYER=LEVEL, " + EXAMPLE);
                }
                String layer = item.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String level = item.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
                if (!LAYERS.contains(layer)) {
                    throw new IllegalArgumentException("unknown layer '" + item.substring(0, eq).strip() + "' (layers: "
                            + String.join(", ", LAYERS) + ")");
                }
                if (!LEVELS.contains(level)) {
                    throw new IllegalArgumentException("unknown level '" + item.substring(eq + 1).strip() + "' for "
                            + layer + " (levels: " + String.join(", ", LEVELS) + ")");
                }
                levels.remove(layer);
                levels.put(layer, Level.toLevel(level));
            }
            return new Spec(Map.copyOf(levels));
        }
    }

    /** The level {@code -q}, {@code -v} or {@code -d} asks for every layer, or null to keep the configuration's. */
    static Level overall(LogSettings settings) {
        return settings.debug() ? Level.DEBUG : settings.verbose() ? Level.INFO : settings.quiet() ? Level.ERROR : null;
    }

    static void apply(LoggerContext context, Level overall, List<Spec> specs) {
        if (overall != null) {
            context.getLogger(PARENT).setLevel(overall);
        }
        if (specs != null) {
            for (Spec spec : specs) {
                spec.levels().forEach((layer, level) -> context.getLogger(PARENT + "." + layer).setLevel(level));
            }
        }
    }
}
