package rawhttpget.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * A proxy's reply to CONNECT: the head up to its blank line and not a byte more (what follows is the tunnel's),
 * in fragments of every size; malformed or oversized heads refused with one line.
 */
class ProxyReplyTest {

    private static byte[] bytes(String text) {
        return text.getBytes(ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "tinyproxy          | HTTP/1.0 200 Connection established\\r\\nProxy-agent: tinyproxy/1.11.1\\r\\n\\r\\n"
                + "| 200 | Connection established | true  | 1",
        "bare LF            | HTTP/1.1 200 OK\\n\\n                                   | 200 | OK              | true  | 0",
        "no reason          | HTTP/1.1 200\\r\\n\\r\\n                              | 200 |                 | true  | 0",
        "204, not 200       | HTTP/1.1 204\\r\\n\\r\\n                              | 204 |                 | false | 0",
        "201, not 200       | HTTP/1.1 201 Created\\r\\nContent-Length: 0\\r\\n\\r\\n | 201 | Created | false | 1",
        "refused            | HTTP/1.1 403 Access violation\\r\\nContent-Length: 0\\r\\n\\r\\n"
                + "| 403 | Access violation | false | 1",
        "needs credentials  | HTTP/1.1 407 Proxy Authentication Required\\r\\nProxy-Authenticate: Basic realm=\"p\"\\r\\n\\r\\n"
                + "| 407 | Proxy Authentication Required | false | 1",
        "bad gateway        | HTTP/1.1 502 Bad Gateway\\r\\n\\r\\n                  | 502 | Bad Gateway     | false | 0"})
    void readsTheHeadInFragmentsOfEverySizeAndLeavesTheTunnelsBytes(String name, String head, int code, String reason,
                                                                    boolean opensTunnel, int headerCount)
            throws Exception {
        String wire = head.replace("\\r", "\r").replace("\\n", "\n");
        byte[] all = bytes(wire + "\u0016\u0003\u0003TLS");
        for (int size = 1; size <= all.length; size++) {
            ProxyReply reply = new ProxyReply();
            int taken = 0;
            for (int off = 0; off < all.length && !reply.isComplete(); off += size) {
                int len = Math.min(size, all.length - off);
                int n = reply.accept(all, off, len);
                taken += n;
                assertThat(n == len || reply.isComplete()).as("size %d: stopped short only at the end", size).isTrue();
            }
            assertThat(reply.isComplete()).as("size %d", size).isTrue();
            assertThat(taken).as("size %d: the head's bytes exactly", size).isEqualTo(wire.length());
            assertThat(reply.statusCode()).isEqualTo(code);
            assertThat(reply.reason()).isEqualTo(reason == null ? "" : reason);
            assertThat(reply.opensTunnel()).isEqualTo(opensTunnel);
            assertThat(reply.headers()).hasSize(headerCount);
        }
    }

    @Test
    void keepsTheHeaderFieldsAsSent() throws Exception {
        ProxyReply reply = new ProxyReply();
        byte[] head = bytes("HTTP/1.1 200 OK\r\nVia: 1.1 p\r\nX-A:  b \r\n\r\n");
        assertThat(reply.accept(head, 0, head.length)).isEqualTo(head.length);
        assertThat(reply.headers()).containsExactly(new HeaderField("Via", "1.1 p"), new HeaderField("X-A", "b"));
    }

    @Test
    void anIncompleteHeadIsNotYetAnAnswer() throws Exception {
        ProxyReply reply = new ProxyReply();
        assertThat(reply.accept(bytes("HTTP/1.1 200 OK\r\n"), 0, 17)).isEqualTo(17);
        assertThat(reply.isComplete()).isFalse();
        assertThatThrownBy(reply::statusCode).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not HTTP      | SSH-2.0-OpenSSH_9.2\\r\\n                     | malformed status line",
        "status 999    | HTTP/1.1 999 Odd\\r\\n                        | out of range",
        "folded header | HTTP/1.1 200 OK\\r\\n continued\\r\\n\\r\\n      | obsolete line folding",
        "no colon      | HTTP/1.1 200 OK\\r\\nnocolon\\r\\n\\r\\n         | without a colon",
        "NUL in reason | HTTP/1.1 200 O\\u0000K\\r\\n\\r\\n               | invalid byte"})
    void refusesAMalformedHeadWithOneLine(String name, String wire, String reason) {
        byte[] all = bytes(wire.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0000", "\u0000"));
        assertThatThrownBy(() -> new ProxyReply().accept(all, 0, all.length))
                .isInstanceOf(HttpProtocolException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
    }

    @Test
    void refusesAHeadLongerThanTheLimit() throws Exception {
        ProxyReply reply = new ProxyReply();
        byte[] status = bytes("HTTP/1.1 200 OK\r\n");
        reply.accept(status, 0, status.length);
        byte[] header = bytes("X-Filler: " + "a".repeat(100) + "\r\n");
        int fed = status.length;
        while (fed + header.length <= ProxyReply.MAX_HEAD_BYTES) {
            reply.accept(header, 0, header.length);
            fed += header.length;
        }
        byte[] rest = new byte[ProxyReply.MAX_HEAD_BYTES - fed];
        java.util.Arrays.fill(rest, (byte) 'b');
        reply.accept(rest, 0, rest.length); // exactly at the limit, still unfinished: accepted
        assertThat(reply.isComplete()).isFalse();
        assertThatThrownBy(() -> reply.accept(bytes("\n"), 0, 1))
                .isInstanceOf(HttpProtocolException.class)
                .hasMessage("the proxy's reply head is longer than 16384 bytes");
    }

    @Test
    void aHeadOfExactlyTheLimitIsRead() throws Exception {
        String start = "HTTP/1.1 200 OK\r\nX: ";
        String end = "\r\n\r\n";
        String head = start + "v".repeat(ProxyReply.MAX_HEAD_BYTES - start.length() - end.length()) + end;
        ProxyReply reply = new ProxyReply();
        assertThat(reply.accept(bytes(head), 0, head.length())).isEqualTo(ProxyReply.MAX_HEAD_BYTES);
        assertThat(reply.isComplete()).isTrue();
        assertThat(List.of(reply.statusCode())).containsExactly(200);
    }
}
