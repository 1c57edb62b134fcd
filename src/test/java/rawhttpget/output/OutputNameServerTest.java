package rawhttpget.output;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Names from a URL's query (as wget 1.21.3 saved them from nginx) and from a server's proposal. */
class OutputNameServerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "dl.php|id=1|index.html|dl.php?id=1",
        "dl.php|id=1&x=a%20b%2Fc|index.html|dl.php?id=1&x=a b%2Fc",
        "a%2Fb%09.txt|x=%09y|index.html|a_b_.txt?x=%09y",
        "''|q=1|index.html|index.html?q=1",
        "''|z|main.htm|main.htm?z",
        "''|-|main.htm|main.htm",
        "e.txt|''|index.html|e.txt?",
        "f.txt|-|index.html|f.txt",
    })
    void keepsTheQueryAsWgetDoes(String segment, String query, String defaultPage, String expected) {
        assertThat(OutputName.fromUrl(segment, query, defaultPage)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "named-by-server.txt|named-by-server.txt",
        "../../.hidden/evil.txt|evil.txt",
        "a\\b.txt|b.txt",
        ".bashrc|bashrc",
        "...|-",
        "..|-",
        "dir/|-",
        "tab\there.txt|tab_here.txt",
        "café menu.txt|café menu.txt",
    })
    void aServersProposalLosesItsDirectoriesLeadingDotsAndControls(String proposed, String expected) {
        assertThat(OutputName.fromServer(proposed.replace("\\t", "\t"))).isEqualTo(expected);
    }
}
