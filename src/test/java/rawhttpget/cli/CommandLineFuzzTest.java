package rawhttpget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import rawhttpget.failure.ExitCode;

/**
 * Command lines as a user might type them, from arbitrary bytes (arguments split at NULs): every option's value
 * parser is reached through the table (time periods, byte values, counts, addresses, headers, checksums). Each
 * line is parsed into options whose settings can be built, or refused as a usage error of one line, with wget's
 * status 2 (or 1 where wget says 1), never with any other exception.
 */
class CommandLineFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void arbitraryCommandLinesAreParsedOrRefusedInOneLine(byte[] input) {
        String[] args = new String(input, StandardCharsets.UTF_8).split("\0", -1);
        Options options;
        try {
            options = CommandLineParser.parse(args);
        } catch (UsageException refused) {
            assertThat(refused.exitCode()).isIn(ExitCode.USAGE, ExitCode.GENERIC);
            for (boolean unicode : new boolean[] {true, false}) {
                assertThat(refused.message(unicode)).isNotBlank().doesNotContain("\n", "\r");
            }
            return;
        }
        assertThat(options.timeoutSeconds).isPositive();
        assertThat(options.connectTimeoutSeconds).isPositive();
        assertThat(options.readTimeoutSeconds).isPositive();
        assertThat(options.limitRate).isNotNegative();
        options.downloadSettings();
        options.logSettings();
    }
}
