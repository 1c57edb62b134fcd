package rawhttpget.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Where an Ethernet interface's frames come from, as far as checksums care: a kernel on this machine only, or
 * possibly a wire. Read from sysfs and the driver's name at start.
 *
 * <p>Local: {@code lo}; a veth (its peer is another namespace's kernel, or a bridge of local ports); a bridge
 * whose ports are all local; a macvlan whose lower device is local (Docker's macvlan networks on a bridge). A
 * bridge with a NIC among its ports, a macvlan on a NIC, and every other driver may carry frames from a wire.
 */
public enum InterfaceKind {
    /** Linux's loopback (ARPHRD_LOOPBACK): zero MACs, no ARP, every frame local. */
    LOOPBACK,
    /** Ethernet whose every frame was built by a kernel on this machine. */
    LOCAL,
    /** Ethernet that may carry frames from a wire: a NIC, or anything we cannot vouch for. */
    WIRE,
    /** An L3 link (ARPHRD_NONE: tun, WireGuard; ARPHRD_RAWIP): bare IP packets, no Ethernet, no ARP. */
    L3;

    static final int ARPHRD_LOOPBACK = 772;
    static final int ARPHRD_NONE = 65534;
    static final int ARPHRD_RAWIP = 519;
    /** Bridges of macvlans of bridges...: deeper than any real set-up, and a cycle cannot loop forever. */
    private static final int MAX_DEPTH = 8;

    /** The kind of {@code name}, read from /sys/class/net and its driver's name. */
    public static InterfaceKind of(String name) {
        return classify(InterfaceInfo.SYS_CLASS_NET, name, DriverName::of);
    }

    /**
     * Whether {@code name} is a macvlan, which hands up only frames for its own MAC and broadcasts, promiscuous or
     * not (frames for other MACs go to its lower device).
     */
    public static boolean deliversOnlyItsOwnMac(String name) {
        return DriverName.of(name).filter("macvlan"::equals).isPresent();
    }

    static InterfaceKind classify(Path sysClassNet, String name, Function<String, Optional<String>> driverOf) {
        return classify(sysClassNet, name, driverOf, 0);
    }

    private static InterfaceKind classify(Path sysClassNet, String name, Function<String, Optional<String>> driverOf,
                                          int depth) {
        Path dir = sysClassNet.resolve(name);
        if (depth > MAX_DEPTH || !Files.isDirectory(dir)) {
            return WIRE;
        }
        String type = read(dir.resolve("type"));
        if (type.equals(String.valueOf(ARPHRD_LOOPBACK))) {
            return LOOPBACK;
        }
        if (type.equals(String.valueOf(ARPHRD_NONE)) || type.equals(String.valueOf(ARPHRD_RAWIP))) {
            return L3;
        }
        String driver = driverOf.apply(name).orElse("");
        List<String> below = switch (driver) {
            case "veth" -> List.of();
            case "bridge" -> entries(dir.resolve("brif"), "");
            // A macvlan whose lower device lives in another namespace (a container's, on the host's NIC) shows none.
            case "macvlan" -> entries(dir, "lower_");
            default -> null;
        };
        if (below == null || driver.equals("macvlan") && below.isEmpty()) {
            return WIRE;
        }
        for (String lower : below) {
            if (classify(sysClassNet, lower, driverOf, depth + 1) == WIRE) {
                return WIRE;
            }
        }
        return LOCAL;
    }

    /** The names in {@code dir} that start with {@code prefix}, the prefix taken off; none where it is absent. */
    private static List<String> entries(Path dir, String prefix) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix))
                    .forEach(n -> names.add(n.substring(prefix.length())));
        } catch (IOException e) {
            return List.of();
        }
        return names;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
