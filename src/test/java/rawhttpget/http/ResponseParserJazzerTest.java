package rawhttpget.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided companion of {@link ResponseParserFuzzTest}: the first input byte picks GET or HEAD and the size of
 * the pieces the rest is fed in; the parser may only ever refuse with {@link HttpProtocolException} (one line), must
 * call its listener in order, complete at most once, and count exactly the body bytes it handed over.
 */
class ResponseParserJazzerTest {

    @FuzzTest(maxDuration = "10m")
    void arbitraryResponsesOnlyEverFailWithAProtocolError(byte[] input) {
        if (input.length == 0) {
            return;
        }
        RequestMethod method = (input[0] & 1) != 0 ? RequestMethod.HEAD : RequestMethod.GET;
        int piece = 1 + ((input[0] & 0xFF) >>> 1);
        RecordingListener listener = new RecordingListener();
        ResponseParser parser = new ResponseParser(listener, method);
        try {
            for (int off = 1; off < input.length; off += piece) {
                parser.feed(input, off, Math.min(piece, input.length - off));
            }
            parser.endOfStream();
            assertThat(listener.completions).isEqualTo(1);
        } catch (HttpProtocolException refused) {
            assertThat(refused.getMessage()).isNotBlank().doesNotContain("\n", "\r");
            assertThat(listener.completions).isLessThanOrEqualTo(1);
        }
        assertThat(listener.orderViolations).isEmpty();
        assertThat(parser.bodyBytes()).isEqualTo(listener.bodyBytes().length);
    }
}
