package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.http.HttpUrl;
import rawhttpget.inet.IpAddress;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.progress.StatusLines;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The addresses a URL's host names, in the order to try them: a literal is its own address; a name is resolved
 * to its A and AAAA records, keeping those of the family {@code -4} or {@code -6} allows, the families alternating
 * IPv6 first (RFC 8305 §4), each in the resolver's order.
 * With none left the run ends as wget's does: "unable to resolve host address", exit 4.
 */
final class HostAddresses {
    private HostAddresses() {
    }

    static List<IpAddress> of(HttpUrl url, AddressFamily family, StatusLines status) throws DownloadException {
        String host = url.host();
        if (url.isIpLiteral()) {
            IpAddress literal = IpAddress.parse(host); // a literal needs no resolver, and gets none
            if (!family.allows(literal)) {
                throw new DownloadException(ExitCode.NETWORK, "unable to resolve host address '" + host
                        + "' (Address family for hostname not supported)");
            }
            return List.of(literal);
        }
        InetAddress[] resolved;
        try {
            resolved = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            status.resolveFailed(host, e.getMessage());
            throw new DownloadException(ExitCode.NETWORK, "unable to resolve host address '" + host + "'");
        }
        List<IpAddress> addresses = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (InetAddress a : resolved) {
            IpAddress address = a instanceof Inet6Address v6 ? Ipv6Address.read(v6.getAddress(), 0)
                    : new Ipv4Address(Ipv4Address.readBits(a.getAddress(), 0));
            if (family.allows(address) && !addresses.contains(address)) {
                addresses.add(address);
                all.append(all.length() == 0 ? "" : ", ").append(address);
            }
        }
        if (addresses.isEmpty()) {
            // What getaddrinfo says when the name has no address of the family asked for, as wget prints it.
            status.resolveFailed(host, null);
            throw new DownloadException(ExitCode.NETWORK, "unable to resolve host address '" + host + "'");
        }
        status.resolved(host, all.toString());
        return family == AddressFamily.ANY ? interleaved(addresses) : addresses;
    }

    /**
     * RFC 8305 §4: the families alternate, IPv6 first, each in the resolver's order, so that a dual-stack name's
     * first two addresses can race and a broken family costs one attempt, not all of its addresses.
     */
    static List<IpAddress> interleaved(List<IpAddress> addresses) {
        List<IpAddress> v6 = addresses.stream().filter(IpAddress::isIpv6).toList();
        List<IpAddress> v4 = addresses.stream().filter(a -> !a.isIpv6()).toList();
        List<IpAddress> out = new ArrayList<>();
        for (int i = 0; i < Math.max(v6.size(), v4.size()); i++) {
            if (i < v6.size()) {
                out.add(v6.get(i));
            }
            if (i < v4.size()) {
                out.add(v4.get(i));
            }
        }
        return out;
    }

    /** The addresses the stack has a route to, or all of them when it has none (their failure then says why). */
    static List<IpAddress> routable(List<IpAddress> addresses, Predicate<IpAddress> routed) {
        List<IpAddress> kept = addresses.stream().filter(routed).toList();
        return kept.isEmpty() ? addresses : kept;
    }

    /** The address that races {@code addresses[i]} (RFC 8305): the next one when it is of the other family. */
    static IpAddress racer(List<IpAddress> addresses, int i) {
        return i + 1 < addresses.size() && addresses.get(i + 1).isIpv6() != addresses.get(i).isIpv6()
                ? addresses.get(i + 1) : null;
    }

    /** How wget's "Connecting to" line and our log name the address: an IPv6 one in brackets before a port. */
    static String withPort(IpAddress address, int port) {
        return (address.isIpv6() ? "[" + address + "]" : address.toString()) + ":" + port;
    }
}
