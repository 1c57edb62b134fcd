package rawhttpget.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ContentDispositionTest {

    /** field value | the name read ("-": none). Cases checked against wget 1.21.3 where it reads them the same. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", quoteCharacter = '`', value = {
        "attachment; filename=\"named-by-server.txt\"|named-by-server.txt",
        "attachment; filename=plain.txt|plain.txt",
        "attachment;filename=nosp.txt|nosp.txt",
        "attachment; FILENAME=\"upper.txt\"|upper.txt",
        "attachment; filename=\"fallback.txt\"; filename*=UTF-8''caf%C3%A9%20menu.txt|café menu.txt",
        "attachment; filename*=UTF-8''z2.txt; filename=\"y2.txt\"|z2.txt",
        "attachment; filename*=iso-8859-1'en'%E9t%E9.txt|été.txt",
        "attachment; filename=\"sub\\\"q.txt\"|sub\"q.txt",
        "attachment; filename=\"../../.hidden/evil.txt\"|../../.hidden/evil.txt",
        "attachment; filename*=UTF-8''%FF.txt; filename=\"ok.txt\"|ok.txt",
        "attachment; filename*=KOI8-R''x.txt; filename=\"ok.txt\"|ok.txt",
        "attachment; filename*=UTF-8''bad%2|-",
        "attachment; filename=\"unterminated|-",
        "attachment; filename=\"\"|-",
        "inline|-",
        "attachment|-",
        "attachment; ; size=3; filename=a.txt|a.txt",
        "''|-",
    })
    void readsFilenameStarBeforeFilename(String field, String expected) {
        if (expected == null) {
            assertThat(ContentDisposition.filename(field)).isEmpty();
        } else {
            assertThat(ContentDisposition.filename(field)).hasValue(expected);
        }
    }
}
