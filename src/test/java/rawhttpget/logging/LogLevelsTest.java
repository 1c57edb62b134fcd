package rawhttpget.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogLevelsTest {
    @Test
    void parsesLayerLevelPairsInAnyCaseAroundSpaces() {
        assertThat(LogLevels.Spec.parse("tcp=debug,arp=trace").levels())
                .isEqualTo(Map.of("tcp", Level.DEBUG, "arp", Level.TRACE));
        assertThat(LogLevels.Spec.parse(" TCP = Debug , link=OFF ").levels())
                .isEqualTo(Map.of("tcp", Level.DEBUG, "link", Level.OFF));
    }

    @Test
    void laterEntryForTheSameLayerWins() {
        assertThat(LogLevels.Spec.parse("tcp=debug,tcp=warn").levels()).isEqualTo(Map.of("tcp", Level.WARN));
    }

    @Test
    void everyLayerHasAName() {
        for (String layer : List.of("link", "arp", "ip", "tcp", "tls", "http", "host", "cli")) {
            assertThat(LogLevels.Spec.parse(layer + "=info").levels()).containsEntry(layer, Level.INFO);
        }
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        assertThatThrownBy(() -> LogLevels.Spec.parse("tpc=debug"))
                .hasMessage("unknown layer 'tpc' (layers: link, arp, ip, tcp, tls, http, host, cli)");
        assertThatThrownBy(() -> LogLevels.Spec.parse("tcp=loud"))
                .hasMessage("unknown level 'loud' for tcp (levels: off, error, warn, info, debug, trace)");
        assertThatThrownBy(() -> LogLevels.Spec.parse("tcp"))
                .hasMessage("'tcp' is not LAYER=LEVEL, e.g. --log tcp=debug,arp=trace");
        assertThatThrownBy(() -> LogLevels.Spec.parse("tcp=debug,"))
                .hasMessage("'' is not LAYER=LEVEL, e.g. --log tcp=debug,arp=trace");
        assertThatThrownBy(() -> LogLevels.Spec.parse(""))
                .hasMessage("expected LAYER=LEVEL[,LAYER=LEVEL...], e.g. --log tcp=debug,arp=trace");
    }

    @Test
    void layerLevelsWinOverTheOverallLevelWhateverTheOrder() {
        LoggerContext context = new LoggerContext();
        LogLevels.apply(context, Level.ERROR, List.of(LogLevels.Spec.parse("tcp=debug"), LogLevels.Spec.parse("arp=trace")));

        assertThat(context.getLogger("rawhttpget.tcp").getEffectiveLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("rawhttpget.arp").getEffectiveLevel()).isEqualTo(Level.TRACE);
        assertThat(context.getLogger("rawhttpget.ip").getEffectiveLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("rawhttpget.link").getEffectiveLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void debugOutranksVerboseWhichOutranksQuiet() {
        assertThat(LogLevels.overall(flags(false, false, false))).isNull();
        assertThat(LogLevels.overall(flags(true, false, false))).isEqualTo(Level.ERROR);
        assertThat(LogLevels.overall(flags(true, true, false))).isEqualTo(Level.INFO);
        assertThat(LogLevels.overall(flags(true, true, true))).isEqualTo(Level.DEBUG);
    }

    private static LogSettings flags(boolean quiet, boolean verbose, boolean debug) {
        return new LogSettings(null, null, quiet, verbose, debug, List.of());
    }

    @Test
    void withoutFlagsTheConfigurationsLevelsStay() {
        LoggerContext context = new LoggerContext();
        context.getLogger("rawhttpget.tcp").setLevel(Level.INFO);
        LogLevels.apply(context, null, null);
        assertThat(context.getLogger("rawhttpget.tcp").getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("rawhttpget").getLevel()).isNull();
    }
}
