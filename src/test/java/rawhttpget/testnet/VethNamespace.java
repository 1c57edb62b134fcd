package rawhttpget.testnet;

import java.util.ArrayList;
import java.util.List;
import rawhttpget.host.CommandResult;
import rawhttpget.host.ProcessCommandRunner;
import rawhttpget.host.Route;
import rawhttpget.host.Routes;

/**
 * A veth pair between the root namespace and a namespace of our own, on a 198.19.X.0/24 subnet no route
 * of this machine uses yet. The root end stays here because a JVM cannot easily enter a namespace; the
 * other end is a real host inside the namespace. Offloads are off on both ends so frames look like a
 * NIC's. Every name carries our PID, so parallel runs do not collide; {@link #close()} removes it all.
 */
public final class VethNamespace implements AutoCloseable {
    public final String namespace;
    public final String rootEnd;
    public final String namespaceEnd;
    /** Addresses as ints in network order. */
    public final int rootAddress;
    public final int namespaceAddress;

    private final ProcessCommandRunner host = ProcessCommandRunner.onHost();
    private final List<List<String>> undo = new ArrayList<>();

    private VethNamespace(String tag, int subnet) {
        this.namespace = "rawhttpget-" + tag;
        this.rootEnd = "rh" + tag + "h";
        this.namespaceEnd = "rh" + tag + "n";
        this.rootAddress = subnet | 1;
        this.namespaceAddress = subnet | 2;
    }

    /** @param suffix a letter that tells apart the networks of one test run */
    public static VethNamespace create(char suffix) {
        long pid = ProcessHandle.current().pid();
        String tag = Long.toString(pid % 10_000_000L, 36) + suffix;
        VethNamespace net = new VethNamespace(tag, freeSubnet(pid + suffix));
        try {
            net.setUp();
        } catch (RuntimeException | Error e) {
            net.close();
            throw e;
        }
        return net;
    }

    private static int freeSubnet(long pid) {
        List<Route> routes = Routes.readSystem().all();
        for (int i = 0; i < 150; i++) {
            int subnet = 198 << 24 | 19 << 16 | (int) (100 + (pid + i) % 150) << 8;
            boolean taken = routes.stream().anyMatch(r -> !r.isDefault() && (r.prefixLength() <= 24
                    ? r.matches(subnet)
                    : (r.destination() & 0xFFFFFF00) == subnet));
            if (!taken) {
                return subnet;
            }
        }
        throw new IllegalStateException("no free 198.19.X.0/24 subnet");
    }

    private void setUp() {
        must("ip", "netns", "add", namespace);
        undo.add(List.of("ip", "netns", "del", namespace));
        must("ip", "link", "add", rootEnd, "type", "veth", "peer", "name", namespaceEnd);
        undo.add(0, List.of("ip", "link", "del", rootEnd));
        must("ip", "link", "set", namespaceEnd, "netns", namespace);
        must("ip", "addr", "add", text(rootAddress) + "/24", "dev", rootEnd);
        must("ip", "-n", namespace, "addr", "add", text(namespaceAddress) + "/24", "dev", namespaceEnd);
        must("ip", "link", "set", rootEnd, "up");
        must("ip", "-n", namespace, "link", "set", namespaceEnd, "up");
        must("ip", "-n", namespace, "link", "set", "lo", "up");
        offloads(rootEnd, false, List.of());
        offloads(namespaceEnd, false, List.of("ip", "netns", "exec", namespace));
    }

    /** Turns GRO, TSO, GSO and checksum offloads on or off on one end. */
    public void offloads(String device, boolean on, List<String> prefix) {
        List<String> argv = new ArrayList<>(prefix);
        String state = on ? "on" : "off";
        argv.addAll(List.of("ethtool", "-K", device, "tso", state, "gso", state, "gro", state, "tx", state,
                "rx", state));
        mustRun(argv);
    }

    /** Runs a command on the host (root namespace) and returns its result, whatever it is. */
    public CommandResult run(String... argv) {
        return host.run(List.of(argv));
    }

    /** Runs a command inside the namespace. */
    public CommandResult runInside(String... argv) {
        return ProcessCommandRunner.inNamespace(namespace).run(List.of(argv));
    }

    public void must(String... argv) {
        mustRun(List.of(argv));
    }

    private void mustRun(List<String> argv) {
        CommandResult result = host.run(argv);
        if (!result.succeeded()) {
            throw new IllegalStateException(String.join(" ", argv) + ": " + result.complaint());
        }
    }

    /** The namespace end's MAC, as the kernel inside the namespace reports it. */
    public String namespaceMac() {
        return runInside("cat", "/sys/class/net/" + namespaceEnd + "/address").stdout().strip();
    }

    public static String text(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
    }

    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Override
    public void close() {
        for (List<String> command : undo) {
            host.run(command); // best effort: each step runs even if an earlier one failed
        }
        undo.clear();
    }
}
