package rawhttpget.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A proxy's reply to CONNECT as a hostile proxy might send it, in the fragments the first byte chooses:
 * {@link ProxyReply} either completes with a status in range, having taken no more than the head's bytes and
 * never more than {@link ProxyReply#MAX_HEAD_BYTES}, or refuses with a one-line {@link HttpProtocolException}.
 */
class ProxyReplyFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void arbitraryRepliesAreReadWithinTheirHeadOrRefusedWithAReason(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int fragment = 1 + (input[0] & 0xFF);
        ProxyReply reply = new ProxyReply();
        int taken = 0;
        try {
            for (int off = 1; off < input.length && !reply.isComplete(); off += fragment) {
                int len = Math.min(fragment, input.length - off);
                int n = reply.accept(input, off, len);
                assertThat(n).isBetween(reply.isComplete() ? 1 : len, len);
                taken += n;
            }
        } catch (HttpProtocolException refused) {
            assertThat(refused.getMessage()).isNotBlank().doesNotContain("\n", "\r");
            return;
        }
        assertThat(taken).isLessThanOrEqualTo(ProxyReply.MAX_HEAD_BYTES);
        if (reply.isComplete()) {
            assertThat(reply.statusCode()).isBetween(100, 599);
            assertThat(input[taken]).isEqualTo((byte) '\n'); // the head ends at its blank line's LF, not past it
            assertThat(reply.opensTunnel()).isEqualTo(reply.statusCode() == 200);
            reply.headers().forEach(h -> assertThat(HttpRequest.isToken(h.name())).isTrue());
        }
    }
}
