package rawhttpget.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.http.HttpUrl;
import rawhttpget.http.ResponseHead;
import rawhttpget.testing.Heads;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where credentials come from, and when they are sent: each case as wget 1.21.3 behaved against a 401 server. */
class AuthenticationTest {
    private static final ResponseHead BASIC_401 = Heads.of("HTTP/1.1 401 Unauthorized",
            "WWW-Authenticate: Basic realm=\"r\"", "Content-Length: 0");

    @TempDir
    Path home;
    private final List<String> warnings = new ArrayList<>();

    private Authentication auth(String user, String password, String httpUser, String httpPassword, boolean noNetrc,
                                boolean eager) {
        RequestSettings s = new RequestSettings(null, null, List.of(), null, null, null, null, null, user, password,
                httpUser, httpPassword, noNetrc, eager, home.resolve(".netrc"), false);
        return new Authentication(s, warnings::add);
    }

    private String credentials(Authentication auth, String url) throws Exception {
        return auth.credentialsFor(HttpUrl.parse(url)).map(c -> c.user() + ":" + c.password()).orElse(null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "nothing                       | -     | -  | -  | -  | -                           | http://h/    | -",
        "--user/--password             | o     | op | -  | -  | -                           | http://h/    | o:op",
        "--http-* win over --user/--password | o | op | h | hp | -                        | http://h/    | h:hp",
        "the URL wins over options     | o     | op | h  | hp | -                           | http://x:y@h/ | x:y",
        ".netrc alone                  | -     | -  | -  | -  | machine h login nl password np | http://h/ | nl:np",
        "options before .netrc         | o     | op | -  | -  | machine h login nl password np | http://h/ | o:op",
        ".netrc password for its login | nl    | -  | -  | -  | machine h login nl password np | http://h/ | nl:np",
        "not for another login         | other | -  | -  | -  | machine h login nl password np | http://h/ | -",
        "nor for the URL's other user  | -     | -  | -  | -  | machine h login a password p   | http://u@h/ | -",
        ".netrc over a lone password   | -     | given | - | - | machine h login a password p  | http://h/    | a:p",
        "another host's entry          | -     | -  | -  | -  | machine g login a password p   | http://h/    | -"})
    void takesCredentialsFromWhereWgetTakesThem(String name, String user, String password, String httpUser,
                                                 String httpPassword, String netrc, String url, String expected)
            throws Exception {
        if (netrc != null) {
            Files.writeString(home.resolve(".netrc"), netrc + "\n");
        }

        assertThat(credentials(auth(user, password, httpUser, httpPassword, false, false), url)).isEqualTo(expected);
    }

    @Test
    void noNetrcReadsNoFile() throws Exception {
        Files.writeString(home.resolve(".netrc"), "machine h login nl password np\n");

        assertThat(credentials(auth(null, null, null, null, true, false), "http://h/")).isNull();
    }

    @Test
    void sendsBasicOnlyAfterAChallengeThenUnaskedToThatHost() throws Exception {
        Authentication auth = auth("bob", "secret", null, null, false, false);
        HttpUrl url = HttpUrl.parse("http://h/a");

        assertThat(auth.unasked(url)).isNull();
        assertThat(auth.answer(url, BASIC_401, false, "GET")).isEqualTo("Basic Ym9iOnNlY3JldA==");
        assertThat(auth.unasked(HttpUrl.parse("http://h/b"))).isEqualTo("Basic Ym9iOnNlY3JldA==");
        assertThat(auth.unasked(HttpUrl.parse("http://h:8080/b"))).isNull();
    }

    @Test
    void authNoChallengeSendsThemAtOnce() throws Exception {
        assertThat(auth("u", "p", null, null, false, true).unasked(HttpUrl.parse("http://h/"))).isEqualTo("Basic dTpw");
        assertThat(auth(null, null, null, null, false, true).unasked(HttpUrl.parse("http://h/"))).isNull();
    }

    @Test
    void encodesNonAsciiCredentialsAsUtf8() throws Exception {
        assertThat(auth("\u00fc", "p", null, null, false, true).unasked(HttpUrl.parse("http://h/")))
                .isEqualTo("Basic w7w6cA==");
    }

    @Test
    void aChallengeWithoutCredentialsOrAfterThemIsExitSix() throws Exception {
        HttpUrl url = HttpUrl.parse("http://h/a");

        for (Authentication auth : List.of(auth(null, null, null, null, false, false),
                auth("bob", "secret", null, null, false, false))) {
            boolean sent = auth.credentialsFor(url).isPresent();
            assertThatThrownBy(() -> auth.answer(url, BASIC_401, sent, "GET")).isInstanceOf(DownloadException.class)
                    .hasMessage("Username/Password Authentication Failed.")
                    .extracting(e -> ((DownloadException) e).exitCode()).isEqualTo(ExitCode.AUTH);
        }
    }

    @Test
    void aChallengeWeCannotAnswerIsExitSix() throws Exception {
        Authentication auth = auth("bob", "secret", null, null, false, false);
        HttpUrl url = HttpUrl.parse("http://h/a");

        for (ResponseHead head : List.of(Heads.of("HTTP/1.1 401 No", "WWW-Authenticate: Negotiate"),
                Heads.of("HTTP/1.1 401 No"), Heads.of("HTTP/1.1 401 No", "WWW-Authenticate: Basic realm=\"open"))) {
            assertThatThrownBy(() -> auth.answer(url, head, false, "GET")).isInstanceOf(DownloadException.class)
                    .extracting(e -> ((DownloadException) e).exitCode()).isEqualTo(ExitCode.AUTH);
        }
    }

    @Test
    void answersDigestWhenOfferedBesideBasic() throws Exception {
        RequestSettings s = new RequestSettings(null, null, List.of(), null, null, null, null, null, "Mufasa",
                "Circle of Life", null, null, true, false, null, false);
        Authentication auth = new Authentication(s, warnings::add, () -> "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
        ResponseHead head = Heads.of("HTTP/1.1 401 Unauthorized", "WWW-Authenticate: Basic realm=\"r\"",
                "WWW-Authenticate: Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256,"
                        + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                        + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
        HttpUrl url = HttpUrl.parse("http://h/dir/index.html");

        assertThat(auth.answer(url, head, false, "GET")).startsWith("Digest username=\"Mufasa\", ")
                .contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"");
        assertThat(auth.unasked(url)).isNull();
    }

    @Test
    void netrcWarningsAreShownOnce() throws Exception {
        Files.writeString(home.resolve(".netrc"), "machine h user a\n");
        Authentication auth = auth(null, null, null, null, false, false);

        credentials(auth, "http://h/");
        credentials(auth, "http://h/");

        assertThat(warnings).containsExactly("rawhttpget: " + home.resolve(".netrc") + ":1: unknown token \"user\"",
                "rawhttpget: " + home.resolve(".netrc") + ":1: unknown token \"a\"");
    }
}
