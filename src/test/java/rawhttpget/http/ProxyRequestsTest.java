package rawhttpget.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * What goes to a proxy, byte for byte: a request in absolute form with Proxy-Authorization after the other
 * headers, and CONNECT laid out as wget 1.21.3 sends it (its -d output through tinyproxy:
 * {@code CONNECT localhost:8443 HTTP/1.1}, User-Agent, Proxy-Authorization, Host). Logs show neither secret.
 */
class ProxyRequestsTest {

    @Test
    void aRequestThroughAProxyHasTheAbsoluteTargetAndTheOriginsHost() throws Exception {
        HttpRequest request = new RequestBuilder(HttpUrl.parse("http://origin.test:8000/a%20b?q=1")).userAgent("UA")
                .build().throughProxy("Basic YWxpY2U6czNjcmV0");

        assertThat(new String(request.toBytes(), US_ASCII)).isEqualTo("GET http://origin.test:8000/a%20b?q=1 HTTP/1.1\r\n"
                + "Host: origin.test:8000\r\n"
                + "User-Agent: UA\r\n"
                + "Accept: */*\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: Keep-Alive\r\n"
                + "Proxy-Connection: Keep-Alive\r\n"
                + "Proxy-Authorization: Basic YWxpY2U6czNjcmV0\r\n"
                + "\r\n");
        assertThat(request.headForLog()).contains("Proxy-Authorization: Basic <redacted>\r\n").doesNotContain("YWxp");
        assertThat(request).hasToString("GET http://origin.test:8000/a%20b?q=1 HTTP/1.1");
    }

    @Test
    void withoutCredentialsOnlyTheTargetChangesAndLaterHeadersKeepIt() throws Exception {
        HttpRequest request = new RequestBuilder(HttpUrl.parse("http://origin.test/f")).userAgent(null).build()
                .throughProxy(null).withHeader("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT");

        assertThat(new String(request.toBytes(), US_ASCII)).isEqualTo("GET http://origin.test/f HTTP/1.1\r\n"
                + "Host: origin.test\r\nAccept: */*\r\nAccept-Encoding: identity\r\nConnection: Keep-Alive\r\n"
                + "Proxy-Connection: Keep-Alive\r\n"
                + "If-Modified-Since: Sat, 01 Jan 2000 00:00:00 GMT\r\n\r\n");
    }

    @Test
    void aBodyFollowsTheHeadThroughAProxyToo() throws Exception {
        HttpRequest request = new RequestBuilder(HttpUrl.parse("http://o.test/p")).method("POST").userAgent(null)
                .body("x=1".getBytes(US_ASCII)).build().throughProxy(null);
        assertThat(new String(request.toBytes(), US_ASCII)).startsWith("POST http://o.test/p HTTP/1.1\r\n")
                .endsWith("Content-Length: 3\r\n\r\nx=1");
    }

    @Test
    void connectIsLaidOutAsWgetSendsIt() throws Exception {
        ConnectRequest connect = new ConnectRequest(HttpUrl.parse("https://origin.test/file.bin"), "Wget/1.21.3",
                "Basic YWxpY2U6czNjcmV0");

        assertThat(new String(connect.toBytes(), US_ASCII)).isEqualTo("CONNECT origin.test:443 HTTP/1.1\r\n"
                + "User-Agent: Wget/1.21.3\r\n"
                + "Proxy-Authorization: Basic YWxpY2U6czNjcmV0\r\n"
                + "Host: origin.test:443\r\n"
                + "\r\n");
        assertThat(connect.headForLog()).contains("Proxy-Authorization: Basic <redacted>\r\n").doesNotContain("YWxp");
        assertThat(connect).hasToString("CONNECT origin.test:443 HTTP/1.1");
    }

    @Test
    void connectWithoutUserAgentOrCredentialsNamesTheOriginsPort() throws Exception {
        ConnectRequest connect = new ConnectRequest(HttpUrl.parse("https://198.18.1.1:8443/"), "", null);
        assertThat(new String(connect.toBytes(), US_ASCII))
                .isEqualTo("CONNECT 198.18.1.1:8443 HTTP/1.1\r\nHost: 198.18.1.1:8443\r\n\r\n");
    }

    @Test
    void credentialsThatCouldInjectHeadersAreRefused() throws Exception {
        HttpUrl url = HttpUrl.parse("https://o.test/");
        assertThatThrownBy(() -> new ConnectRequest(url, "UA", "Basic x\r\nX-Evil: 1"))
                .isInstanceOf(IllegalArgumentException.class);
        HttpRequest request = new RequestBuilder(url).build();
        assertThatThrownBy(() -> request.throughProxy("Basic \n")).isInstanceOf(IllegalArgumentException.class);
    }
}
