package rawhttpget.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentRangeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bytes 100-999/1000   | 100 | 999 | 1000",
        "bytes 0-0/1          | 0   | 0   | 1",
        "BYTES 5-9/*          | 5   | 9   | -1",
        "  bytes  7-8/9       | 7   | 8   | 9",
        "bytes */1000         | -1  | -1  | 1000"})
    void readsEveryFormOfTheField(String value, long first, long last, long length) throws Exception {
        assertThat(ContentRange.parse(value)).isEqualTo(new ContentRange(first, last, length));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "items 0-1/2        | not in bytes",
        "bytes 0-1          | no complete length",
        "bytes */*          | neither a range nor a length",
        "bytes 5/10         | no '-' in the range",
        "bytes 9-5/10       | the range is empty or beyond the length",
        "bytes 5-10/10      | the range is empty or beyond the length",
        "bytes -1-5/10      | a number is missing or too long",
        "bytes 1-5/1x       | '1x' is not a number",
        "bytes 0-1/99999999999999999999 | a number is missing or too long"})
    void refusesWhatCannotBeReadExactly(String value, String why) {
        assertThatThrownBy(() -> ContentRange.parse(value))
                .isInstanceOf(HttpProtocolException.class)
                .hasMessage("invalid Content-Range '" + value + "': " + why);
    }
}
