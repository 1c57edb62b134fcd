package rawhttpget.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import rawhttpget.inet.Ipv4Address;

/** Samples of {@code ip -j route get} (iproute2 6.1.0) captured in a namespace on the build machine. */
class KernelRouteTest {
    private static int ip(String text) {
        return Ipv4Address.parseBits(text);
    }

    @Test
    void readsTheGatewayTheDeviceAndThePreferredSourceOfARouteThroughAGateway() {
        String json = "[{\"dst\":\"198.18.9.9\",\"gateway\":\"198.18.7.1\",\"dev\":\"lk1\",\"prefsrc\":\"198.18.7.2\","
                + "\"flags\":[],\"uid\":0,\"cache\":[]}]\n";
        assertThat(KernelRoute.parse(json)).hasValue(new KernelRoute("lk1", ip("198.18.7.1"), ip("198.18.7.2")));
    }

    @Test
    void aDestinationOnTheLinkHasNoGateway() {
        String json = "[{\"dst\":\"198.18.8.1\",\"dev\":\"lk2\",\"prefsrc\":\"198.18.8.2\",\"flags\":[],\"uid\":0,"
                + "\"cache\":[]}]\n";
        assertThat(KernelRoute.parse(json)).hasValue(new KernelRoute("lk2", 0, ip("198.18.8.2")));
        assertThat(KernelRoute.parse(json).orElseThrow()).hasToString("dev lk2 src 198.18.8.2");
    }

    @Test
    void aRouteWithoutPreferredSourceHasNone() {
        String json = "[{\"dst\":\"198.18.7.5\",\"from\":\"198.18.7.2\",\"dev\":\"lk1\",\"flags\":[],\"uid\":0,"
                + "\"cache\":[]}]\n";
        assertThat(KernelRoute.parse(json)).hasValue(new KernelRoute("lk1", 0, 0));
    }

    @Test
    void anAddressOfOurOwnIsRoutedThroughLoopback() {
        String json = "[{\"type\":\"local\",\"dst\":\"198.18.7.2\",\"dev\":\"lo\",\"prefsrc\":\"198.18.7.2\","
                + "\"flags\":[],\"uid\":0,\"cache\":[\"local\"]}]\n";
        assertThat(KernelRoute.parse(json)).hasValue(new KernelRoute("lo", 0, ip("198.18.7.2")));
    }

    @Test
    void outputWithoutADeviceIsNotARoute() {
        assertThat(KernelRoute.parse("[]\n")).isEmpty();
        assertThat(KernelRoute.parse("[{\"dst\":\"198.18.7.5\",\"gateway\":\"fe80::1\",\"dev\":\"lk1\"}]")).isEmpty();
    }

    @Test
    void asksIpForTheRouteToTheAddress() {
        FakeCommandRunner runner = new FakeCommandRunner().answer(0, "[{\"dst\":\"198.18.9.9\",\"gateway\":"
                + "\"198.18.7.1\",\"dev\":\"lk1\",\"prefsrc\":\"198.18.7.2\",\"flags\":[],\"uid\":0,\"cache\":[]}]\n", "");
        assertThat(KernelRoute.to(ip("198.18.9.9"), "/usr/sbin/ip", runner))
                .isEqualTo(new KernelRoute("lk1", ip("198.18.7.1"), ip("198.18.7.2")));
        assertThat(runner.ran()).containsExactly(List.of("/usr/sbin/ip", "-j", "route", "get", "198.18.9.9"));
    }

    @Test
    void whenNothingRoutesTheAddressSaysSoInOneLine() {
        FakeCommandRunner runner = new FakeCommandRunner().answer(2, "", "RTNETLINK answers: Network is unreachable\n");
        assertThatThrownBy(() -> KernelRoute.to(ip("198.18.9.9"), "ip", runner))
                .isInstanceOf(UnusableInterfaceException.class)
                .hasMessage("no route to host 198.18.9.9 (network is unreachable)");
    }

    @Test
    void anotherFailureOfIpIsReportedWithTheCommand() {
        FakeCommandRunner runner = new FakeCommandRunner().answer(255, "", "Error: any valid prefix is expected"
                + " rather than \"x\".\n");
        assertThatThrownBy(() -> KernelRoute.to(ip("198.18.9.9"), "ip", runner))
                .isExactlyInstanceOf(HostException.class)
                .hasMessage("cannot ask the kernel for the route to 198.18.9.9: ip -j route get 198.18.9.9: Error: any"
                        + " valid prefix is expected rather than \"x\".");
    }

    /** The main table of RoutesTest's style: a default route via eth0, and 198.18.8.0/24 on eth1. */
    private static final Routes MAIN = Routes.parse("""
            Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
            eth0\t00000000\t010712C6\t0003\t0\t0\t0\t00000000\t0\t0\t0
            eth1\t000812C6\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
            """, java.nio.ByteOrder.LITTLE_ENDIAN);

    @Test
    void withoutIpTheMainTableAnswersByLongestPrefix() {
        FakeCommandRunner runner = new FakeCommandRunner();
        assertThat(KernelRoute.to(ip("198.18.8.1"), MAIN, java.util.Optional.empty(), runner))
                .isEqualTo(new KernelRoute("eth1", 0, 0));
        assertThat(KernelRoute.to(ip("198.18.9.9"), MAIN, java.util.Optional.empty(), runner))
                .isEqualTo(new KernelRoute("eth0", ip("198.18.7.1"), 0));
        assertThat(runner.ran()).isEmpty();
    }

    @Test
    void whenIpFailsForAnotherReasonTheMainTableAnswers() {
        FakeCommandRunner runner = new FakeCommandRunner().answer(1, "", "Object \"route\" is unknown\n");
        assertThat(KernelRoute.to(ip("198.18.8.1"), MAIN, java.util.Optional.of("ip"), runner))
                .isEqualTo(new KernelRoute("eth1", 0, 0));
    }

    @Test
    void theKernelsRefusalIsFinalEvenThoughTheMainTableHasADefaultRoute() {
        FakeCommandRunner runner = new FakeCommandRunner().answer(2, "", "RTNETLINK answers: No route to host\n");
        assertThatThrownBy(() -> KernelRoute.to(ip("198.18.9.9"), MAIN, java.util.Optional.of("ip"), runner))
                .isInstanceOf(UnusableInterfaceException.class)
                .hasMessage("no route to host 198.18.9.9 (no route to host)");
    }

    @Test
    void withoutIpAndWithoutARouteSaysSo() {
        Routes none = Routes.parse("Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\n",
                java.nio.ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> KernelRoute.to(ip("198.18.9.9"), none, java.util.Optional.empty(),
                new FakeCommandRunner())).isInstanceOf(UnusableInterfaceException.class)
                .hasMessage("no route to host 198.18.9.9 (network is unreachable)");
    }
}
