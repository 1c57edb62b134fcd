package rawhttpget.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * A URL as typed and a Location header as a server might send it, from arbitrary bytes (split at the first NUL):
 * {@link HttpUrl#parse} and {@link HttpUrl#resolve} accept them or throw {@link HttpUrl.InvalidUrlException} with
 * a one-line reason; what they accept has a host, a port in range and a path that starts with '/'.
 */
class HttpUrlFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void arbitraryUrlsAndLocationsAreRefusedWithAReasonOrWellFormed(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int nul = text.indexOf('\0');
        String typed = nul < 0 ? text : text.substring(0, nul);
        String location = nul < 0 ? null : text.substring(nul + 1);
        HttpUrl url;
        try {
            url = HttpUrl.parse(typed);
        } catch (HttpUrl.InvalidUrlException refused) {
            assertThat(refused.getMessage()).isNotBlank().doesNotContain("\n");
            return;
        }
        checkWellFormed(url);
        if (location != null) {
            try {
                checkWellFormed(url.resolve(location));
            } catch (HttpUrl.InvalidUrlException refused) {
                assertThat(refused.getMessage()).isNotBlank().doesNotContain("\n");
            }
        }
    }

    private static void checkWellFormed(HttpUrl url) {
        assertThat(url.scheme()).isIn("http", "https");
        assertThat(url.host()).isNotEmpty();
        assertThat(url.port()).isBetween(1, 65535);
        assertThat(url.path()).startsWith("/");
        url.lastPathSegment();
        // What goes on the request line must not be able to split it or add a header.
        assertThat(url.requestTarget()).doesNotContain(" ", "\r", "\n", "\t", "\0");
        assertThat(url.hostHeader()).doesNotContain(" ", "\r", "\n", "\t", "\0");
        assertThat(url.toString()).isNotEmpty();
    }
}
