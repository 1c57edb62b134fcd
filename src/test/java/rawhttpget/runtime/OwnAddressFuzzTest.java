package rawhttpget.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

/**
 * --ip and --mac as a user might type them, from arbitrary bytes (split at the first NUL): read the way the run
 * reads them (an IPv6 ADDR/PREFIX first, else IPv4), each is accepted with a prefix in its family's range and a
 * unicast MAC, or refused as a usage error (exit 2) in one line.
 */
class OwnAddressFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void arbitraryAddressesAreReadOrRefusedAsAUsageErrorInOneLine(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int nul = text.indexOf('\0');
        String ip = nul < 0 ? text : text.substring(0, nul);
        String mac = nul < 0 ? null : text.substring(nul + 1);
        try {
            OwnIpv6Address v6 = OwnIpv6Address.parse(ip, mac);
            if (v6 != null) {
                assertThat(ip).contains(":");
                assertThat(v6.prefixLength()).isBetween(1, 128);
                assertThat(mac).isNull();
                return;
            }
            OwnAddress v4 = OwnAddress.parse(ip, mac);
            assertThat(v4).isNotNull();
            assertThat(v4.prefixLength()).isBetween(1, 32);
            assertThat(v4.mac().isMulticast()).isFalse();
        } catch (DownloadException refused) {
            assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(refused.getMessage()).isNotBlank().doesNotContain("\n", "\r");
        }
    }
}
