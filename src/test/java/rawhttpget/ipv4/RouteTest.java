package rawhttpget.ipv4;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rawhttpget.inet.Ipv4Address.parseBits;

class RouteTest {
    private final Route route = new Route(parseBits("198.18.0.1"), 24, parseBits("198.18.0.254"));

    @Test
    void sendsOnLinkDestinationsStraightToThem() {
        assertThat(route.nextHop(parseBits("198.18.0.77"))).isEqualTo(parseBits("198.18.0.77"));
        assertThat(route.nextHop(parseBits("198.18.0.0"))).isEqualTo(parseBits("198.18.0.0"));
        assertThat(route.nextHop(parseBits("198.18.0.255"))).isEqualTo(parseBits("198.18.0.255"));
        assertThat(route.nextHop(parseBits("198.18.0.254"))).isEqualTo(parseBits("198.18.0.254"));
    }

    @Test
    void sendsEverythingElseToTheGateway() {
        assertThat(route.nextHop(parseBits("198.19.0.1"))).isEqualTo(parseBits("198.18.0.254"));
        assertThat(route.nextHop(parseBits("198.18.1.0"))).isEqualTo(parseBits("198.18.0.254"));
        assertThat(route.nextHop(parseBits("198.17.255.255"))).isEqualTo(parseBits("198.18.0.254"));
        assertThat(route.nextHop(parseBits("255.255.255.255"))).isEqualTo(parseBits("198.18.0.254"));
    }

    @Test
    void withoutAGatewayOffLinkDestinationsAreUnreachable() {
        Route noGateway = new Route(parseBits("198.18.0.1"), 24, 0);

        assertThat(noGateway.nextHop(parseBits("198.19.0.1"))).isZero();
        assertThat(noGateway.nextHop(parseBits("198.18.0.9"))).isEqualTo(parseBits("198.18.0.9"));
    }

    @Test
    void theLinkReachesExactlyAsFarAsThePrefix() {
        Route wide = new Route(parseBits("198.18.0.1"), 15, parseBits("198.18.0.254"));
        assertThat(wide.nextHop(parseBits("198.19.255.255"))).isEqualTo(parseBits("198.19.255.255"));
        assertThat(wide.nextHop(parseBits("198.20.0.0"))).isEqualTo(parseBits("198.18.0.254"));

        Route host = new Route(parseBits("198.18.0.1"), 32, parseBits("198.18.0.254"));
        assertThat(host.nextHop(parseBits("198.18.0.1"))).isEqualTo(parseBits("198.18.0.1"));
        assertThat(host.nextHop(parseBits("198.18.0.2"))).isEqualTo(parseBits("198.18.0.254"));

        Route everything = new Route(parseBits("198.18.0.1"), 0, 0);
        assertThat(everything.nextHop(parseBits("8.8.8.8"))).isEqualTo(parseBits("8.8.8.8"));
    }

    @Test
    void refusesAPrefixLengthOutside0To32() {
        assertThatThrownBy(() -> new Route(1, 33, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Route(1, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printsLikeTheIpCommand() {
        assertThat(route).hasToString("198.18.0.1/24 via 198.18.0.254");
        assertThat(new Route(parseBits("198.18.0.1"), 24, 0)).hasToString("198.18.0.1/24");
    }
}
