package rawhttpget.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad --log or --log-config is a usage error: one clear line on stderr, exit status 2, nothing on stdout. */
class LogOptionsTest {
    @TempDir
    Path dir;

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
    void badLogConfigOptionIsAUsageErrorNamingTheFile() throws IOException {
        Path config = Files.writeString(dir.resolve("bad.xml"), "<bad");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"--log-config", config.toString(), "http://198.18.1.1/"},
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("rawhttpget: --log-config " + config + ": ").hasLineCount(1);
    }
}
