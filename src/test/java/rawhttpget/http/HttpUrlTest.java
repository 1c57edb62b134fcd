package rawhttpget.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpUrlTest {

    static Stream<Arguments> validUrls() {
        // input, scheme, host, port, request target, Host header, last path segment
        return Stream.of(
                Arguments.of("http://example.com", "http", "example.com", 80, "/", "example.com", ""),
                Arguments.of("HTTP://Example.COM/", "http", "example.com", 80, "/", "example.com", ""),
                Arguments.of("https://example.com/a/b.tar.gz", "https", "example.com", 443, "/a/b.tar.gz",
                        "example.com", "b.tar.gz"),
                Arguments.of("http://example.com:8080/x?y=1#frag", "http", "example.com", 8080, "/x?y=1",
                        "example.com:8080", "x"),
                Arguments.of("https://example.com:443/", "https", "example.com", 443, "/", "example.com", ""),
                Arguments.of("http://example.com:443/", "http", "example.com", 443, "/", "example.com:443", ""),
                Arguments.of("https://example.com:80/", "https", "example.com", 80, "/", "example.com:80", ""),
                Arguments.of("http://example.com:/x", "http", "example.com", 80, "/x", "example.com", "x"),
                Arguments.of("http://example.com:00080/", "http", "example.com", 80, "/", "example.com", ""),
                Arguments.of("http://10.0.0.1:81/dir/", "http", "10.0.0.1", 81, "/dir/", "10.0.0.1:81", ""),
                Arguments.of("http://example.com?q", "http", "example.com", 80, "/?q", "example.com", ""),
                Arguments.of("http://example.com/?", "http", "example.com", 80, "/?", "example.com", ""),
                Arguments.of("http://example.com#top", "http", "example.com", 80, "/", "example.com", ""),
                Arguments.of("http://example.com/a b/\u00fc.txt", "http", "example.com", 80, "/a%20b/%C3%BC.txt",
                        "example.com", "%C3%BC.txt"),
                Arguments.of("http://example.com/100%/%41%e2", "http", "example.com", 80, "/100%25/%41%e2",
                        "example.com", "%41%e2"),
                Arguments.of("http://example.com/a/./b/../c", "http", "example.com", 80, "/a/c", "example.com", "c"),
                Arguments.of("http://example.com/../../x", "http", "example.com", 80, "/x", "example.com", "x"),
                Arguments.of("http://example.com/q?a=b c&d=<>|", "http", "example.com", 80,
                        "/q?a=b%20c&d=%3C%3E%7C", "example.com", "q"),
                Arguments.of("http://example.com/a\"{}^`\\[]", "http", "example.com", 80,
                        "/a%22%7B%7D%5E%60%5C%5B%5D", "example.com", "a%22%7B%7D%5E%60%5C%5B%5D"),
                Arguments.of("http://example.com/;p=1/x:y@z!$&'()*+,=~", "http", "example.com", 80,
                        "/;p=1/x:y@z!$&'()*+,=~", "example.com", "x:y@z!$&'()*+,=~"),
                Arguments.of("http://example.com/\ud83d\ude00", "http", "example.com", 80, "/%F0%9F%98%80",
                        "example.com", "%F0%9F%98%80"),
                Arguments.of("http://my_host.example./f", "http", "my_host.example.", 80, "/f", "my_host.example.",
                        "f"),
                Arguments.of("http://h:65535/", "http", "h", 65535, "/", "h:65535", ""),
                Arguments.of("http://[2001:2::2]/f", "http", "2001:2::2", 80, "/f", "[2001:2::2]", "f"),
                Arguments.of("http://[2001:2:0:0::2]:8080/f", "http", "2001:2::2", 8080, "/f", "[2001:2::2]:8080", "f"),
                Arguments.of("http://[::1]:/x", "http", "::1", 80, "/x", "[::1]", "x"),
                Arguments.of("https://[2001:DB8::A]/", "https", "2001:db8::a", 443, "/", "[2001:db8::a]", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validUrls")
    void parsesIntoParts(String input, String scheme, String host, int port, String target, String hostHeader,
            String lastSegment) throws Exception {
        HttpUrl url = HttpUrl.parse(input);

        assertThat(url.scheme()).isEqualTo(scheme);
        assertThat(url.host()).isEqualTo(host);
        assertThat(url.port()).isEqualTo(port);
        assertThat(url.requestTarget()).isEqualTo(target);
        assertThat(url.hostHeader()).isEqualTo(hostHeader);
        assertThat(url.lastPathSegment()).isEqualTo(lastSegment);
        assertThat(url.toString()).isEqualTo(scheme + "://" + hostHeader + target);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validUrls")
    void parsingItsOwnNormalFormGivesTheSameUrl(String input) throws Exception {
        HttpUrl url = HttpUrl.parse(input);

        assertThat(HttpUrl.parse(url.toString())).isEqualTo(url);
    }

    @Test
    void separatesPathAndQuery() throws Exception {
        HttpUrl url = HttpUrl.parse("http://h/a/b?c=d?e#f");

        assertThat(url.path()).isEqualTo("/a/b");
        assertThat(url.query()).contains("c=d?e");
        assertThat(HttpUrl.parse("http://h/a").query()).isEmpty();
        assertThat(HttpUrl.parse("http://h/a?").query()).contains("");
    }

    @Test
    void knowsWhenTheHostIsAnIpv4Address() throws Exception {
        assertThat(HttpUrl.parse("http://192.168.1.254/").isIpv4Literal()).isTrue();
        assertThat(HttpUrl.parse("http://0.0.0.0/").isIpv4Literal()).isTrue();
        assertThat(HttpUrl.parse("http://example.com/").isIpv4Literal()).isFalse();
        assertThat(HttpUrl.parse("http://1.2.3.4.example/").isIpv4Literal()).isFalse();
    }

    static Stream<Arguments> invalidUrls() {
        return Stream.of(
                Arguments.of("ftp://x/", "unsupported scheme 'ftp' in ftp://x/"),
                Arguments.of("FTP://x/", "unsupported scheme 'FTP' in FTP://x/"),
                Arguments.of("mailto:someone@example.com", "unsupported scheme 'mailto' in mailto:someone@example.com"),
                Arguments.of("http:///a", "missing host in http:///a"),
                Arguments.of("http://", "missing host in http://"),
                Arguments.of("http://:80/", "missing host in http://:80/"),
                Arguments.of("http:example.com", "missing host in http:example.com"),
                Arguments.of("example.com/a", "missing scheme in example.com/a (expected http:// or https://)"),
                Arguments.of("", "missing scheme in  (expected http:// or https://)"),
                Arguments.of("http://h:0/", "port 0 out of range 1..65535 in http://h:0/"),
                Arguments.of("http://h:65536/", "port 65536 out of range 1..65535 in http://h:65536/"),
                Arguments.of("http://h:99999999999999999999/",
                        "port 99999999999999999999 out of range 1..65535 in http://h:99999999999999999999/"),
                Arguments.of("http://h:8o/", "invalid port '8o' in http://h:8o/"),
                Arguments.of("http://h:-1/", "invalid port '-1' in http://h:-1/"),
                Arguments.of("http://[fe80::1%eth0]/f", "IPv6 zone IDs are not supported ('fe80::1%eth0') in http://[fe80::1%eth0]/f"),
                Arguments.of("http://[fe80::1%25eth0]/f",
                        "IPv6 zone IDs are not supported ('fe80::1%25eth0') in http://[fe80::1%25eth0]/f"),
                Arguments.of("http://[2001:zz::1]/f", "invalid IPv6 address '2001:zz::1' in http://[2001:zz::1]/f"),
                Arguments.of("http://[::1/f", "unterminated IPv6 address (no ']') in http://[::1/f"),
                Arguments.of("http://[::1]x/f", "invalid host name after ']' in http://[::1]x/f"),
                Arguments.of("http://[::1]:0/", "port 0 out of range 1..65535 in http://[::1]:0/"),
                Arguments.of("http://b\u00fccher.de/",
                        "non-ASCII host names are not supported (use the xn-- form) in http://b\u00fccher.de/"),
                Arguments.of("http://a b/", "invalid character ' ' in host of http://a b/"),
                Arguments.of("http://a%41/", "invalid character '%' in host of http://a%41/"),
                Arguments.of("http://a:b:80/", "invalid character ':' in host of http://a:b:80/"),
                Arguments.of("http://1.2.3/", "invalid IPv4 address '1.2.3' in http://1.2.3/"),
                Arguments.of("http://256.0.0.1/", "invalid IPv4 address '256.0.0.1' in http://256.0.0.1/"),
                Arguments.of("http://010.0.0.1/", "invalid IPv4 address '010.0.0.1' in http://010.0.0.1/"),
                Arguments.of("http://1.2.3.4./", "invalid IPv4 address '1.2.3.4.' in http://1.2.3.4./"),
                Arguments.of("http://1234/", "invalid IPv4 address '1234' in http://1234/"),
                Arguments.of("ftp://x/\r\nInjected: yes", "unsupported scheme 'ftp' in ftp://x/\\x0d\\x0aInjected: yes"),
                Arguments.of("ftp://" + "x".repeat(300), "unsupported scheme 'ftp' in ftp://" + "x".repeat(94) + "..."));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidUrls")
    void rejectsWithAOneLineMessage(String input, String message) {
        assertThatThrownBy(() -> HttpUrl.parse(input))
                .isInstanceOf(HttpUrl.InvalidUrlException.class)
                .hasMessage(message);
    }
}
