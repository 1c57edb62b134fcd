package rawhttpget.host;

import rawhttpget.inet.Ipv4Address;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's IPv4 routes, read from {@code /proc/net/route} (the main table only: policy routing rules
 * are not consulted). Used to choose the interface when none is given, and the next hop of a destination.
 */
public final class Routes {
    private static final Path PROC_NET_ROUTE = Path.of("/proc/net/route");

    // Route flags from linux/route.h.
    private static final int RTF_UP = 0x0001;
    private static final int RTF_REJECT = 0x0200;

    private static final Comparator<Route> BEST_FIRST = Comparator
            .comparingInt((Route r) -> -r.prefixLength())
            .thenComparingInt(Route::metric);

    private final List<Route> routes;

    private Routes(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static Routes readSystem() {
        try {
            return parse(Files.readString(PROC_NET_ROUTE));
        } catch (IOException e) {
            throw new HostException("cannot read the routing table from " + PROC_NET_ROUTE + ": " + e.getMessage(), e);
        }
    }

    /** Parses the text of {@code /proc/net/route} as written by this machine's kernel. */
    public static Routes parse(String procNetRoute) {
        return parse(procNetRoute, ByteOrder.nativeOrder());
    }

    /**
     * The kernel prints each address as the hex of its 32-bit word in memory, so on a little-endian machine
     * 198.18.0.1 appears as {@code 010012C6}.
     */
    static Routes parse(String procNetRoute, ByteOrder kernelByteOrder) {
        List<Route> routes = new ArrayList<>();
        String[] lines = procNetRoute.split("\n");
        for (int i = 1; i < lines.length; i++) { // line 0 is the column header
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length < 8) {
                throw new HostException("unexpected line in /proc/net/route: " + line);
            }
            int flags = Integer.parseInt(f[3], 16);
            if ((flags & RTF_UP) == 0 || (flags & RTF_REJECT) != 0) {
                continue;
            }
            int destination = address(f[1], kernelByteOrder);
            int gateway = address(f[2], kernelByteOrder);
            int mask = address(f[7], kernelByteOrder);
            int prefixLength = Integer.bitCount(mask);
            if (mask != Ipv4Address.mask(prefixLength)) {
                throw new HostException("non-contiguous netmask in /proc/net/route: " + line);
            }
            routes.add(new Route(f[0], destination, prefixLength, gateway, Integer.parseInt(f[6])));
        }
        return new Routes(routes);
    }

    private static int address(String hex, ByteOrder kernelByteOrder) {
        int word = Integer.parseUnsignedInt(hex, 16);
        return kernelByteOrder == ByteOrder.LITTLE_ENDIAN ? Integer.reverseBytes(word) : word;
    }

    public List<Route> all() {
        return routes;
    }

    /** The kernel's choice: the longest matching prefix, then the lowest metric. */
    public Optional<Route> lookup(int destination) {
        return routes.stream().filter(r -> r.matches(destination)).min(BEST_FIRST);
    }

    /** The best route to the destination that leaves through the given interface. */
    public Optional<Route> lookup(int destination, String interfaceName) {
        return routes.stream()
                .filter(r -> r.interfaceName().equals(interfaceName) && r.matches(destination))
                .min(BEST_FIRST);
    }

    public Route defaultRoute() {
        return routes.stream().filter(Route::isDefault).min(BEST_FIRST)
                .orElseThrow(() -> new UnusableInterfaceException("no default route: name the interface to use with -i"));
    }

    /** The interface of the default route: the one to use when the user names none. */
    public String defaultInterface() {
        return defaultRoute().interfaceName();
    }

    /** The next hop for the destination by the best route: a gateway, or 0 when it is on a link. */
    public int gatewayFor(int destination) {
        return lookup(destination)
                .orElseThrow(() -> new HostException("no route to " + Ipv4Address.format(destination)))
                .gateway();
    }

    /**
     * Where to send frames for the destination when leaving through the interface: the gateway, or 0 when
     * the destination is on the link and is itself the next hop.
     */
    public int gatewayFor(int destination, String interfaceName) {
        return lookup(destination, interfaceName)
                .orElseThrow(() -> new HostException("no route to " + Ipv4Address.format(destination)
                        + " through " + interfaceName))
                .gateway();
    }
}
