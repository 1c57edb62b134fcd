package rawhttpget.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputNameTest {

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "file.iso            | file.iso",
        "\"\"                | index.html",
        "a%20b.txt           | a b.txt",
        "%C3%A9t%C3%A9.txt   | été.txt",
        "..%2F..%2Fetc%2Fpasswd | .._.._etc_passwd",
        "a%5Cb               | a_b",
        "%2E%2E              | index.html",
        "%2E                 | index.html",
        "%20%20              | index.html",
        "bell%07%0Aline      | bell__line",
        "del%7F              | del_",
        "100%                | 100%",
        "bad%zzescape        | bad%zzescape",
        "half%4              | half%4",
        "x.part              | x.part"})
    void namesTheFileAfterTheDecodedLastSegmentMadeSafe(String rawSegment, String expected) {
        assertThat(OutputName.fromLastSegment(rawSegment)).isEqualTo(expected);
    }
}
