package rawhttpget.ipv4;

import rawhttpget.inet.Ipv4Address;

/**
 * Where our packets go: our address and prefix on the link, and the gateway for everything off-link
 * (0 when there is none).
 */
public record Route(int localAddress, int prefixLength, int gateway) {

    public Route {
        Ipv4Address.mask(prefixLength);
    }

    /** The next hop for {@code destination}: itself when on-link, else the gateway; 0 when unreachable. */
    public int nextHop(int destination) {
        if (Ipv4Address.sameSubnet(destination, localAddress, prefixLength)) {
            return destination;
        }
        return gateway;
    }

    @Override
    public String toString() {
        return Ipv4Address.format(localAddress) + "/" + prefixLength
                + (gateway == 0 ? "" : " via " + Ipv4Address.format(gateway));
    }
}
