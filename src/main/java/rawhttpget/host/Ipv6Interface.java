package rawhttpget.host;

import rawhttpget.inet.Ipv6Address;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An interface's IPv6 side as the kernel has it: a global address of the interface with its prefix (from
 * {@code /proc/net/if_inet6}; never a link-local one, nor one still tentative or failed in DAD; lo's host-scoped
 * {@code ::1} for a run on lo, never for a server elsewhere), and the router of
 * its default route (from {@code /proc/net/ipv6_route}, usually a link-local address), or null without one. With
 * several global addresses, the one sharing the longest prefix with the destination wins (RFC 6724 rule 8, the
 * last of its rules; the kernel's deprecated and temporary addresses are not told apart here).
 */
public record Ipv6Interface(Ipv6Address address, int prefixLength, Ipv6Address gateway) {
    private static final Path IF_INET6 = Path.of("/proc/net/if_inet6");
    private static final Path IPV6_ROUTE = Path.of("/proc/net/ipv6_route");
    private static final int SCOPE_GLOBAL = 0x00;
    private static final int SCOPE_HOST = 0x10;
    private static final int IFA_F_DADFAILED = 0x08;
    private static final int IFA_F_TENTATIVE = 0x40;
    private static final int RTF_UP = 0x0001;
    private static final int RTF_GATEWAY = 0x0002;
    private static final int RTF_REJECT = 0x0200;

    /** The interface's IPv6 side, or empty when it has no usable global address (or the kernel no IPv6). */
    public static Optional<Ipv6Interface> read(String interfaceName, Ipv6Address destination) {
        try {
            if (!Files.exists(IF_INET6)) {
                return Optional.empty();
            }
            String routes = Files.exists(IPV6_ROUTE) ? Files.readString(IPV6_ROUTE) : "";
            return parse(Files.readString(IF_INET6), routes, interfaceName, destination);
        } catch (IOException e) {
            throw new HostException("cannot read the interface's IPv6 addresses: " + e.getMessage(), e);
        }
    }

    /**
     * The interface of the kernel's best IPv6 route to {@code destination} (the longest prefix, then the lowest
     * metric; lo's and reject routes left out; {@code ::1} is lo's): where a run without -i goes for an IPv6 server.
     */
    public static Optional<String> interfaceFor(Ipv6Address destination) {
        try {
            return Files.exists(IPV6_ROUTE) ? routeInterface(Files.readString(IPV6_ROUTE), destination) : Optional.empty();
        } catch (IOException e) {
            throw new HostException("cannot read the IPv6 routes: " + e.getMessage(), e);
        }
    }

    static Optional<String> routeInterface(String ipv6Route, Ipv6Address destination) {
        if (destination.isLoopback()) {
            return Optional.of("lo");
        }
        String best = null;
        int bestPrefix = -1;
        long bestMetric = Long.MAX_VALUE;
        for (String line : ipv6Route.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 10 || f[9].equals("lo")) {
                continue;
            }
            int prefix = Integer.parseInt(f[1], 16);
            int flags = Integer.parseUnsignedInt(f[8], 16);
            long metric = Long.parseUnsignedLong(f[5], 16);
            if ((flags & RTF_UP) == 0 || (flags & RTF_REJECT) != 0 || !hex(f[0]).sameSubnet(destination, prefix)) {
                continue;
            }
            if (prefix > bestPrefix || prefix == bestPrefix && metric < bestMetric) {
                best = f[9];
                bestPrefix = prefix;
                bestMetric = metric;
            }
        }
        return Optional.ofNullable(best);
    }

    /** From the texts of {@code /proc/net/if_inet6} and {@code /proc/net/ipv6_route}; {@code destination} may be null. */
    static Optional<Ipv6Interface> parse(String ifInet6, String ipv6Route, String interfaceName,
                                         Ipv6Address destination) {
        Ipv6Address best = null;
        int bestPrefix = 0;
        int bestMatch = -1;
        for (String line : ifInet6.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 6 || !f[5].equals(interfaceName)) {
                continue;
            }
            int scope = Integer.parseInt(f[3], 16);
            int flags = Integer.parseUnsignedInt(f[4], 16);
            Ipv6Address address = hex(f[0]);
            // ::1 serves a run on lo (only loopback addresses are reached there), never a server elsewhere.
            boolean loopback = scope == SCOPE_HOST && address.isLoopback()
                    && (destination == null || destination.isLoopback());
            if (scope != SCOPE_GLOBAL && !loopback || (flags & (IFA_F_TENTATIVE | IFA_F_DADFAILED)) != 0) {
                continue;
            }
            int match = destination == null ? 0 : commonPrefix(address, destination);
            if (match > bestMatch) {
                best = address;
                bestPrefix = Integer.parseInt(f[2], 16);
                bestMatch = match;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(new Ipv6Interface(best, bestPrefix, gateway(ipv6Route, interfaceName, destination)));
    }

    /**
     * The router of the interface's best route through a router to {@code destination} (the longest prefix, then
     * the lowest metric), or of its default route when the destination is not known.
     */
    private static Ipv6Address gateway(String ipv6Route, String interfaceName, Ipv6Address destination) {
        Ipv6Address gateway = null;
        int bestPrefix = -1;
        long bestMetric = Long.MAX_VALUE;
        for (String line : ipv6Route.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 10 || !f[9].equals(interfaceName)) {
                continue;
            }
            int prefix = Integer.parseInt(f[1], 16);
            int flags = Integer.parseUnsignedInt(f[8], 16);
            long metric = Long.parseUnsignedLong(f[5], 16);
            boolean matches = prefix == 0 || destination != null && hex(f[0]).sameSubnet(destination, prefix);
            if (!matches || (flags & RTF_UP) == 0 || (flags & RTF_GATEWAY) == 0 || (flags & RTF_REJECT) != 0) {
                continue;
            }
            if (prefix > bestPrefix || prefix == bestPrefix && metric < bestMetric) {
                gateway = hex(f[4]);
                bestPrefix = prefix;
                bestMetric = metric;
            }
        }
        return gateway;
    }

    private static int commonPrefix(Ipv6Address a, Ipv6Address b) {
        long high = a.high() ^ b.high();
        return high != 0 ? Long.numberOfLeadingZeros(high) : 64 + Long.numberOfLeadingZeros(a.low() ^ b.low());
    }

    private static Ipv6Address hex(String text) {
        if (text.length() != 32) {
            throw new HostException("unexpected IPv6 address in /proc: " + text);
        }
        return new Ipv6Address(Long.parseUnsignedLong(text.substring(0, 16), 16),
                Long.parseUnsignedLong(text.substring(16), 16));
    }
}
