package rawhttpget.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
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
    void badLogOptionIsAUsageErrorWithOneClearLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"--log", "tcp=debug,arp=loud", "http://198.18.1.1/"}, new PrintWriter(out, true),
                new PrintWriter(err, true));

        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("rawhttpget: Invalid value for option '--log' (LAYER=LEVEL[,...]): "
                + "unknown level 'loud' for arp (levels: off, error, warn, info, debug, trace)" + System.lineSeparator()
                + "Try 'rawhttpget --help' for more options." + System.lineSeparator());
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
        Options o = new Options();
        assertThat(LogLevels.overall(o)).isNull();
        o.quiet = true;
        assertThat(LogLevels.overall(o)).isEqualTo(Level.ERROR);
        o.verbose = true;
        assertThat(LogLevels.overall(o)).isEqualTo(Level.INFO);
        o.debug = true;
        assertThat(LogLevels.overall(o)).isEqualTo(Level.DEBUG);
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
