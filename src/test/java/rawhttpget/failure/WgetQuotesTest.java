package rawhttpget.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** wget's quotes, picked from the locale as the C library picks its character set. */
class WgetQuotesTest {

    @Test
    void quotesFollowTheLocalesCharacterSetAsTheCLibraryPicksIt() {
        assertThat(WgetQuotes.utf8Locale(Map.of("LANG", "en_US.UTF-8"))).isTrue();
        assertThat(WgetQuotes.utf8Locale(Map.of("LANG", "C.utf8"))).isTrue();
        assertThat(WgetQuotes.utf8Locale(Map.of("LC_ALL", "C", "LANG", "en_US.UTF-8"))).isFalse();
        assertThat(WgetQuotes.utf8Locale(Map.of("LC_CTYPE", "C.UTF-8", "LANG", "C"))).isTrue();
        assertThat(WgetQuotes.utf8Locale(Map.of())).isFalse();
    }

    @Test
    void quotesTextAsWgetDoesInEachLocale() {
        assertThat(WgetQuotes.quoted("abc", true)).isEqualTo("‘abc’");
        assertThat(WgetQuotes.quoted("abc", false)).isEqualTo("'abc'");
    }
}
