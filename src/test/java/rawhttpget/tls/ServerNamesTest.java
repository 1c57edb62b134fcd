package rawhttpget.tls;

import javax.net.ssl.SNIHostName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ServerNamesTest {

    @ParameterizedTest
    @CsvSource({
            "198.18.1.1, true", "0.0.0.0, true", "255.255.255.255, true",
            "256.1.1.1, false", "1.2.3, false", "1.2.3.4.5, false", "1.2.3.4., false", ".1.2.3.4, false",
            "1..2.3, false", "1.2.3.0004, false", "a.b.c.d, false", "1.2.3.4a, false", "files.test, false",
            "'', false", "1.2.3.-4, false"})
    void ipv4LiteralsAreFourDecimalsUpTo255(String host, boolean literal) {
        assertThat(ServerNames.isIpv4Literal(host)).isEqualTo(literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"198.18.1.1", "under_score.test", "-leading.test"})
    void noSniForAddressesOrNamesSniCannotCarry(String host) {
        assertThat(ServerNames.sni(host)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"files.test", "localhost", "a.b.c.d.example"})
    void sniCarriesHostNames(String host) {
        assertThat(ServerNames.sni(host)).containsExactly(new SNIHostName(host));
    }

    @ParameterizedTest
    @CsvSource({"files.test., files.test", "files.test, files.test", "., .", "198.18.1.1, 198.18.1.1"})
    void oneTrailingDotIsDropped(String host, String checked) {
        assertThat(ServerNames.checkedName(host)).isEqualTo(checked);
    }
}
