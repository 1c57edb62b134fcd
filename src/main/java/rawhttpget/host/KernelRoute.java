package rawhttpget.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.inet.Ipv4Address;

/**
 * The route the kernel itself would take to one destination, as {@code ip -j route get ADDR} reports it: the
 * output interface, the gateway (0 when the destination is on the link) and the preferred source address (0 when
 * the kernel names none). Asking the kernel, rather than reading the main table, gets policy routing, more
 * specific routes on other interfaces and the source address right, as curl and wget get them through connect().
 * Where {@code ip} is not installed, the main table ({@link Routes}) answers by longest prefix.
 */
public record KernelRoute(String interfaceName, int gateway, int preferredSource) {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.host");
    private static final Pattern DEV = field("dev");
    private static final Pattern GATEWAY = field("gateway");
    private static final Pattern PREFSRC = field("prefsrc");
    private static final String REFUSAL = "RTNETLINK answers: ";

    private static Pattern field(String name) {
        return Pattern.compile("\"" + name + "\":\"([^\"\\\\]*)\"");
    }

    /** The kernel's route to the destination; throws {@link UnusableInterfaceException} when nothing routes it. */
    public static KernelRoute to(int destination, Routes mainTable) {
        return to(destination, mainTable, Executables.find("ip").map(Path::toString), ProcessCommandRunner.onHost());
    }

    /**
     * Asks {@code ip} where it is installed; where it is not, or fails for another reason than the kernel's
     * refusal, the main table answers (a warning says why), as before the kernel was asked.
     */
    static KernelRoute to(int destination, Routes mainTable, Optional<String> ip, CommandRunner runner) {
        if (ip.isPresent()) {
            try {
                return to(destination, ip.get(), runner);
            } catch (UnusableInterfaceException e) {
                throw e;
            } catch (HostException e) {
                log.warn("{}; choosing by the main routing table", e.getMessage());
            }
        }
        return mainTable.lookup(destination).map(r -> new KernelRoute(r.interfaceName(), r.gateway(), 0))
                .orElseThrow(() -> noRoute(destination, "network is unreachable"));
    }

    static KernelRoute to(int destination, String ip, CommandRunner runner) {
        List<String> command = command(ip, destination);
        CommandResult result = runner.run(command);
        if (!result.succeeded()) {
            String complaint = result.complaint();
            if (complaint.startsWith(REFUSAL)) {
                // "RTNETLINK answers: Network is unreachable": the kernel's connect() would fail with ENETUNREACH.
                throw noRoute(destination, complaint.substring(REFUSAL.length()).toLowerCase(Locale.ROOT));
            }
            throw new HostException("cannot ask the kernel for the route to " + Ipv4Address.format(destination) + ": "
                    + String.join(" ", command) + ": " + complaint);
        }
        return parse(result.stdout()).orElseThrow(() -> new HostException("unexpected output of "
                + String.join(" ", command) + ": " + result.stdout().strip()));
    }

    static List<String> command(String ip, int destination) {
        return List.of(ip, "-j", "route", "get", Ipv4Address.format(destination));
    }

    /**
     * The fields we need of iproute2's JSON, e.g. {@code [{"dst":"198.18.9.9","gateway":"198.18.7.1","dev":"lk1",
     * "prefsrc":"198.18.7.2","flags":[],"uid":0,"cache":[]}]}; empty when it names no device.
     */
    static Optional<KernelRoute> parse(String json) {
        Optional<String> dev = find(DEV, json);
        if (dev.isEmpty() || dev.get().isEmpty()) {
            return Optional.empty();
        }
        try {
            int gateway = find(GATEWAY, json).map(Ipv4Address::parseBits).orElse(0);
            int source = find(PREFSRC, json).map(Ipv4Address::parseBits).orElse(0);
            return Optional.of(new KernelRoute(dev.get(), gateway, source));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // an IPv6 gateway ("via"), or anything else we would not know how to use
        }
    }

    private static Optional<String> find(Pattern pattern, String json) {
        Matcher m = pattern.matcher(json);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static UnusableInterfaceException noRoute(int destination, String why) {
        return new UnusableInterfaceException("no route to host " + Ipv4Address.format(destination) + " (" + why + ")");
    }

    @Override
    public String toString() {
        return (gateway == 0 ? "" : "via " + Ipv4Address.format(gateway) + " ") + "dev " + interfaceName
                + (preferredSource == 0 ? "" : " src " + Ipv4Address.format(preferredSource));
    }
}
