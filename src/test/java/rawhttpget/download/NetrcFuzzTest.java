package rawhttpget.download;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * A .netrc of arbitrary bytes, read as UTF-8 as the program reads the file: parsing never fails (wget warns and
 * goes on, and so do we), each warning is one line, and a lookup finds only an entry that names the host.
 */
class NetrcFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void arbitraryFilesAreReadWithoutFailing(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);

        Netrc netrc = Netrc.parse(text);

        for (String warning : netrc.warnings()) {
            assertThat(warning).doesNotContain("\n", "\r");
        }
        assertThat(netrc.entries().size()).isLessThanOrEqualTo(text.length());
        netrc.forHost("h").ifPresent(entry -> assertThat(entry.machine()).isEqualToIgnoringCase("h"));
    }
}
