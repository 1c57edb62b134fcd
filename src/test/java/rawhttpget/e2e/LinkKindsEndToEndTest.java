package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The links people have besides a NIC: lo (a server bound to 127.0.0.1), a veth that keeps the kernel's
 * default offloads at the server's end as a container's does (partial checksums, TSO segments past the MTU), the
 * client behind a Linux bridge, and a macvlan on that bridge (Docker's macvlan networks). Each download is
 * compared with the file by sha256, in host-address and own-address mode. Needs root; {@code make test-e2e}.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinkKindsEndToEndTest {
    private static final Duration SHORT = Duration.ofSeconds(20);
    private static final long FILE_SIZE = 4L << 20;
    private static final String FILE = "4M.bin";
    private static final String SERVER_IP = "198.18.5.1";
    private static final String CLIENT_IP = "198.18.5.2";
    private static final String CLIENT_MACVLAN_IP = "198.18.5.3";
    private static final String OWN_IP = "198.18.5.50/24";
    private static final Pattern PARTIAL = Pattern.compile(
            "(\\d+) segments from local peers accepted with a partial checksum");

    @RegisterExtension
    static final NetworkFixture<TestNetwork> fixture =
            NetworkFixture.testNetwork("kind", docroot -> TestFiles.random(docroot.resolve(FILE), FILE_SIZE, 11));

    private String fileSha256;

    @BeforeAll
    void hashTheFile() throws Exception {
        fileSha256 = Sha256.of(fixture.docroot().resolve(FILE));
    }

    @AfterEach
    void removeTheLinks() throws Exception {
        for (String dev : List.of(macvlan(), bridge(), clientEnd())) {
            Command.run(List.of("ip", "-n", fixture.net().clientNamespace(), "link", "del", dev), Path.of("/"), SHORT);
        }
    }

    /** A server bound to 127.0.0.1 in the client's namespace: by address and by name, through lo without -i. */
    @Test
    void downloadsFromAServerOnLoopback() throws Exception {
        Process server = new ProcessBuilder("ip", "netns", "exec", fixture.net().clientNamespace(), "python3", "-m",
                "http.server", "--bind", "127.0.0.1", "8000", "--directory", fixture.docroot().toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(fixture.work().resolve("http.log").toFile())
                .redirectErrorStream(true).start();
        try {
            awaitListening("127.0.0.1:8000");
            for (String url : List.of("http://127.0.0.1:8000/" + FILE, "http://localhost:8000/" + FILE)) {
                CommandResult run = fixture.net().execInClient(fixture.work(), Rawhttpget.TIMEOUT,
                        Rawhttpget.command("-v", "--log", "tcp=debug", "--stats", "-O", "lo.bin", url));

                assertThat(run.exitCode()).as(run.describe()).isZero();
                assertThat(run.stderr()).contains("interface lo: 127.0.0.1 mac 00:00:00:00:00:00 mtu 65536")
                        .contains("loopback (no ARP) link").contains("options [mss 65495,");
                assertThat(partialChecksums(run)).as(run.describe()).isPositive();
                assertThat(Sha256.of(fixture.work().resolve("lo.bin"))).isEqualTo(fileSha256);
            }
            assertThat(inClient(List.of("sysctl", "-n", "net.ipv4.conf.lo.route_localnet",
                    "net.ipv4.conf.lo.accept_local"))).as("put back after the run").isEqualTo("0\n0\n");
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /**
     * A server bound to ::1 in the client's namespace, found without -i: lo carries IPv6 too, from ::1 (the kernel
     * delivers an injected ::1 packet on lo as its own, with no sysctl to change).
     */
    @Test
    void downloadsFromAnIpv6ServerOnLoopback() throws Exception {
        // The test networks start with IPv6 off; a host has ::1 on lo.
        inClient(List.of("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=0", "net.ipv6.conf.lo.disable_ipv6=0"));
        Path hosts = Path.of("/etc/netns", fixture.net().clientNamespace(), "hosts");
        String hostsBefore = Files.readString(hosts);
        Process server = new ProcessBuilder("ip", "netns", "exec", fixture.net().clientNamespace(), "python3", "-m",
                "http.server", "--bind", "::1", "8001", "--directory", fixture.docroot().toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(fixture.work().resolve("http6.log").toFile())
                .redirectErrorStream(true).start();
        try {
            awaitListening("[::1]:8001");
            CommandResult run = fixture.net().execInClient(fixture.work(), Rawhttpget.TIMEOUT,
                    Rawhttpget.command("-v", "--log", "tcp=debug", "-O", "lo6.bin", "http://[::1]:8001/" + FILE));

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.stderr()).contains("interface lo: IPv6 ::1/128").contains("loopback (no ARP) link")
                    .contains("options [mss 65476,");
            assertThat(Sha256.of(fixture.work().resolve("lo6.bin"))).isEqualTo(fileSha256);

            // A name with both loopback addresses, as 'localhost' has on most hosts, served on ::1 alone.
            Files.writeString(hosts, hostsBefore + "127.0.0.1 both.lo.test\n::1 both.lo.test\n");
            CommandResult named = fixture.net().execInClient(fixture.work(), Rawhttpget.TIMEOUT,
                    Rawhttpget.command("-O", "lo6-named.bin", "http://both.lo.test:8001/" + FILE));
            assertThat(named.exitCode()).as(named.describe()).isZero();
            assertThat(named.stderr()).contains("Connecting to both.lo.test (both.lo.test)|::1|:8001... connected.");
            assertThat(Sha256.of(fixture.work().resolve("lo6-named.bin"))).isEqualTo(fileSha256);
        } finally {
            Files.writeString(hosts, hostsBefore);
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void ownAddressModeOnLoopbackIsRefusedInOneLine() throws Exception {
        CommandResult run = fixture.net().execInClient(fixture.work(), Rawhttpget.TIMEOUT,
                Rawhttpget.command("--ip", "127.0.0.50/8", "http://127.0.0.1:8000/" + FILE));

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("rawhttpget: --ip cannot be used on lo: the kernel owns every loopback"
                + " address itself; leave out --ip\n");
    }

    /** The server's end keeps tx checksum, TSO and GSO on, as a container's veth does. */
    @Test
    void aVethWithTheKernelsOffloadsDownloadsInBothModes() throws Exception {
        vethToServer(clientEnd(), CLIENT_IP);
        for (List<String> mode : modes()) {
            assertDownloads(clientEnd(), mode, true);
        }
    }

    /** The client's interface is a bridge whose port is the veth to the server. */
    @Test
    void aClientBehindABridgeDownloadsInBothModes() throws Exception {
        vethToServer(clientEnd(), null);
        bridgeOver(clientEnd(), CLIENT_IP);
        for (List<String> mode : modes()) {
            assertDownloads(bridge(), mode, true);
        }
    }

    /** A macvlan in bridge mode on that bridge, as Docker's macvlan networks make. */
    @Test
    void aMacvlanOnABridgeDownloadsInBothModes() throws Exception {
        vethToServer(clientEnd(), null);
        bridgeOver(clientEnd(), null);
        String cli = fixture.net().clientNamespace();
        Command.check(List.of("ip", "-n", cli, "link", "add", macvlan(), "link", bridge(), "type", "macvlan", "mode",
                "bridge"), SHORT);
        Command.check(List.of("ip", "-n", cli, "addr", "add", CLIENT_MACVLAN_IP + "/24", "dev", macvlan()), SHORT);
        Command.check(List.of("ip", "-n", cli, "link", "set", macvlan(), "up"), SHORT);
        for (List<String> mode : modes()) {
            assertDownloads(macvlan(), mode, true);
        }
        String macvlanMac = inClient(List.of("cat", "/sys/class/net/" + macvlan() + "/address")).strip();
        CommandResult own = fixture.net().execInClient(fixture.work(), Rawhttpget.TIMEOUT, Rawhttpget.command("-v",
                "-O", "own.bin", "-i", macvlan(), "--ip", OWN_IP, "http://" + SERVER_IP + "/" + FILE));
        assertThat(own.stderr()).as(own.describe()).contains(macvlan() + " is a macvlan: it delivers only frames for"
                + " its own MAC, so own-address mode uses " + macvlanMac + "\n");
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static List<List<String>> modes() {
        return List.of(List.of(), List.of("--ip", OWN_IP));
    }

    private void assertDownloads(String dev, List<String> mode, boolean expectPartial) throws Exception {
        List<String> args = new ArrayList<>(List.of("-v", "--stats", "-O", "out.bin", "-i", dev));
        args.addAll(mode);
        args.add("http://" + SERVER_IP + "/" + FILE);
        CommandResult run = fixture.net().execInClient(fixture.work(), Rawhttpget.TIMEOUT,
                Rawhttpget.command(args.toArray(String[]::new)));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).contains("local Ethernet (partial checksums from local peers accepted) link");
        if (expectPartial) {
            assertThat(partialChecksums(run)).as(run.describe()).isPositive();
        }
        assertThat(Sha256.of(fixture.work().resolve("out.bin"))).as(dev + " " + mode).isEqualTo(fileSha256);
    }

    private static long partialChecksums(CommandResult run) {
        Matcher m = PARTIAL.matcher(run.stderr());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private String clientEnd() {
        return fixture.net().prefix() + "x1";
    }

    private String serverEnd() {
        return fixture.net().prefix() + "y1";
    }

    private String bridge() {
        return fixture.net().prefix() + "b1";
    }

    private String macvlan() {
        return fixture.net().prefix() + "m1";
    }

    /**
     * A veth pair to the server with the kernel's default offloads at the server's end (tx checksum, TSO, GSO on),
     * the client's end addressed if {@code clientIp} is given.
     */
    private void vethToServer(String client, String clientIp) throws Exception {
        String cli = fixture.net().clientNamespace();
        String srv = fixture.net().serverNamespace();
        Command.check(List.of("ip", "-n", cli, "link", "add", client, "type", "veth", "peer", "name", serverEnd(),
                "netns", srv), SHORT);
        Command.check(List.of("ip", "netns", "exec", srv, "ethtool", "-K", serverEnd(), "tx", "on", "tso", "on", "gso",
                "on"), SHORT);
        Command.check(List.of("ip", "-n", srv, "addr", "add", SERVER_IP + "/24", "dev", serverEnd()), SHORT);
        Command.check(List.of("ip", "-n", srv, "link", "set", serverEnd(), "up"), SHORT);
        if (clientIp != null) {
            Command.check(List.of("ip", "-n", cli, "addr", "add", clientIp + "/24", "dev", client), SHORT);
        }
        Command.check(List.of("ip", "-n", cli, "link", "set", client, "up"), SHORT);
    }

    private void bridgeOver(String port, String bridgeIp) throws Exception {
        String cli = fixture.net().clientNamespace();
        Command.check(List.of("ip", "-n", cli, "link", "add", bridge(), "type", "bridge"), SHORT);
        Command.check(List.of("ip", "-n", cli, "link", "set", port, "master", bridge()), SHORT);
        if (bridgeIp != null) {
            Command.check(List.of("ip", "-n", cli, "addr", "add", bridgeIp + "/24", "dev", bridge()), SHORT);
        }
        Command.check(List.of("ip", "-n", cli, "link", "set", bridge(), "up"), SHORT);
    }

    private void awaitListening(String address) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (inClient(List.of("ss", "-Hltn", "src", address)).contains(address)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("nothing listens on " + address + " in the client's namespace");
    }

    private String inClient(List<String> command) throws Exception {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", fixture.net().clientNamespace()));
        argv.addAll(command);
        return Command.check(argv, SHORT);
    }
}
