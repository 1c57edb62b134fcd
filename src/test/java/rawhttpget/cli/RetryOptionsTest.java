package rawhttpget.cli;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryOptionsTest {

    @Test
    void triesTakesAWholeNumberOrInfAsWgetDoes() {
        assertThat(RetryOptions.tries("3")).isEqualTo(3);
        assertThat(RetryOptions.tries("0")).isZero();
        assertThat(RetryOptions.tries("inf")).isZero();
        assertThat(RetryOptions.tries("INF")).isZero();
        assertThatThrownBy(() -> RetryOptions.tries("infinity")).hasMessage("'infinity' is not a whole number");
    }

    @Test
    void retryOnHttpErrorTakesCommaSeparatedStatusCodes() {
        assertThat(RetryOptions.statuses("503")).isEqualTo(Set.of(503));
        assertThat(RetryOptions.statuses("503, 429,500")).isEqualTo(Set.of(429, 500, 503));
        assertThatThrownBy(() -> RetryOptions.statuses("503,abc"))
                .hasMessage("'abc' is not an HTTP status code (100-599)");
        assertThatThrownBy(() -> RetryOptions.statuses("600")).hasMessage("'600' is not an HTTP status code (100-599)");
        assertThatThrownBy(() -> RetryOptions.statuses("503,")).hasMessage("'' is not an HTTP status code (100-599)");
    }
}
