package rawhttpget.host;

import org.junit.jupiter.api.Test;
import rawhttpget.inet.Ipv6Address;

import static org.assertj.core.api.Assertions.assertThat;

/** The interface's IPv6 address and router, read from the kernel's /proc texts (lines as Linux 6.x writes them). */
class Ipv6InterfaceTest {
    private static final String IF_INET6 = """
            fe800000000000000000000000000001 03 40 20 80     veth0
            20010002000000000000000000000001 03 40 00 80     veth0
            20010003000000000000000000000001 03 40 00 80     veth0
            20010004000000000000000000000009 03 40 00 c0     veth0
            20010002000000000000000000000077 04 40 00 80     eth1
            00000000000000000000000000000001 01 80 10 80       lo
            """;
    private static final String IPV6_ROUTE = """
            20010002000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001    veth0
            00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe8000000000000000000000000000fe 00000400 00000001 00000000 00000003    veth0
            ff000000000000000000000000000000 08 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000004 00000000 80200001    veth0
            20010009000000000000000000000000 40 00000000000000000000000000000000 00 20010002000000000000000000000099 00000400 00000001 00000000 00000003    veth0
            00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003     eth1
            00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo
            """;

    @Test
    void aGlobalAddressAndTheDefaultRouterOfTheInterface() {
        Ipv6Interface v6 = Ipv6Interface.parse(IF_INET6, IPV6_ROUTE, "veth0", null).orElseThrow();
        assertThat(v6.address()).as("the first global one, not the link-local").isEqualTo(Ipv6Address.parse("2001:2::1"));
        assertThat(v6.prefixLength()).isEqualTo(64);
        assertThat(v6.gateway()).isEqualTo(Ipv6Address.parse("fe80::fe"));
    }

    @Test
    void theInterfaceOfTheBestRouteCarriesARunWithoutMinusI() {
        assertThat(Ipv6Interface.routeInterface(IPV6_ROUTE, Ipv6Address.parse("2001:2::5"))).contains("veth0");
        assertThat(Ipv6Interface.routeInterface(IPV6_ROUTE, Ipv6Address.parse("2001:9::5"))).contains("veth0");
        assertThat(Ipv6Interface.routeInterface(IPV6_ROUTE + """
                20010007000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth1
                """, Ipv6Address.parse("2001:7::5"))).contains("eth1");
        assertThat(Ipv6Interface.routeInterface("", Ipv6Address.parse("2001:7::5"))).isEmpty();
    }

    @Test
    void loopbackIsLosAloneAndItsHostScopedAddressServesOnlyIt() {
        assertThat(Ipv6Interface.routeInterface(IPV6_ROUTE, Ipv6Address.parse("::1"))).contains("lo");
        Ipv6Interface v6 = Ipv6Interface.parse(IF_INET6, IPV6_ROUTE, "lo", Ipv6Address.parse("::1")).orElseThrow();
        assertThat(v6.address()).isEqualTo(Ipv6Address.parse("::1"));
        assertThat(v6.prefixLength()).isEqualTo(128);
        assertThat(v6.gateway()).as("lo's reject route is no router").isNull();
        assertThat(Ipv6Interface.parse(IF_INET6, IPV6_ROUTE, "lo", Ipv6Address.parse("2001:2::5")))
                .as("::1 is no source for another host").isEmpty();
        assertThat(Ipv6Interface.parse(IF_INET6, IPV6_ROUTE, "lo", null).map(Ipv6Interface::address))
                .as("a name's addresses on lo are all loopback ones").contains(Ipv6Address.parse("::1"));
    }

    @Test
    void aRouteToTheDestinationThroughARouterBeatsTheDefaultRoute() {
        Ipv6Interface v6 = Ipv6Interface.parse(IF_INET6, IPV6_ROUTE, "veth0", Ipv6Address.parse("2001:9::5"))
                .orElseThrow();
        assertThat(v6.gateway()).isEqualTo(Ipv6Address.parse("2001:2::99"));
    }

    @Test
    void theAddressSharingTheLongestPrefixWithTheDestinationWins() {
        Ipv6Interface v6 = Ipv6Interface.parse(IF_INET6, IPV6_ROUTE, "veth0", Ipv6Address.parse("2001:3::5"))
                .orElseThrow();
        assertThat(v6.address()).isEqualTo(Ipv6Address.parse("2001:3::1"));
    }

    @Test
    void aTentativeAddressIsNotUsedAndNoGlobalAddressMeansNoIpv6() {
        Ipv6Interface v6 = Ipv6Interface.parse(IF_INET6, IPV6_ROUTE, "veth0", Ipv6Address.parse("2001:4::1"))
                .orElseThrow();
        assertThat(v6.address()).as("2001:4::9 is tentative").isNotEqualTo(Ipv6Address.parse("2001:4::9"));
        assertThat(Ipv6Interface.parse(IF_INET6, IPV6_ROUTE, "lo", null).map(Ipv6Interface::address))
                .as("a name's addresses on lo are all loopback ones").contains(Ipv6Address.parse("::1"));
        assertThat(Ipv6Interface.parse(IF_INET6, "", "veth0", null).orElseThrow().gateway()).isNull();
    }
}
