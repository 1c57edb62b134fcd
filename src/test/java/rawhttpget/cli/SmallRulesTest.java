package rawhttpget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small rules around a download: backoff, exit-code precedence, progress style, terminals, help groups. */
class SmallRulesTest {

    @ParameterizedTest(name = "after {0} failures, at most {1} s: wait {2} s")
    @CsvSource({"1,10,1", "2,10,2", "9,10,9", "10,10,10", "25,10,10", "3,0,0", "3,2,2"})
    void backoffGrowsBySecondsUpToTheLimit(int failures, long max, long expected) {
        assertThat(Backoff.seconds(failures, max)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} then {1}: {2}")
    @CsvSource({"SERVER_ERROR,NETWORK,NETWORK", "NETWORK,SERVER_ERROR,NETWORK", "GENERIC,SERVER_ERROR,SERVER_ERROR",
            "PROTOCOL,GENERIC,PROTOCOL", "FILE_IO,NETWORK,FILE_IO"})
    void withSeveralFailuresTheLowerCodeWinsExceptGeneric(ExitCode first, ExitCode second, ExitCode expected) {
        DownloadException worst = ExitCodes.moreSevere(ExitCodes.moreSevere(null, new DownloadException(first, "a")),
                new DownloadException(second, "b"));

        assertThat(worst.exitCode()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "--progress={0} quiet={1} terminal={2}: {3}")
    @CsvSource(nullValues = "null", value = {
        "null,false,true,BAR", "null,false,false,DOTS", "null,true,true,NONE", "bar,false,true,BAR",
        "bar,false,false,DOTS", "bar:force,false,false,BAR", "dot,false,true,DOTS", "dots,false,true,DOTS",
        "none,false,true,NONE", "BAR,false,true,BAR", "bar,true,true,NONE"})
    void chooseTheProgressStyleAsWgetDoes(String requested, boolean quiet, boolean terminal, ProgressStyle expected)
            throws Exception {
        assertThat(ProgressStyle.choose(requested, quiet, terminal)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"/dev/pts/3,true", "/dev/tty1,true", "/dev/console,true", "pipe:[12345],false",
            "/tmp/log.txt,false", "/dev/null,false"})
    void recognisesTerminalDevicesBehindStderr(String target, boolean terminal) {
        assertThat(Terminal.isTerminalDevice(target)).isEqualTo(terminal);
    }

    @Test
    void everyOptionHasAHelpSection() {
        assertThat(Options.TABLE).allSatisfy(option ->
                assertThat(HelpSections.headingOf(option)).as("help section of %s", option.longForm()).isNotNull());
    }
}
