package rawhttpget.http;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary Content-Disposition and Retry-After values (split at the first NUL): neither parser throws; a name
 * read is non-empty; a wait read is never negative.
 */
class ContentDispositionFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void arbitraryDispositionsGiveANonEmptyNameOrNone(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        Optional<String> name = ContentDisposition.filename(text);
        name.ifPresent(n -> assertThat(n).isNotEmpty());
    }

    @FuzzTest(maxDuration = "10m")
    void arbitraryRetryAftersGiveANonNegativeWaitOrNone(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        int nul = text.indexOf('\0');
        String value = nul < 0 ? text : text.substring(0, nul);
        String date = nul < 0 ? null : text.substring(nul + 1);
        RetryAfter.seconds(value, date).ifPresent(s -> assertThat(s).isNotNegative());
        HttpDate.parse(value).ifPresent(t -> assertThat(HttpDate.parse(HttpDate.format(t))).hasValue(t));
    }
}
