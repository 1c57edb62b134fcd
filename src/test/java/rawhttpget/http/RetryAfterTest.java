package rawhttpget.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

    /** value | Date field ("-": none) | seconds ("-": nothing usable). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "120|-|120",
        " 5 |-|5",
        "0|-|0",
        "99999999999999999999999|-|9223372036854775807",
        "Sun, 06 Nov 1994 08:50:37 GMT|Sun, 06 Nov 1994 08:49:37 GMT|60",
        "Sun, 06 Nov 1994 08:48:37 GMT|Sun, 06 Nov 1994 08:49:37 GMT|0",
        "Sun, 06 Nov 1994 08:50:37 GMT|-|-",
        "Sun, 06 Nov 1994 08:50:37 GMT|garbage|-",
        "-5|-|-",
        "1.5|-|-",
        "soon|-|-",
        "''|-|-",
    })
    void readsDelaySecondsOrADateAgainstTheResponsesDate(String value, String date, String seconds) {
        if (seconds == null) {
            assertThat(RetryAfter.seconds(value, date)).isEmpty();
        } else {
            assertThat(RetryAfter.seconds(value, date)).hasValue(Long.parseLong(seconds));
        }
    }
}
