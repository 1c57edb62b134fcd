package rawhttpget.download;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * --limit-rate's values as wget 1.21.3 reads them. Every row was run through the real wget here
 * ({@code wget --limit-rate=VALUE -q URL}): the accepted ones got as far as the network (exit 4), the refused ones
 * stopped with {@code wget: --limit-rate: Invalid byte value ‘VALUE’} and exit 2.
 */
class LimitRateTest {

    @ParameterizedTest(name = "''{0}'' is {1} bytes/s")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "2m|2097152",
        "2M|2097152",
        "1.5m|1572864",
        "100k|102400",
        ".5k|512",
        "1000|1000",
        "5.|5",
        "+5|5",
        "1g|1073741824",
        "1t|1099511627776",
        "0|0",
        "0k|0",
        "-0|0",
        "0.5|0",
        "inf|0",
        " 2m|2097152",
        "2 m|2097152",
        "2m |2097152",
        "99999999999999999999t|9223372036854775807"})
    void readsWhatWgetReads(String text, long bytesPerSecond) {
        assertThat(LimitRate.parse(text)).isEqualTo(bytesPerSecond);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"abc", "-5", "1.5x", "1.5.5", "", " ", ".", "k", "2mb", "1e3", "2\\t", "INF", "0x10", "--5"})
    void refusesWhatWgetRefuses(String text) {
        assertThatThrownBy(() -> LimitRate.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid byte value '" + text + "'");
    }
}
