package rawhttpget.ipv6;

import rawhttpget.inet.Ipv6Address;

/**
 * Where our IPv6 packets go: our address and prefix on the link, and the router for everything off-link (null
 * when there is none; a router's address is usually its link-local one, as the kernel's table names it).
 */
public record Ipv6Route(Ipv6Address localAddress, int prefixLength, Ipv6Address gateway) {

    public Ipv6Route {
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
        }
    }

    /** The next hop for {@code destination}: itself when on-link (or link-local), else the router; null when none. */
    public Ipv6Address nextHop(Ipv6Address destination) {
        if (destination.isLinkLocal() || destination.sameSubnet(localAddress, prefixLength)) {
            return destination;
        }
        return gateway;
    }

    @Override
    public String toString() {
        return localAddress + "/" + prefixLength + (gateway == null ? "" : " via " + gateway);
    }
}
