package rawhttpget.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.http.HttpUrl;

/**
 * The environment as wget 1.21.3 reads it. Which variables it reads, every no_proxy row and the errors for proxy
 * URLs it cannot use were run with wget 1.21.3 through tinyproxy; the proxy URL forms are ours to parse.
 */
class ProxySettingsTest {
    private static final String PROXY = "http://198.18.0.2:8888/";

    private static ProxySettings.Route route(Map<String, String> environment, String url) throws Exception {
        return ProxySettings.fromEnvironment(environment, false).route(HttpUrl.parse(url));
    }

    @Test
    void onlyTheLowerCaseVariablesAreRead() throws Exception {
        assertThat(route(Map.of("HTTP_PROXY", PROXY), "http://files.test/").isDirect()).isTrue();
        assertThat(route(Map.of("HTTPS_PROXY", PROXY), "https://files.test/").isDirect()).isTrue();
        assertThat(route(Map.of("http_proxy", PROXY, "NO_PROXY", "files.test"), "http://files.test/").isDirect())
                .isFalse();
        assertThat(route(Map.of("http_proxy", PROXY), "http://files.test/").proxy()).hasToString(PROXY);
    }

    @Test
    void eachSchemeHasItsOwnVariable() throws Exception {
        Map<String, String> httpOnly = Map.of("http_proxy", PROXY);
        assertThat(route(httpOnly, "https://files.test/").isDirect()).isTrue();
        Map<String, String> httpsOnly = Map.of("https_proxy", "198.18.0.3:3128");
        assertThat(route(httpsOnly, "http://files.test/").isDirect()).isTrue();
        assertThat(route(httpsOnly, "https://files.test/").proxy()).hasToString("http://198.18.0.3:3128/");
    }

    @Test
    void anEmptyValueAndTheOptionMeanNoProxy() throws Exception {
        assertThat(route(Map.of("http_proxy", ""), "http://files.test/").isDirect()).isTrue();
        assertThat(ProxySettings.fromEnvironment(Map.of("http_proxy", PROXY), true)
                .route(HttpUrl.parse("http://files.test/")).isDirect()).isTrue();
    }

    @ParameterizedTest(name = "no_proxy=''{0}'' for {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "localhost               | localhost        | direct",
        "LOCALHOST               | localhost        | direct",
        "*                       | localhost        | proxy",
        "host                    | localhost        | proxy",
        ".localhost              | localhost        | proxy",
        "\"foo, localhost\"      | localhost        | direct",
        "\"localhost ,foo\"      | localhost        | proxy",
        "localhost:8000          | localhost        | proxy",
        "127.0.0.1               | localhost        | proxy",
        "test                    | files.test       | direct",
        ".test                   | files.test       | direct",
        "files.test              | a.b.files.test   | direct",
        "les.test                | files.test       | proxy",
        ".les.test               | files.test       | proxy",
        "\"\"                    | files.test       | proxy",
        "\"a,,files.test\"       | files.test       | direct"})
    void noProxyMatchesAsWgetsSufmatch(String noProxy, String host, String expected) throws Exception {
        ProxySettings.Route route = route(Map.of("http_proxy", PROXY, "no_proxy", noProxy), "http://" + host + "/");
        assertThat(route.isDirect() ? "direct" : "proxy").isEqualTo(expected);
    }

    @Test
    void theListIsSplitAtCommasWithBlanksAfterThemSkipped() {
        assertThat(ProxySettings.domains(" a,  b ,c,")).containsExactly(" a", "b ", "c", "");
        assertThat(ProxySettings.domains(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://198.18.0.2:8888/           | http://198.18.0.2:8888/",
        "198.18.0.2:8888                   | http://198.18.0.2:8888/",
        "proxy.test                        | http://proxy.test:80/",
        "HTTP://Proxy.Test:3128/some/path  | http://proxy.test:3128/"})
    void proxyUrlFormsNameTheProxysHostAndPort(String text, String proxy) throws Exception {
        ProxySettings.Route route = ProxySettings.parse(text);
        assertThat(route.proxy()).hasToString(proxy.replace(":80/", "/"));
        assertThat(route.authorization()).isNull();
    }

    @Test
    void credentialsInTheProxyUrlBecomeBasicAndAreNeverShown() throws Exception {
        ProxySettings.Route route = ProxySettings.parse("http://alice:s3cret@198.18.0.2:8888/");
        assertThat(route.authorization()).isEqualTo("Basic YWxpY2U6czNjcmV0");
        assertThat(route.proxy()).hasToString(PROXY);
        assertThat(route.toString()).doesNotContain("alice", "s3cret").contains("with credentials");
        assertThat(ProxySettings.parse("http://bob%40home:p%3Ass@198.18.0.2:8888/").authorization())
                .isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString("bob@home:p:ss".getBytes()));
        assertThat(ProxySettings.fromEnvironment(Map.of("http_proxy", "http://alice:s3cret@p/"), false).toString())
                .doesNotContain("alice", "s3cret");
    }

    @Test
    void aProxyUrlThatIsNotHttpIsWgetsErrorExit8() {
        assertThatThrownBy(() -> ProxySettings.parse("ftp://198.18.0.2:8888/"))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.SERVER_ERROR);
                    assertThat(e.getMessage()).isEqualTo("Error in proxy URL ftp://198.18.0.2:8888/: Must be HTTP.");
                });
        assertThatThrownBy(() -> ProxySettings.parse("https://u:secret@p.test/"))
                .hasMessage("Error in proxy URL https://<credentials>@p.test/: Must be HTTP.");
        assertThatThrownBy(() -> ProxySettings.parse("http://[bad"))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.SERVER_ERROR);
                    assertThat(e.getMessage()).startsWith("Error parsing proxy URL http://[bad: ").endsWith(".");
                });
    }

    @Test
    void aProxyUrlThatDoesNotParseIsQuotedWithoutItsCredentials() {
        for (String text : List.of("http://alice:s3cret@[bad", "alice:s3cret@p.test:99999", "http://alice:s3cret@p\u0001/")) {
            assertThatThrownBy(() -> ProxySettings.parse(text)).isInstanceOfSatisfying(DownloadException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.SERVER_ERROR);
                assertThat(e.getMessage()).startsWith("Error parsing proxy URL ").doesNotContain("s3cret", "alice")
                        .contains("<credentials>@");
            });
        }
    }

    @Test
    void theFirstHopOfAProxiedUrlIsTheProxy() {
        ProxySettings settings = ProxySettings.fromEnvironment(Map.of("http_proxy", "u:p@198.18.0.2:8888",
                "no_proxy", "files.test"), false);
        assertThat(settings.firstHop("http://origin.test/x")).isEqualTo(PROXY);
        assertThat(settings.firstHop("http://files.test/x")).isEqualTo("http://files.test/x");
        assertThat(settings.firstHop("https://origin.test/x")).isEqualTo("https://origin.test/x");
        assertThat(settings.firstHop("not a url")).isEqualTo("not a url");
        assertThat(ProxySettings.fromEnvironment(Map.of("http_proxy", "ftp://p/"), false).firstHop("http://o/"))
                .isEqualTo("http://o/");
    }

    @Test
    void theRouteNamesTheProxyForTheStats() throws Exception {
        HttpUrl url = HttpUrl.parse("http://origin.test/a");
        ProxySettings.Route route = ProxySettings.parse("198.18.0.2:8888");
        assertThat(route.label(url)).isEqualTo("http://origin.test/a via proxy 198.18.0.2:8888");
        assertThat(route.firstHop(url)).hasToString(PROXY);
        assertThat(ProxySettings.Route.DIRECT.label(url)).isEqualTo("http://origin.test/a");
        assertThat(ProxySettings.Route.DIRECT.firstHop(url)).isSameAs(url);
        assertThat(List.of(ProxySettings.NONE.noProxy())).containsExactly(List.of());
    }
}
