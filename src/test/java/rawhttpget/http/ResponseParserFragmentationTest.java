package rawhttpget.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every well-formed response, fed in fragments of every size from one byte to the whole message, must give the
 * same head, the same body bytes and exactly one completion: TCP may cut the stream anywhere.
 */
class ResponseParserFragmentationTest {

    /** One response on the wire and what the listener must see for it. */
    record Case(String name, RequestMethod method, String wire, ResponseHead head, String body,
            boolean completesBeforeClose, List<HeaderField> trailers) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> responses() {
        return Stream.of(
                new Case("content length", RequestMethod.GET,
                        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world",
                        head("HTTP/1.1", 200, "OK", OptionalLong.of(11), false, BodyFraming.CONTENT_LENGTH,
                                "Content-Type", "text/plain", "Content-Length", "11"),
                        "hello world", true, List.of()),
                new Case("binary body that looks like framing", RequestMethod.GET,
                        "HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n\r\n\u0000\u00ff0\r\n\r\nHTTP",
                        head("HTTP/1.1", 200, "OK", OptionalLong.of(13), false, BodyFraming.CONTENT_LENGTH,
                                "Content-Length", "13"),
                        "\r\n\u0000\u00ff0\r\n\r\nHTTP", true, List.of()),
                new Case("bytes after a content-length body are ignored", RequestMethod.GET,
                        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 500 Oops\r\nContent-Length: x\r\n",
                        head("HTTP/1.1", 200, "OK", OptionalLong.of(5), false, BodyFraming.CONTENT_LENGTH,
                                "Content-Length", "5"),
                        "hello", true, List.of()),
                new Case("zero length", RequestMethod.GET,
                        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
                        head("HTTP/1.1", 200, "OK", OptionalLong.of(0), false, BodyFraming.CONTENT_LENGTH,
                                "Content-Length", "0"),
                        "", true, List.of()),
                new Case("repeated identical content lengths", RequestMethod.GET,
                        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\ncontent-length: 3, 003\r\n\r\nabc",
                        head("HTTP/1.1", 200, "OK", OptionalLong.of(3), false, BodyFraming.CONTENT_LENGTH,
                                "Content-Length", "3", "content-length", "3, 003"),
                        "abc", true, List.of()),
                new Case("chunked with extensions and trailers", RequestMethod.GET,
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "5;name=value\r\nhello\r\n"
                                + "7 ; flag ; q = \"a \\\"b\\\"; c\"\r\n, world\r\n"
                                + "1A\r\nabcdefghijklmnopqrstuvwxyz\r\n"
                                + "0;last\r\nX-Checksum: abc\r\nX-Count:  3 \r\n\r\n"
                                + "ignored after the last chunk",
                        head("HTTP/1.1", 200, "OK", OptionalLong.empty(), true, BodyFraming.CHUNKED,
                                "Transfer-Encoding", "chunked"),
                        "hello, worldabcdefghijklmnopqrstuvwxyz", true,
                        List.of(new HeaderField("X-Checksum", "abc"), new HeaderField("X-Count", "3"))),
                new Case("chunked with bare LF on size lines and 16-digit size", RequestMethod.GET,
                        "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n0000000000000003\nabc\r\n0\n\n",
                        head("HTTP/1.1", 200, "OK", OptionalLong.empty(), true, BodyFraming.CHUNKED,
                                "Transfer-Encoding", "chunked"),
                        "abc", true, List.of()),
                new Case("chunked binary data containing CRLF and hex", RequestMethod.GET,
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7\r\n\r\n0\r\n\r\n\r\n0\r\n\r\n",
                        head("HTTP/1.1", 200, "OK", OptionalLong.empty(), true, BodyFraming.CHUNKED,
                                "Transfer-Encoding", "chunked"),
                        "\r\n0\r\n\r\n", true, List.of()),
                new Case("chunked wins over content length", RequestMethod.GET,
                        "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: identity, Chunked\r\n\r\n"
                                + "2\r\nok\r\n0\r\n\r\n",
                        head("HTTP/1.1", 200, "OK", OptionalLong.empty(), true, BodyFraming.CHUNKED,
                                "Content-Length", "100", "Transfer-Encoding", "identity, Chunked"),
                        "ok", true, List.of()),
                new Case("until close", RequestMethod.GET,
                        "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\nfirst\r\n\r\nsecond",
                        head("HTTP/1.1", 200, "OK", OptionalLong.empty(), false, BodyFraming.UNTIL_CLOSE,
                                "Content-Type", "application/octet-stream"),
                        "first\r\n\r\nsecond", false, List.of()),
                new Case("204 has no body", RequestMethod.GET,
                        "HTTP/1.1 204 No Content\r\nDate: Mon, 01 Jan 2024 00:00:00 GMT\r\n\r\n",
                        head("HTTP/1.1", 204, "No Content", OptionalLong.empty(), false, BodyFraming.NONE,
                                "Date", "Mon, 01 Jan 2024 00:00:00 GMT"),
                        "", true, List.of()),
                new Case("304 has no body despite its content length", RequestMethod.GET,
                        "HTTP/1.1 304 Not Modified\r\nContent-Length: 1234\r\nETag: \"x\"\r\n\r\n",
                        head("HTTP/1.1", 304, "Not Modified", OptionalLong.of(1234), false, BodyFraming.NONE,
                                "Content-Length", "1234", "ETag", "\"x\""),
                        "", true, List.of()),
                new Case("response to HEAD has no body", RequestMethod.HEAD,
                        "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n",
                        head("HTTP/1.1", 200, "OK", OptionalLong.of(5000), false, BodyFraming.NONE,
                                "Content-Length", "5000"),
                        "", true, List.of()),
                new Case("response to HEAD declaring chunked has no body", RequestMethod.HEAD,
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                        head("HTTP/1.1", 200, "OK", OptionalLong.empty(), true, BodyFraming.NONE,
                                "Transfer-Encoding", "chunked"),
                        "", true, List.of()),
                new Case("1xx responses before the final one are skipped", RequestMethod.GET,
                        "HTTP/1.1 100 Continue\r\n\r\n"
                                + "HTTP/1.1 102 Processing\r\nX-Interim: 1\r\n\r\n"
                                + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
                                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                        head("HTTP/1.1", 200, "OK", OptionalLong.of(2), false, BodyFraming.CONTENT_LENGTH,
                                "Content-Length", "2"),
                        "ok", true, List.of()),
                new Case("HTTP/1.0 with content length", RequestMethod.GET,
                        "HTTP/1.0 200 OK\r\nContent-Length: 4\r\n\r\nabcd",
                        head("HTTP/1.0", 200, "OK", OptionalLong.of(4), false, BodyFraming.CONTENT_LENGTH,
                                "Content-Length", "4"),
                        "abcd", true, List.of()),
                new Case("HTTP/1.0 until close", RequestMethod.GET,
                        "HTTP/1.0 200 OK\r\nServer: old\r\n\r\nabcd",
                        head("HTTP/1.0", 200, "OK", OptionalLong.empty(), false, BodyFraming.UNTIL_CLOSE,
                                "Server", "old"),
                        "abcd", false, List.of()),
                new Case("bare LF line ends in the head", RequestMethod.GET,
                        "HTTP/1.1 200 OK\nContent-Length: 3\n\nabc",
                        head("HTTP/1.1", 200, "OK", OptionalLong.of(3), false, BodyFraming.CONTENT_LENGTH,
                                "Content-Length", "3"),
                        "abc", true, List.of()),
                new Case("status line without a reason", RequestMethod.GET,
                        "HTTP/1.1 404\r\nContent-Length: 1\r\n\r\nx",
                        head("HTTP/1.1", 404, "", OptionalLong.of(1), false, BodyFraming.CONTENT_LENGTH,
                                "Content-Length", "1"),
                        "x", true, List.of()),
                new Case("status line with an empty reason and a later minor version", RequestMethod.GET,
                        "HTTP/1.2 503 \r\nContent-Length: 0\r\n\r\n",
                        head("HTTP/1.2", 503, "", OptionalLong.of(0), false, BodyFraming.CONTENT_LENGTH,
                                "Content-Length", "0"),
                        "", true, List.of()),
                new Case("field values trimmed, empty and Latin-1", RequestMethod.GET,
                        "HTTP/1.1 200 \u00c4rger ist\tda\r\nX-Empty:\r\nX-Padded: \t padded  value \t\r\n"
                                + "X-Latin: caf\u00e9\u0001\r\nContent-Length: 0\r\n\r\n",
                        head("HTTP/1.1", 200, "\u00c4rger ist\tda", OptionalLong.of(0), false,
                                BodyFraming.CONTENT_LENGTH, "X-Empty", "", "X-Padded", "padded  value",
                                "X-Latin", "caf\u00e9\u0001", "Content-Length", "0"),
                        "", true, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void decodesTheSameWhateverTheFragmentSize(Case c) throws Exception {
        byte[] wire = Wire.bytes(c.wire());
        for (int size = 1; size <= wire.length; size++) {
            RecordingListener listener = new RecordingListener();
            ResponseParser parser = new ResponseParser(listener, c.method());

            Wire.feedInFragments(parser, wire, size);
            int completionsBeforeClose = listener.completions;
            parser.endOfStream();

            String context = c.name() + ", fragments of " + size;
            assertThat(listener.heads).as(context).containsExactly(c.head());
            assertThat(Wire.text(listener.bodyBytes())).as(context).isEqualTo(c.body());
            assertThat(completionsBeforeClose).as(context).isEqualTo(c.completesBeforeClose() ? 1 : 0);
            assertThat(listener.completions).as(context).isEqualTo(1);
            assertThat(listener.orderViolations).as(context).isEmpty();
            assertThat(parser.isComplete()).as(context).isTrue();
            assertThat(parser.bodyBytes()).as(context).isEqualTo(c.body().length());
            assertThat(parser.trailers()).as(context).isEqualTo(c.trailers());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void reportsTheHeadBeforeAnyBodyAndNothingAfterCompletion(Case c) throws Exception {
        RecordingListener listener = new RecordingListener();
        ResponseParser parser = new ResponseParser(listener, c.method());
        byte[] wire = Wire.bytes(c.wire());

        parser.feed(wire, 0, wire.length);
        parser.endOfStream();
        parser.endOfStream();
        parser.feed(wire, 0, wire.length);

        assertThat(listener.heads).hasSize(1);
        assertThat(listener.completions).isEqualTo(1);
        assertThat(listener.orderViolations).isEmpty();
    }

    @Test
    void passesBodyBytesAsSlicesOfTheCallersBuffer() throws Exception {
        RecordingListener listener = new RecordingListener();
        ResponseParser parser = new ResponseParser(listener);
        byte[] wire = Wire.bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");

        parser.feed(wire, 0, wire.length);

        assertThat(listener.bodyArrays).hasSize(1).allMatch(array -> array == wire);
        assertThat(Wire.text(listener.bodyBytes())).isEqualTo("abcde");
    }

    @Test
    void findsHeadersIgnoringCase() throws Exception {
        RecordingListener listener = new RecordingListener();
        byte[] wire = Wire.bytes("HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nX-Other: z\r\nset-cookie: b=2\r\n"
                + "Content-Length: 0\r\n\r\n");

        new ResponseParser(listener).feed(wire, 0, wire.length);

        ResponseHead head = listener.heads.get(0);
        assertThat(head.first("SET-COOKIE")).contains("a=1");
        assertThat(head.all("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(head.first("Location")).isEmpty();
        assertThat(head.all("Location")).isEmpty();
    }

    private static ResponseHead head(String version, int status, String reason, OptionalLong contentLength,
            boolean chunked, BodyFraming framing, String... nameValuePairs) {
        List<HeaderField> headers = new ArrayList<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            headers.add(new HeaderField(nameValuePairs[i], nameValuePairs[i + 1]));
        }
        return new ResponseHead(version, status, reason, headers, contentLength, chunked, framing);
    }
}
