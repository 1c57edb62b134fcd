package rawhttpget.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each case is a file wget 1.21.3 was run with (HOME pointing at it, a server answering 401): the credentials
 * it then sent for host 198.18.1.1, or none.
 */
class NetrcTest {

    private static Optional<String> credentialsFor(String file) {
        return Netrc.parse(file).forHost("198.18.1.1").filter(e -> e.login() != null && e.password() != null)
                .map(e -> e.login() + ":" + e.password());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', nullValues = "NONE", value = {
        "one line            | machine 198.18.1.1 login nl password np\\n                         | nl:np",
        "no final newline    | machine 198.18.1.1 login a password p                             | a:p",
        "across lines        | machine 198.18.1.1\\nlogin a\\npassword p\\n                     | a:p",
        "quoted              | machine 198.18.1.1 login \"a b\" password \"p q\\\"r\\\\s\"\\n   | a b:p q\"r\\s",
        "hash inside a token | machine 198.18.1.1 login a password p#x\\n                        | a:p#x",
        "comment token       | # c machine 198.18.1.1 login c password c\\nmachine 198.18.1.1 login ok password pw # x\\n | ok:pw",
        "comment mid-entry   | machine 198.18.1.1 login a # c\\n password p\\n                   | a:p",
        "first entry wins    | machine 198.18.1.1 login first password f1\\nmachine 198.18.1.1 login second password f2\\n | first:f1",
        "default unused      | default login dl password dp\\n                                    | NONE",
        "machine over default| default login d password dd\\nmachine 198.18.1.1 login m password mm\\n | m:mm",
        "macdef skipped      | machine other login ol password op\\nmacdef m\\nmachine 198.18.1.1 login ML password MP\\n\\nmachine 198.18.1.1 login after password mac\\n | after:mac",
        "macdef ends blank   | macdef x\\nmachine 198.18.1.1 login a password p\\n  \\nmachine 198.18.1.1 login b password q\\n | b:q",
        "account ignored     | machine 198.18.1.1 login a password p account c\\n                | a:p",
        "dangling account    | machine 198.18.1.1 login a password p account\\n                  | a:p",
        "login before machine| login z password y machine 198.18.1.1 login a password p\\n      | a:p",
        "unknown keywords    | machine 198.18.1.1 user a passwd p\\n                             | NONE",
        "login only          | machine 198.18.1.1 login onlylogin\\n                             | NONE",
        "CRLF lines          | machine 198.18.1.1\\r\\nlogin a\\r\\npassword p\\r\\n           | a:p",
        "host case           | machine 198.18.1.1 login a password p\\n                          | a:p"})
    void findsWhatWgetFinds(String name, String file, String expected) {
        String text = file.replace("\\n", "\n").replace("\\r", "\r");

        assertThat(credentialsFor(text)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void warnsAboutWhatWgetWarnsAbout() {
        Netrc netrc = Netrc.parse("login z password y\nmachine h user a\n");

        assertThat(netrc.warnings()).containsExactly("1: 'login' before any machine name",
                "1: 'password' before any machine name", "2: unknown token \"user\"", "2: unknown token \"a\"");
    }

    @Test
    void anUnterminatedQuoteEndsWithItsLine() {
        assertThat(Netrc.parse("machine h login \"a b\nmachine g login c password d").entries())
                .containsExactly(new Netrc.Entry("h", "a b", null), new Netrc.Entry("g", "c", "d"));
    }

    @Test
    void looksUpHostsIgnoringCase() {
        assertThat(Netrc.parse("machine FILES.test login a password b").forHost("files.test"))
                .contains(new Netrc.Entry("FILES.test", "a", "b"));
    }
}
