package rawhttpget.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which progress display a run gets, as wget chooses it, and how a terminal is recognised behind stderr. */
class ProgressStyleTest {

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
}
