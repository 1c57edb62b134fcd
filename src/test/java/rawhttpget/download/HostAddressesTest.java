package rawhttpget.download;

import org.junit.jupiter.api.Test;
import rawhttpget.inet.IpAddress;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The order a name's addresses are tried in (RFC 8305 §4), which pairs race, and which are skipped. */
class HostAddressesTest {
    private static List<IpAddress> addresses(String... text) {
        return Stream.of(text).map(IpAddress::parse).toList();
    }

    @Test
    void theFamiliesAlternateIpv6FirstEachInTheResolversOrder() {
        assertThat(HostAddresses.interleaved(addresses("198.18.1.1", "198.18.1.2", "2001:2::1", "198.18.1.3",
                "2001:2::2")))
                .isEqualTo(addresses("2001:2::1", "198.18.1.1", "2001:2::2", "198.18.1.2", "198.18.1.3"));
        assertThat(HostAddresses.interleaved(addresses("198.18.1.1", "198.18.1.2")))
                .isEqualTo(addresses("198.18.1.1", "198.18.1.2"));
    }

    @Test
    void anAddressIsRacedByTheNextOnlyWhenThatIsOfTheOtherFamily() {
        List<IpAddress> list = addresses("2001:2::1", "198.18.1.1", "198.18.1.2", "198.18.1.3");
        assertThat(HostAddresses.racer(list, 0)).isEqualTo(IpAddress.parse("198.18.1.1"));
        assertThat(HostAddresses.racer(list, 2)).isNull();
        assertThat(HostAddresses.racer(list, 3)).isNull();
    }

    @Test
    void addressesWithoutARouteAreSkippedUnlessNoneHasOne() {
        List<IpAddress> list = addresses("2001:2::1", "198.18.1.1");
        assertThat(HostAddresses.routable(list, a -> !a.isIpv6())).isEqualTo(addresses("198.18.1.1"));
        assertThat(HostAddresses.routable(list, a -> false)).isEqualTo(list);
    }
}
