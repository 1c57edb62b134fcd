package rawhttpget.download;

import com.code_intelligence.jazzer.junit.FuzzTest;
import rawhttpget.http.HttpUrl;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An --input-file of arbitrary bytes: every URL read from it is a non-empty line without the whitespace around
 * it, never a comment; resolved against a base it is refused with a one-line reason or well formed.
 */
class InputFileFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void arbitraryInputFilesGiveTrimmedLinesThatResolveOrAreRefused(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        HttpUrl base = HttpUrl.parse("http://198.18.1.1/dir/page.html");
        for (String url : InputFile.urls(text)) {
            assertThat(url).isNotEmpty().doesNotContain("\n").doesNotStartWith("#");
            // C's isspace() in the C locale, what wget strips: U+001F and the like are kept, as wget keeps them.
            assertThat(" \t\n\u000b\f\r").doesNotContain(url.substring(0, 1), url.substring(url.length() - 1));
            try {
                HttpUrl resolved = base.resolve(url);
                assertThat(resolved.requestTarget()).doesNotContain(" ", "\r", "\n", "\t");
            } catch (HttpUrl.InvalidUrlException refused) {
                assertThat(refused.getMessage()).isNotBlank().doesNotContain("\n");
            }
        }
    }
}
