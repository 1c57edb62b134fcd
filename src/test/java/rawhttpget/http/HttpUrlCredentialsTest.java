package rawhttpget.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Credentials in the URL: read percent-decoded, as wget reads them, and never shown. */
class HttpUrlCredentialsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "http://bob:secret@h/x          | bob   | secret",
        "http://us%40er:p%3Ass@h:81/x   | us@er | p:ss",
        "http://bob@h/x                 | bob   | NONE",
        "http://bob:@h/x                | bob   | ''",
        "http://a:b@c@h/x               | a     | b@c",
        "http://%C3%BC:%ZZ@h/x          | \u00fc | %ZZ"})
    void readsUserAndPasswordPercentDecoded(String url, String user, String password) throws Exception {
        HttpUrl parsed = HttpUrl.parse(url);

        assertThat(parsed.user()).contains(user);
        assertThat(parsed.password()).isEqualTo(Optional.ofNullable(password));
        assertThat(parsed.host()).isEqualTo("h");
    }

    @Test
    void neverShowsThemAndComparesWithoutThem() throws Exception {
        HttpUrl url = HttpUrl.parse("http://bob:secret@files.test:8080/a?b");

        assertThat(url).hasToString("http://files.test:8080/a?b");
        assertThat(url.hostHeader()).isEqualTo("files.test:8080");
        assertThat(url).isEqualTo(HttpUrl.parse("http://files.test:8080/a?b"));
        assertThat(HttpUrl.parse("http://h/").user()).isEmpty();
    }

    @Test
    void anErrorMessageHidesThePasswordAsWgetDoes() {
        assertThatThrownBy(() -> HttpUrl.parse("http://bob:s3cret@h:99999/"))
                .isInstanceOf(HttpUrl.InvalidUrlException.class)
                .hasMessage("port 99999 out of range 1..65535 in http://bob:*password*@h:99999/");
    }

    @Test
    void aRedirectOnTheSameServerKeepsThemAndAnotherAuthorityBringsItsOwn() throws Exception {
        HttpUrl url = HttpUrl.parse("http://bob:secret@h/dir/a");

        assertThat(url.resolve("b").password()).contains("secret");
        assertThat(url.resolve("/c?d").user()).contains("bob");
        assertThat(url.resolve("http://other/").user()).isEmpty();
        assertThat(url.resolve("//eve:x@other/").user()).contains("eve");
    }
}
