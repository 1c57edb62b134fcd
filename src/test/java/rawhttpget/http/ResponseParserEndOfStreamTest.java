package rawhttpget.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** What a close of the connection means in each state: completion for an until-close body, truncation otherwise. */
class ResponseParserEndOfStreamTest {
    private final RecordingListener listener = new RecordingListener();
    private final ResponseParser parser = new ResponseParser(listener);

    @Test
    void failsWhenNothingArrived() {
        assertThatThrownBy(parser::endOfStream)
                .isInstanceOf(HttpProtocolException.class)
                .hasMessage("connection closed before any response");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            HTTP/1.1 2                                   | connection closed in the response head after 10 bytes
            HTTP/1.1 200 OK\\r\\n                          | connection closed in the response head after 17 bytes
            HTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\n\\r | connection closed in the response head after 37 bytes
            HTTP/1.1 100 Continue\\r\\n\\r\\n               | connection closed after an interim 1xx response, before the final response
            HTTP/1.1 100 Continue\\r\\n\\r\\nHTTP           | connection closed in the response head after 4 bytes
            """)
    void failsWhenTheHeadIsIncomplete(String wire, String message) throws Exception {
        feed(wire.replace("\\r", "\r").replace("\\n", "\n"));

        assertThatThrownBy(parser::endOfStream).isInstanceOf(HttpProtocolException.class).hasMessage(message);
        assertThat(listener.heads).isEmpty();
    }

    @Test
    void failsWhenAContentLengthBodyIsShortAndSaysHowShort() throws Exception {
        feed("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(12345));

        assertThatThrownBy(parser::endOfStream)
                .isInstanceOf(HttpProtocolException.class)
                .hasMessage("connection closed after 12345 of 100000 body bytes");
        assertThat(listener.bodyBytes()).hasSize(12345);
        assertThat(listener.completions).isZero();
        assertThat(parser.isComplete()).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                     | connection closed in a chunked body after 0 body bytes, before the last chunk
            5\\r\\nhel               | connection closed in a chunked body after 3 body bytes, before the last chunk
            5\\r\\nhello             | connection closed in a chunked body after 5 body bytes, before the last chunk
            5\\r\\nhello\\r           | connection closed in a chunked body after 5 body bytes, before the last chunk
            5\\r\\nhello\\r\\n3;a=     | connection closed in a chunked body after 5 body bytes, before the last chunk
            0\\r\\n                  | connection closed in the trailer section of a chunked body
            0\\r\\nX-Sum: 1\\r\\n      | connection closed in the trailer section of a chunked body
            """)
    void failsWhenAChunkedBodyIsUnfinished(String chunks, String message) throws Exception {
        feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunks.replace("\\r", "\r").replace("\\n", "\n"));

        assertThatThrownBy(parser::endOfStream).isInstanceOf(HttpProtocolException.class).hasMessage(message);
        assertThat(listener.completions).isZero();
    }

    @Test
    void completesAnUntilCloseBodyOnlyAtTheClose() throws Exception {
        feed("HTTP/1.0 200 OK\r\n\r\npart one ");
        feed("part two");
        assertThat(listener.completions).isZero();
        assertThat(parser.isComplete()).isFalse();

        parser.endOfStream();

        assertThat(listener.completions).isEqualTo(1);
        assertThat(parser.isComplete()).isTrue();
        assertThat(parser.bodyBytes()).isEqualTo(17);
    }

    @Test
    void completesAnEmptyUntilCloseBody() throws Exception {
        feed("HTTP/1.1 200 OK\r\n\r\n");

        parser.endOfStream();

        assertThat(listener.completions).isEqualTo(1);
        assertThat(listener.bodyBytes()).isEmpty();
    }

    @Test
    void ignoresACloseAfterTheBodyIsComplete() throws Exception {
        feed("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        parser.endOfStream();
        parser.endOfStream();

        assertThat(listener.completions).isEqualTo(1);
    }

    @Test
    void repeatsTheTruncationErrorOnEveryLaterCall() throws Exception {
        feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        assertThatThrownBy(parser::endOfStream).hasMessage("connection closed after 3 of 10 body bytes");

        assertThatThrownBy(parser::endOfStream).hasMessage("connection closed after 3 of 10 body bytes");
        assertThatThrownBy(() -> feed("defghij")).hasMessage("connection closed after 3 of 10 body bytes");
        assertThat(listener.completions).isZero();
    }

    private void feed(String text) throws HttpProtocolException {
        byte[] bytes = Wire.bytes(text);
        parser.feed(bytes, 0, bytes.length);
    }
}
