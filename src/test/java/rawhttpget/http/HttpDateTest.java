package rawhttpget.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpDateTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Sun, 06 Nov 1994 08:49:37 GMT|784111777",
        "Sunday, 06-Nov-94 08:49:37 GMT|784111777",
        "Sun Nov  6 08:49:37 1994|784111777",
        "Thu, 02 Jan 2020 03:04:05 GMT|1577934245",
        "Thu, 01 Jan 1970 00:00:00 GMT|0",
        "Tue, 29 Feb 2000 23:59:59 GMT|951868799",
        "Tue, 01-Jan-69 00:00:00 GMT|3124224000",
    })
    void readsAllThreeForms(String text, long epochSeconds) {
        assertThat(HttpDate.parse(text)).hasValue(epochSeconds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 31 Feb 1994 08:49:37 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 94 08:49:37 GMT",
        "Sun, 6 Nov 1994 8:49:37 GMT", "Sun, 06 Nov 1994 08:49 GMT", "Sun, 29 Feb 1900 00:00:00 GMT", "12"})
    void refusesWhatIsNoHttpDate(String text) {
        assertThat(HttpDate.parse(text)).isEmpty();
    }

    @Test
    void formatsAnImfFixdateThatReadsBack() {
        assertThat(HttpDate.format(784111777)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(HttpDate.format(1577934245)).isEqualTo("Thu, 02 Jan 2020 03:04:05 GMT");
        assertThat(HttpDate.format(0)).isEqualTo("Thu, 01 Jan 1970 00:00:00 GMT");
        for (long t = -86_400L * 800; t < 86_400L * 365 * 500; t += 86_400L * 37 + 3_599) {
            assertThat(HttpDate.parse(HttpDate.format(t))).hasValue(t);
        }
    }
}
