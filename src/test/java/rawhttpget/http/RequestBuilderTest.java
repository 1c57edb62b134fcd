package rawhttpget.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The request heads below are the ones wget 1.21.3 sent for the same options. */
class RequestBuilderTest {

    private static String text(HttpRequest request) {
        return new String(request.toBytes(), US_ASCII);
    }

    @Test
    void laysOutRefererRangeAndUserHeadersWhereWgetDoes() throws Exception {
        HttpRequest request = new RequestBuilder(HttpUrl.parse("http://h:9001/range"))
                .userAgent("rawhttpget/1").referer("R").rangeFrom(4).userHeader("X-T", "1").build();

        assertThat(text(request)).isEqualTo("GET /range HTTP/1.1\r\n"
                + "Host: h:9001\r\n"
                + "Referer: R\r\n"
                + "Range: bytes=4-\r\n"
                + "User-Agent: rawhttpget/1\r\n"
                + "Accept: */*\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: Keep-Alive\r\n"
                + "X-T: 1\r\n"
                + "\r\n");
    }

    @Test
    void aUserHeaderReplacesOursWhereItStandsAndALaterOneAnEarlierOne() throws Exception {
        HttpRequest request = new RequestBuilder(HttpUrl.parse("http://h/h"))
                .userAgent("Agent X").referer("http://r.test/")
                .userHeader("X-Token", "abc").userHeader("accept", "text/html").userHeader("Host", "other")
                .userHeader("X-Dup", "1").userHeader("X-Dup", "2").build();

        assertThat(text(request)).isEqualTo("GET /h HTTP/1.1\r\n"
                + "Host: other\r\n"
                + "Referer: http://r.test/\r\n"
                + "User-Agent: Agent X\r\n"
                + "accept: text/html\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: Keep-Alive\r\n"
                + "X-Token: abc\r\n"
                + "X-Dup: 2\r\n"
                + "\r\n");
    }

    @Test
    void anEmptyUserAgentSendsNoneAndAnEmptyHeaderValueIsSent() throws Exception {
        HttpRequest request = new RequestBuilder(HttpUrl.parse("http://h/e")).userAgent("").referer("")
                .userHeader("X-Y", "").build();

        assertThat(text(request)).isEqualTo("GET /e HTTP/1.1\r\n"
                + "Host: h\r\n"
                + "Referer: \r\n"
                + "Accept: */*\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: Keep-Alive\r\n"
                + "X-Y: \r\n"
                + "\r\n");
    }

    @Test
    void aBodyComesWithWgetsFormTypeAndItsLengthAndTheMethodIsUpperCased() throws Exception {
        HttpRequest request = new RequestBuilder(HttpUrl.parse("http://h/p")).method("post").userAgent("U")
                .body("a=1&b=2".getBytes(US_ASCII)).build();

        assertThat(text(request)).isEqualTo("POST /p HTTP/1.1\r\n"
                + "Host: h\r\n"
                + "User-Agent: U\r\n"
                + "Accept: */*\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: Keep-Alive\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 7\r\n"
                + "\r\n"
                + "a=1&b=2");
        assertThat(request).hasToString("POST /p HTTP/1.1");
    }

    @Test
    void aUserContentTypeReplacesTheFormType() throws Exception {
        HttpRequest request = new RequestBuilder(HttpUrl.parse("http://h/ct")).method("PUT")
                .userHeader("Content-Type", "text/plain").body(new byte[] {'q'}).build();

        assertThat(text(request)).contains("Connection: Keep-Alive\r\nContent-Type: text/plain\r\nContent-Length: 1\r\n"
                + "\r\nq").startsWith("PUT /ct HTTP/1.1\r\n");
    }

    @Test
    void eagerCredentialsGoBeforeConnectionAndChallengedOnesLast() throws Exception {
        RequestBuilder builder = new RequestBuilder(HttpUrl.parse("http://h/a")).userHeader("X-A", "1");

        assertThat(text(builder.eagerAuthorization("Basic dTpw").build())).isEqualTo("GET /a HTTP/1.1\r\n"
                + "Host: h\r\nAccept: */*\r\nAccept-Encoding: identity\r\nAuthorization: Basic dTpw\r\n"
                + "Connection: Keep-Alive\r\nX-A: 1\r\n\r\n");
        HttpRequest challenged = new RequestBuilder(HttpUrl.parse("http://h/a")).userHeader("X-A", "1")
                .challengedAuthorization("Basic dTpw").build();
        assertThat(text(challenged)).isEqualTo("GET /a HTTP/1.1\r\n"
                + "Host: h\r\nAccept: */*\r\nAccept-Encoding: identity\r\nConnection: Keep-Alive\r\nX-A: 1\r\n"
                + "Authorization: Basic dTpw\r\n\r\n");
    }

    @Test
    void logsCredentialsWithTheirSchemeOnly() throws Exception {
        HttpRequest request = new RequestBuilder(HttpUrl.parse("http://h/a")).userHeader("proxy-authorization", "x")
                .challengedAuthorization("Basic Ym9iOnNlY3JldA==").build();

        assertThat(request.headForLog()).isEqualTo("GET /a HTTP/1.1\r\n"
                + "Host: h\r\nAccept: */*\r\nAccept-Encoding: identity\r\nConnection: Keep-Alive\r\n"
                + "proxy-authorization: <redacted>\r\nAuthorization: Basic <redacted>\r\n\r\n");
        assertThat(request.headForLog()).doesNotContain("Ym9i");
    }

    @Test
    void refusesHeadersAndMethodsThatCouldInjectLines() throws Exception {
        RequestBuilder builder = new RequestBuilder(HttpUrl.parse("http://h/"));

        assertThatThrownBy(() -> builder.userHeader("X", "a\r\nB: c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.userHeader("Bad Name", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.method("GET /x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.referer("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.userAgent("caf\u00e9")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutKeepAliveSendsWgetsClose() throws Exception {
        HttpRequest request = new RequestBuilder(HttpUrl.parse("http://h/")).keepAlive(false).build();
        assertThat(text(request)).isEqualTo("GET / HTTP/1.1\r\nHost: h\r\nAccept: */*\r\n"
                + "Accept-Encoding: identity\r\nConnection: Close\r\n\r\n");
        assertThat(request.keepsConnection()).isFalse();
        assertThat(new RequestBuilder(HttpUrl.parse("http://h/")).build().keepsConnection()).isTrue();
        assertThat(new RequestBuilder(HttpUrl.parse("http://h/")).userHeader("Connection", "x, CLOSE").build().keepsConnection())
                .isFalse();
    }
}
