package rawhttpget.host;

import rawhttpget.inet.Ipv4Address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class RoutesTest {
    /** /proc/net/route of an x86-64 machine: default via 192.0.2.1 on eth0, two on-link subnets. */
    private static final String LITTLE_ENDIAN_TABLE = """
            Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
            eth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0
            eth0\t000200C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0
            veth1\t000012C6\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0
            veth1\t000112C6\t020012C6\t0003\t0\t0\t0\t00FFFFFF\t0\t0\t0
            wlan0\t00000000\t010A000A\t0003\t0\t0\t600\t00000000\t0\t0\t0
            eth0\t0000FFC6\t00000000\t0201\t0\t0\t0\t0000FFFF\t0\t0\t0
            eth0\t00000AC6\t00000000\t0000\t0\t0\t0\t00FFFFFF\t0\t0\t0
            """;

    private final Routes routes = Routes.parse(LITTLE_ENDIAN_TABLE, ByteOrder.LITTLE_ENDIAN);

    @Test
    void readsLittleEndianHexAddresses() {
        assertThat(routes.all()).first().isEqualTo(
                new Route("eth0", 0, 0, Ipv4Address.parseBits("192.0.2.1"), 100));
        assertThat(routes.all().get(1)).isEqualTo(
                new Route("eth0", Ipv4Address.parseBits("192.0.2.0"), 24, 0, 100));
    }

    @Test
    void readsBigEndianHexAddresses() {
        String table = """
                Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
                eth0\tC0000200\t00000000\t0001\t0\t0\t0\tFFFFFF00\t0\t0\t0
                """;
        assertThat(Routes.parse(table, ByteOrder.BIG_ENDIAN).all()).containsExactly(
                new Route("eth0", Ipv4Address.parseBits("192.0.2.0"), 24, 0, 0));
    }

    @Test
    void skipsRejectRoutesAndRoutesThatAreNotUp() {
        assertThat(routes.all()).extracting(Route::destination)
                .doesNotContain(Ipv4Address.parseBits("198.255.0.0"), Ipv4Address.parseBits("198.10.0.0"));
    }

    @Test
    void theDefaultRouteWithTheLowestMetricWins() {
        assertThat(routes.defaultRoute().interfaceName()).isEqualTo("eth0");
        assertThat(routes.defaultInterface()).isEqualTo("eth0");
    }

    @Test
    void theLongestMatchingPrefixWins() {
        assertThat(routes.lookup(Ipv4Address.parseBits("198.18.1.7"))).get().extracting(Route::prefixLength).isEqualTo(24);
        assertThat(routes.gatewayFor(Ipv4Address.parseBits("198.18.1.7"))).isEqualTo(Ipv4Address.parseBits("198.18.0.2"));
        assertThat(routes.gatewayFor(Ipv4Address.parseBits("198.18.9.9"))).isZero();
    }

    @Test
    void anOnLinkDestinationHasNoGateway() {
        assertThat(routes.gatewayFor(Ipv4Address.parseBits("192.0.2.77"))).isZero();
        assertThat(routes.lookup(Ipv4Address.parseBits("192.0.2.77"))).get().matches(Route::isOnLink);
    }

    @Test
    void everythingElseGoesToTheDefaultGateway() {
        assertThat(routes.gatewayFor(Ipv4Address.parseBits("203.0.113.5"))).isEqualTo(Ipv4Address.parseBits("192.0.2.1"));
    }

    @Test
    void aRouteThroughAGivenInterfaceIgnoresBetterRoutesElsewhere() {
        assertThat(routes.gatewayFor(Ipv4Address.parseBits("198.18.1.7"), "wlan0")).isEqualTo(Ipv4Address.parseBits("10.0.10.1"));
    }

    @Test
    void withoutADefaultRouteTheUserMustNameTheInterface() {
        Routes onlyLocal = Routes.parse("""
                Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
                eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
                """, ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(onlyLocal::defaultInterface).isInstanceOf(HostException.class)
                .isInstanceOf(UnusableInterfaceException.class).hasMessage("no default route: name the interface to use with -i");
        assertThatThrownBy(() -> onlyLocal.gatewayFor(Ipv4Address.parseBits("203.0.113.5")))
                .isInstanceOf(HostException.class).hasMessage("no route to 203.0.113.5");
    }

    @Test
    void anEmptyTableHasNoRoutes() {
        assertThat(Routes.parse("Iface\tDestination\tGateway\n").all()).isEmpty();
    }

    @Test
    void readsThisMachinesTable() {
        assertThat(Routes.readSystem().all()).isNotNull();
    }
}
