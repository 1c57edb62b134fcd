package rawhttpget.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each expected value is one wget 1.21.3 printed (bar, Length line, saved line, dot summary). */
class WgetNumbersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0,0", "1023,1023", "122583,119.71K", "300000,292.97K", "1024000,1000K", "1048576,1.00M"})
    void barSizes(long bytes, String expected) {
        assertThat(WgetNumbers.humanReadable(bytes, 1000, 2)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1048576,1.0M", "748576,731K", "65536,64K", "3000000,2.9M"})
    void lengthSizes(long bytes, String expected) {
        assertThat(WgetNumbers.humanReadable(bytes, 10, 1)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"31247564.8,29.8 MB/s", "146800640,140 MB/s", "205824,201 KB/s", "500,500 B/s", "5000,4.88 KB/s"})
    void savedLineRates(double perSecond, String expected) {
        assertThat(WgetNumbers.rate(perSecond, false)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"219136,' 214KB/s'", "5000,'4.88KB/s'", "12000,'11.7KB/s'", "50,'50.0 B/s'"})
    void barRates(double perSecond, String expected) {
        assertThat(WgetNumbers.rate(perSecond, true)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"5.1,5.1s", "0.0309,0.03s", "0.0071,0.007s", "0.008,0.008s", "12.4,12s", "125,2m 5s", "0,0s"})
    void elapsed(double seconds, String expected) {
        assertThat(WgetNumbers.elapsed(seconds)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"13,13s", "99,99s", "100,1m 40s", "3725,62m 5s", "7325,2h 2m", "180000,2d 2h", "9000000,104d"})
    void etas(long seconds, String expected) {
        assertThat(WgetNumbers.shortDuration(seconds)).isEqualTo(expected);
    }
}
