package rawhttpget.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed responses and responses over a limit: each fails with one exact message, the same whether it arrives
 * whole or byte by byte, and the parser stays failed.
 */
class ResponseParserRejectsTest {
    private static final String OK = "HTTP/1.1 200 OK\r\n";
    private static final String CHUNKED = OK + "Transfer-Encoding: chunked\r\n\r\n";
    private static final String MALFORMED = " (expected HTTP/1.x, a 3-digit status code and a reason)";

    static Stream<Arguments> malformedResponses() {
        return Stream.of(
                // Limits on the head.
                Arguments.of("head over 64 KiB in many lines",
                        OK + ("X-Fill: " + "a".repeat(1000) + "\r\n").repeat(70) + "\r\n",
                        "response head exceeds 65536 bytes"),
                Arguments.of("head over 64 KiB in one line that never ends",
                        OK + "X-Fill: " + "a".repeat(70_000),
                        "response head exceeds 65536 bytes"),
                Arguments.of("head one byte over 64 KiB",
                        OK + "Content-Length: 0\r\nX-Fill: " + "a".repeat(65_489) + "\r\n\r\n",
                        "response head exceeds 65536 bytes"),
                Arguments.of("257 header fields",
                        OK + "X-Field: v\r\n".repeat(257) + "\r\n",
                        "response head has more than 256 header fields"),
                Arguments.of("endless interim responses",
                        "HTTP/1.1 100 Continue\r\n\r\n".repeat(17) + OK,
                        "more than 16 interim 1xx responses"),

                // Status line.
                Arguments.of("two-digit status", "HTTP/1.1 20 OK\r\n\r\n",
                        "malformed status line \"HTTP/1.1 20 OK\"" + MALFORMED),
                Arguments.of("four-digit status", "HTTP/1.1 2000 OK\r\n\r\n",
                        "malformed status line \"HTTP/1.1 2000 OK\"" + MALFORMED),
                Arguments.of("HTTP/2", "HTTP/2 200 OK\r\n\r\n",
                        "malformed status line \"HTTP/2 200 OK\"" + MALFORMED),
                Arguments.of("lower-case version", "http/1.1 200 OK\r\n\r\n",
                        "malformed status line \"http/1.1 200 OK\"" + MALFORMED),
                Arguments.of("no space after code", "HTTP/1.1 200OK\r\n\r\n",
                        "malformed status line \"HTTP/1.1 200OK\"" + MALFORMED),
                Arguments.of("two spaces before code", "HTTP/1.1  200 OK\r\n\r\n",
                        "malformed status line \"HTTP/1.1  200 OK\"" + MALFORMED),
                Arguments.of("not HTTP at all", "ICY 200 OK\r\n\r\n",
                        "malformed status line \"ICY 200 OK\"" + MALFORMED),
                Arguments.of("empty first line", "\r\nHTTP/1.1 200 OK\r\n\r\n",
                        "malformed status line \"\"" + MALFORMED),
                Arguments.of("binary garbage", "\u0016\u0003\u0001\u0002\u0000\u0001\u00fc\n",
                        "malformed status line \"\\x16\\x03\\x01\\x02\\x00\\x01\\xfc\"" + MALFORMED),
                Arguments.of("status 600", "HTTP/1.1 600 Whatever\r\n\r\n",
                        "status code 600 out of range 100..599 in status line \"HTTP/1.1 600 Whatever\""),
                Arguments.of("status 099", "HTTP/1.1 099 X\r\n\r\n",
                        "status code 99 out of range 100..599 in status line \"HTTP/1.1 099 X\""),
                Arguments.of("NUL in reason", "HTTP/1.1 200 O\u0000K\r\n\r\n",
                        "invalid byte 0x00 in status line \"HTTP/1.1 200 O\\x00K\""),
                Arguments.of("bare CR in reason", "HTTP/1.1 200 O\rK\r\n\r\n",
                        "invalid byte 0x0d in status line \"HTTP/1.1 200 O\\x0dK\""),
                Arguments.of("101", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n",
                        "unexpected 101 Switching Protocols: we never ask to upgrade"),

                // Header lines.
                Arguments.of("obsolete line folding", OK + "X-A: 1\r\n continued\r\n\r\n",
                        "obsolete line folding is not supported (header line \" continued\" starts with whitespace)"),
                Arguments.of("header without colon", OK + "NoColonHere\r\n\r\n",
                        "header line without a colon: \"NoColonHere\""),
                Arguments.of("space in header name", OK + "Bad Name: x\r\n\r\n",
                        "invalid header name in \"Bad Name: x\""),
                Arguments.of("space before colon", OK + "Content-Length : 5\r\n\r\nhello",
                        "invalid header name in \"Content-Length : 5\""),
                Arguments.of("empty header name", OK + ": x\r\n\r\n",
                        "invalid header name in \": x\""),
                Arguments.of("NUL in header value", OK + "X-A: a\u0000b\r\n\r\n",
                        "invalid byte 0x00 in header \"X-A: a\\x00b\""),
                Arguments.of("bare CR in header value", OK + "X-A: a\rContent-Length: 0\r\n\r\n",
                        "invalid byte 0x0d in header \"X-A: a\\x0dContent-Length: 0\""),

                // Content-Length.
                Arguments.of("negative content length", OK + "Content-Length: -1\r\n\r\n",
                        "invalid Content-Length '-1' (digits only)"),
                Arguments.of("signed content length", OK + "Content-Length: +5\r\n\r\nhello",
                        "invalid Content-Length '+5' (digits only)"),
                Arguments.of("non-numeric content length", OK + "Content-Length: abc\r\n\r\n",
                        "invalid Content-Length 'abc' (digits only)"),
                Arguments.of("content length with inner space", OK + "Content-Length: 1 2\r\n\r\n",
                        "invalid Content-Length '1 2' (digits only)"),
                Arguments.of("hex content length", OK + "Content-Length: 0x10\r\n\r\n",
                        "invalid Content-Length '0x10' (digits only)"),
                Arguments.of("content length overflowing a long", OK + "Content-Length: 9223372036854775808\r\n\r\n",
                        "Content-Length '9223372036854775808' is too large"),
                Arguments.of("huge content length", OK + "Content-Length: " + "9".repeat(200) + "\r\n\r\n",
                        "Content-Length '" + "9".repeat(100) + "...' is too large"),
                Arguments.of("empty content length", OK + "Content-Length:\r\n\r\n",
                        "empty Content-Length"),
                Arguments.of("empty element in content length", OK + "Content-Length: 5,\r\n\r\nhello",
                        "empty Content-Length"),
                Arguments.of("conflicting content lengths", OK + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n",
                        "conflicting Content-Length values 5 and 6"),
                Arguments.of("conflicting content length list", OK + "Content-Length: 5, 6\r\n\r\n",
                        "conflicting Content-Length values 5 and 6"),

                // Transfer-Encoding.
                Arguments.of("coding other than chunked", OK + "Transfer-Encoding: gzip, chunked\r\n\r\n",
                        "unsupported transfer coding 'gzip'"),
                Arguments.of("chunked twice", OK + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
                        "chunked transfer coding applied more than once"),
                Arguments.of("chunked in HTTP/1.0", "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                        "Transfer-Encoding in an HTTP/1.0 response"),

                // Chunk-size lines.
                Arguments.of("non-hex chunk size", CHUNKED + "xyz\r\n",
                        "invalid chunk size line \"xyz\""),
                Arguments.of("empty chunk size line", CHUNKED + "\r\n",
                        "invalid chunk size line \"\""),
                Arguments.of("negative chunk size", CHUNKED + "-1\r\n",
                        "invalid chunk size line \"-1\""),
                Arguments.of("chunk size with 0x prefix", CHUNKED + "0x10\r\n",
                        "malformed chunk extension in chunk size line \"0x10\""),
                Arguments.of("chunk size over Long.MAX_VALUE", CHUNKED + "8000000000000000\r\n",
                        "chunk size in \"8000000000000000\" exceeds 9223372036854775807 bytes"),
                Arguments.of("chunk size 2^64-1", CHUNKED + "ffffffffffffffff\r\n",
                        "chunk size in \"ffffffffffffffff\" exceeds 9223372036854775807 bytes"),
                Arguments.of("chunk size with 17 digits", CHUNKED + "00000000000000001\r\n",
                        "chunk size has more than 16 hex digits in \"00000000000000001\""),
                Arguments.of("garbage after chunk size", CHUNKED + "5 x\r\nhello\r\n",
                        "malformed chunk extension in chunk size line \"5 x\""),
                Arguments.of("extension without name", CHUNKED + "5;\r\nhello\r\n",
                        "malformed chunk extension in chunk size line \"5;\""),
                Arguments.of("extension with only a value", CHUNKED + "5;=v\r\nhello\r\n",
                        "malformed chunk extension in chunk size line \"5;=v\""),
                Arguments.of("extension with empty value", CHUNKED + "5;a=\r\nhello\r\n",
                        "malformed chunk extension in chunk size line \"5;a=\""),
                Arguments.of("extension with unterminated quote", CHUNKED + "5;a=\"open\r\nhello\r\n",
                        "malformed chunk extension in chunk size line \"5;a=\\\"open\""),
                Arguments.of("extension with two values", CHUNKED + "5;a=b c\r\nhello\r\n",
                        "malformed chunk extension in chunk size line \"5;a=b c\""),
                Arguments.of("chunk size line over 4 KiB", CHUNKED + "5;" + "a".repeat(5000),
                        "chunk size line exceeds 4096 bytes"),

                // The CRLF after chunk data.
                Arguments.of("chunk data longer than its size", CHUNKED + "5\r\nhelloX\r\n0\r\n\r\n",
                        "expected CRLF after chunk data, got 0x58"),
                Arguments.of("bare LF after chunk data", CHUNKED + "5\r\nhello\n0\r\n\r\n",
                        "expected CRLF after chunk data, got 0x0a"),
                Arguments.of("CR without LF after chunk data", CHUNKED + "5\r\nhello\rX",
                        "expected CRLF after chunk data, got 0x58 after CR"),

                // Trailers.
                Arguments.of("trailer section over 64 KiB",
                        CHUNKED + "0\r\n" + ("X-T: " + "a".repeat(1000) + "\r\n").repeat(70),
                        "trailer section exceeds 65536 bytes"),
                Arguments.of("257 trailer fields", CHUNKED + "0\r\n" + "X-T: v\r\n".repeat(257) + "\r\n",
                        "more than 256 trailer fields"),
                Arguments.of("trailer without colon", CHUNKED + "0\r\nBad Trailer\r\n\r\n",
                        "trailer line without a colon: \"Bad Trailer\""),
                Arguments.of("folded trailer", CHUNKED + "0\r\nX-T: a\r\n\tb\r\n\r\n",
                        "obsolete line folding is not supported (trailer line \"\\x09b\" starts with whitespace)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedResponses")
    void failsWithTheSameMessageWholeOrByteByByte(String name, String wire, String message) {
        byte[] bytes = Wire.bytes(wire);
        for (int size : new int[] {bytes.length, 1, 7}) {
            RecordingListener listener = new RecordingListener();
            ResponseParser parser = new ResponseParser(listener);

            assertThatThrownBy(() -> Wire.feedInFragments(parser, bytes, size))
                    .as("%s, fragments of %d", name, size)
                    .isInstanceOf(HttpProtocolException.class)
                    .hasMessage(message);
            assertThat(listener.completions).isZero();
            assertThat(parser.isComplete()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedResponses")
    void staysFailedAfterAnError(String name, String wire, String message) {
        RecordingListener listener = new RecordingListener();
        ResponseParser parser = new ResponseParser(listener);
        byte[] bytes = Wire.bytes(wire);
        catchThrowableOfType(() -> parser.feed(bytes, 0, bytes.length), HttpProtocolException.class);
        byte[] valid = Wire.bytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

        assertThatThrownBy(() -> parser.feed(valid, 0, valid.length)).hasMessage(message);
        assertThatThrownBy(parser::endOfStream).hasMessage(message);
        assertThat(listener.completions).isZero();
    }

    @Test
    void acceptsAHeadOfExactly64KiB() throws Exception {
        String head = OK + "Content-Length: 0\r\nX-Fill: " + "a".repeat(65_488) + "\r\n\r\n";
        assertThat(head).hasSize(ResponseParser.MAX_HEAD_BYTES);

        assertThat(parseWhole(head).heads).hasSize(1);
    }

    @Test
    void acceptsExactly256HeaderFields() throws Exception {
        RecordingListener listener = parseWhole(OK + "X-Field: v\r\n".repeat(255) + "Content-Length: 0\r\n\r\n");

        assertThat(listener.heads.get(0).headers()).hasSize(256);
        assertThat(listener.completions).isEqualTo(1);
    }

    @Test
    void acceptsSixteenInterimResponses() throws Exception {
        RecordingListener listener = parseWhole("HTTP/1.1 103 Early Hints\r\n\r\n".repeat(16) + OK
                + "Content-Length: 0\r\n\r\n");

        assertThat(listener.heads).extracting(ResponseHead::statusCode).containsExactly(200);
    }

    @Test
    void acceptsAChunkSizeLineOfExactly4KiBAndATrailerSectionOfExactly64KiB() throws Exception {
        String sizeLine = "1;" + "a".repeat(4092) + "\r\n";
        String trailers = "X-T: " + "a".repeat(65_527) + "\r\n\r\n";
        assertThat(sizeLine).hasSize(ResponseParser.MAX_CHUNK_SIZE_LINE_BYTES);
        assertThat(trailers).hasSize(ResponseParser.MAX_TRAILER_BYTES);

        RecordingListener listener = parseWhole(CHUNKED + sizeLine + "x\r\n0\r\n" + trailers);

        assertThat(listener.completions).isEqualTo(1);
        assertThat(Wire.text(listener.bodyBytes())).isEqualTo("x");
    }

    @Test
    void acceptsTheLargestLengthsALongCanHold() throws Exception {
        ResponseParser lengthParser = new ResponseParser(new RecordingListener());
        byte[] length = Wire.bytes(OK + "Content-Length: 9223372036854775807\r\n\r\nabc");
        lengthParser.feed(length, 0, length.length);

        ResponseParser chunkParser = new ResponseParser(new RecordingListener());
        byte[] chunk = Wire.bytes(CHUNKED + "7fffffffffffffff\r\nabc");
        chunkParser.feed(chunk, 0, chunk.length);

        assertThat(lengthParser.bodyBytes()).isEqualTo(3);
        assertThat(chunkParser.bodyBytes()).isEqualTo(3);
        assertThatThrownBy(lengthParser::endOfStream)
                .hasMessage("connection closed after 3 of 9223372036854775807 body bytes");
    }

    private static RecordingListener parseWhole(String wire) throws HttpProtocolException {
        RecordingListener listener = new RecordingListener();
        byte[] bytes = Wire.bytes(wire);
        new ResponseParser(listener).feed(bytes, 0, bytes.length);
        assertThat(listener.orderViolations).isEmpty();
        return listener;
    }
}
