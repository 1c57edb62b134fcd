package rawhttpget.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0,0", "1023,1023", "1024,1.00K", "100000,97.66K", "1048576,1.00M", "104857600,100.00M",
            "1073741824,1.00G", "1099511627776,1.00T"})
    void sizesInBinaryMultiplesWithTwoDecimals(long bytes, String expected) {
        assertThat(Units.size(bytes)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0,0B/s", "999,999B/s", "1000,0.98KB/s", "10240,10.0KB/s", "102400,100KB/s",
            "1048576,1.00MB/s", "471859200,450MB/s", "102390,100KB/s", "10234,9.99KB/s", "10235,10.0KB/s",
            "999.6,0.98KB/s", "1023487,999KB/s", "1023999,0.98MB/s"})
    void ratesWithThreeSignificantDigitsAtMost(double perSecond, String expected) {
        assertThat(Units.rate(perSecond)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ns")
    @CsvSource({"0,0s", "250000000,0.2s", "1000000000,1s", "5500000000,5.5s", "59000000000,59s",
            "65000000000,1m 5s", "3725000000000,1h 2m", "360000000000000,4d 4h"})
    void durationsAsWgetsEta(long nanos, String expected) {
        assertThat(Units.duration(nanos)).isEqualTo(expected);
    }
}
