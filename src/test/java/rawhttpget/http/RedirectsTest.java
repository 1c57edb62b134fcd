package rawhttpget.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rawhttpget.testing.Heads;

class RedirectsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"300,false", "301,true", "302,true", "303,true", "304,false", "305,false", "306,false", "307,true",
            "308,true", "200,false", "404,false"})
    void followsExactlyTheFiveRedirectStatuses(int status, boolean redirect) {
        assertThat(Redirects.isRedirect(status)).isEqualTo(redirect);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "http://files.test/redirect/relative/a.bin | /a.bin               | http://files.test/a.bin",
        "http://files.test/redirect/dotdot/a.bin   | ../../a.bin          | http://files.test/a.bin",
        "http://files.test/dir/a.bin               | b.bin?x=1            | http://files.test/dir/b.bin?x=1",
        "http://files.test/a.bin                   | http://other.test:8080/c | http://other.test:8080/c",
        "http://files.test/a.bin                   | //cdn.test/d         | http://cdn.test/d",
        "http://files.test:8080/a.bin              | /e                   | http://files.test:8080/e",
        "http://files.test/a.bin                   | https://files.test/a.bin | https://files.test/a.bin"})
    void resolvesTheLocationAgainstTheRequestedUrl(String requested, String location, String expected) throws Exception {
        ResponseHead head = head("HTTP/1.1 302 Found", "Location: " + location);

        assertThat(Redirects.target(HttpUrl.parse(requested), head)).hasToString(expected);
    }

    @Test
    void refusesARedirectWithoutLocation() {
        ResponseHead head = head("HTTP/1.1 301 Moved Permanently", "Content-Length: 0");

        assertThatThrownBy(() -> Redirects.target(HttpUrl.parse("http://h/a"), head))
                .isInstanceOf(Redirects.InvalidRedirectException.class)
                .hasMessage("redirection (301) without a Location");
    }

    @Test
    void refusesALocationWithASchemeWeCannotFetch() {
        ResponseHead head = head("HTTP/1.1 302 Found", "Location: ftp://h/file");

        assertThatThrownBy(() -> Redirects.target(HttpUrl.parse("http://h/a"), head))
                .isInstanceOf(Redirects.InvalidRedirectException.class)
                .hasMessage("cannot follow the redirection to ftp://h/file: unsupported scheme 'ftp' in ftp://h/file");
    }

    private static ResponseHead head(String... lines) {
        try {
            return Heads.parse(String.join("\r\n", lines) + "\r\nContent-Length: 0\r\n\r\n");
        } catch (HttpProtocolException e) {
            throw new AssertionError(e);
        }
    }
}
