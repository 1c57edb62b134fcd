package rawhttpget.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpRequestTest {

    @Test
    void writesAGetWithFixedHeadersInOrder() throws Exception {
        HttpRequest request = HttpRequest.get(HttpUrl.parse("http://Example.com/a b/?x=1#frag"), "0.1.0");

        assertThat(new String(request.toBytes(), US_ASCII)).isEqualTo(
                "GET /a%20b/?x=1 HTTP/1.1\r\n"
                        + "Host: example.com\r\n"
                        + "User-Agent: rawhttpget/0.1.0\r\n"
                        + "Accept: */*\r\n"
                        + "Accept-Encoding: identity\r\n"
                        + "Connection: Keep-Alive\r\n"
                        + "\r\n");
    }

    @Test
    void namesTheHostPortOnlyWhenNotTheDefault() throws Exception {
        byte[] bytes = HttpRequest.get(HttpUrl.parse("https://10.1.2.3:8443"), "2").toBytes();

        assertThat(new String(bytes, US_ASCII)).isEqualTo(
                "GET / HTTP/1.1\r\n"
                        + "Host: 10.1.2.3:8443\r\n"
                        + "User-Agent: rawhttpget/2\r\n"
                        + "Accept: */*\r\n"
                        + "Accept-Encoding: identity\r\n"
                        + "Connection: Keep-Alive\r\n"
                        + "\r\n");
    }

    @Test
    void appendsExtraHeadersInTheOrderGiven() throws Exception {
        HttpRequest plain = HttpRequest.get(HttpUrl.parse("http://h/f.iso"), "0.1.0");
        HttpRequest resumed = plain.withHeader("Range", "bytes=1048576-").withHeader("If-Range", "\"etag-1\"");

        assertThat(new String(resumed.toBytes(), US_ASCII)).isEqualTo(
                "GET /f.iso HTTP/1.1\r\n"
                        + "Host: h\r\n"
                        + "User-Agent: rawhttpget/0.1.0\r\n"
                        + "Accept: */*\r\n"
                        + "Accept-Encoding: identity\r\n"
                        + "Connection: Keep-Alive\r\n"
                        + "Range: bytes=1048576-\r\n"
                        + "If-Range: \"etag-1\"\r\n"
                        + "\r\n");
        assertThat(new String(plain.toBytes(), US_ASCII)).doesNotContain("Range");
        assertThat(resumed).hasToString("GET /f.iso HTTP/1.1");
    }

    @Test
    void refusesHeaderValuesThatCouldInjectLines() throws Exception {
        HttpRequest request = HttpRequest.get(HttpUrl.parse("http://h/"), "0.1.0");

        assertThatThrownBy(() -> request.withHeader("Range", "bytes=0-\r\nX-Evil: 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CR or LF in the value of header Range");
        assertThatThrownBy(() -> request.withHeader("Range", "bytes=0-\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CR or LF in the value of header Range");
        assertThatThrownBy(() -> request.withHeader("X-Name", "caf\u00e9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("non-ASCII or control character in the value of header X-Name");
        assertThatThrownBy(() -> request.withHeader("X-Name", "a\u0000b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("non-ASCII or control character in the value of header X-Name");
    }

    @Test
    void refusesBadHeaderNamesAndTheHeadersItSetsItself() throws Exception {
        HttpRequest request = HttpRequest.get(HttpUrl.parse("http://h/"), "0.1.0");

        assertThatThrownBy(() -> request.withHeader("Bad Name", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid header name: Bad Name");
        assertThatThrownBy(() -> request.withHeader("", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid header name: ");
        assertThatThrownBy(() -> request.withHeader("X-\u00e9", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid header name: X-\u00e9");
        assertThatThrownBy(() -> request.withHeader("host", "evil.example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("header Host is set by HttpRequest itself");
        assertThatThrownBy(() -> request.withHeader("Connection", "keep-alive"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("header Connection is set by HttpRequest itself");
    }

    @Test
    void refusesAVersionThatIsNotAToken() throws Exception {
        HttpUrl url = HttpUrl.parse("http://h/");

        assertThatThrownBy(() -> HttpRequest.get(url, "1.0\r\nX: y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("version must be a non-empty token: 1.0\\x0d\\x0aX: y");
        assertThatThrownBy(() -> HttpRequest.get(url, "1 0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("version must be a non-empty token: 1 0");
        assertThatThrownBy(() -> HttpRequest.get(url, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("version must be a non-empty token: ");
    }
}
