package rawhttpget.download;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The wait between tries: one second more after each failure, up to --waitretry. */
class BackoffTest {

    @ParameterizedTest(name = "after {0} failures, at most {1} s: wait {2} s")
    @CsvSource({"1,10,1", "2,10,2", "9,10,9", "10,10,10", "25,10,10", "3,0,0", "3,2,2"})
    void backoffGrowsBySecondsUpToTheLimit(int failures, long max, long expected) {
        assertThat(Backoff.seconds(failures, max)).isEqualTo(expected);
    }
}
