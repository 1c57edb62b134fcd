package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An L3 link like a VPN's: a tun device in the client's namespace and one in the server's, joined by a relay
 * (scripts/tun-relay.py) that copies packets between them. Downloads with -i and as the default route, records a
 * pcap that tshark reads as raw IP, and refuses own-address mode. Skipped where /dev/net/tun is missing.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class L3LinkEndToEndTest {
    private static final Duration SHORT = Duration.ofSeconds(20);
    private static final String FILE = "2M.bin";
    private static final String SERVER_IP = "198.18.6.1";
    private static final String CLIENT_IP = "198.18.6.2";

    @RegisterExtension
    static final NetworkFixture<TestNetwork> fixture =
            NetworkFixture.testNetwork("tun", docroot -> TestFiles.random(docroot.resolve(FILE), 2L << 20, 13));

    private String fileSha256;
    private Process relay;

    @BeforeAll
    void hashTheFile() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "no /dev/net/tun on this machine: L3 link tests skipped");
        fileSha256 = Sha256.of(fixture.docroot().resolve(FILE));
    }

    @BeforeEach
    void tunLink() throws Exception {
        String cli = fixture.net().clientNamespace();
        String srv = fixture.net().serverNamespace();
        Command.check(List.of("ip", "-n", cli, "tuntap", "add", "dev", clientTun(), "mode", "tun"), SHORT);
        Command.check(List.of("ip", "-n", srv, "tuntap", "add", "dev", serverTun(), "mode", "tun"), SHORT);
        relay = new ProcessBuilder(Repo.root().resolve("scripts/tun-relay.py").toString(), cli, clientTun(), srv,
                serverTun()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(relay.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).as("the relay attached to both tun devices").isEqualTo("ready");
        for (String[] end : new String[][] {{cli, clientTun(), CLIENT_IP}, {srv, serverTun(), SERVER_IP}}) {
            Command.check(List.of("ip", "-n", end[0], "addr", "add", end[2] + "/24", "dev", end[1]), SHORT);
            Command.check(List.of("ip", "-n", end[0], "link", "set", end[1], "up"), SHORT);
        }
    }

    @AfterEach
    void removeTheLink() throws Exception {
        if (relay != null) {
            relay.getOutputStream().close(); // its standard input closes: it stops
            relay.destroy();
            relay.waitFor();
        }
        Command.run(List.of("ip", "-n", fixture.net().clientNamespace(), "link", "del", clientTun()), Path.of("/"),
                SHORT);
        Command.run(List.of("ip", "-n", fixture.net().serverNamespace(), "link", "del", serverTun()), Path.of("/"),
                SHORT);
    }

    @Test
    void downloadsOverATunDeviceWithDashIAndRecordsRawIp() throws Exception {
        Path pcap = fixture.work().resolve("tun.pcap");
        CommandResult run = fixture.net().execInClient(fixture.work(), Rawhttpget.TIMEOUT, Rawhttpget.command("-v",
                "-i", clientTun(), "--pcap", pcap.toString(), "http://" + SERVER_IP + "/" + FILE));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).contains("interface " + clientTun() + ": " + CLIENT_IP)
                .contains("L3 (raw IPv4, no Ethernet, no ARP) link");
        assertThat(Sha256.of(fixture.work().resolve(FILE))).isEqualTo(fileSha256);
        byte[] header = Arrays.copyOf(Files.readAllBytes(pcap), 24);
        assertThat(header[20]).as("LINKTYPE_RAW").isEqualTo((byte) 101);
        String firstPacket = Command.check(List.of("tshark", "-r", pcap.toString(), "-c", "1", "-T", "fields", "-e",
                "ip.src", "-e", "ip.dst", "-e", "tcp.flags.str"), SHORT);
        assertThat(firstPacket.strip()).startsWith(CLIENT_IP + "\t" + SERVER_IP + "\t").endsWith("S·");
    }

    @Test
    void downloadsOverATunDeviceThatIsTheDefaultRoute() throws Exception {
        String routed = fixture.net().routedInterface();
        inClient(List.of("ip", "route", "replace", "default", "dev", clientTun()));
        try {
            // 198.18.9.1 is off the tun's subnet: reached only because the default route leads into the tun.
            Command.check(List.of("ip", "-n", fixture.net().serverNamespace(), "addr", "add", "198.18.9.1/32", "dev",
                    serverTun()), SHORT);
            CommandResult run = Rawhttpget.run(fixture.net(), fixture.work(), "-v", "http://198.18.9.1/" + FILE);

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.stderr()).contains("interface " + clientTun() + ": " + CLIENT_IP);
            assertThat(Sha256.of(fixture.work().resolve(FILE))).isEqualTo(fileSha256);
        } finally {
            inClient(List.of("ip", "route", "replace", "default", "via", TestNetwork.ROUTER_IP, "dev", routed));
        }
    }

    @Test
    void ownAddressModeOnAnL3LinkIsRefusedInOneLine() throws Exception {
        CommandResult run = Rawhttpget.run(fixture.net(), fixture.work(), "-i", clientTun(), "--ip", "198.18.6.50/24",
                "http://" + SERVER_IP + "/" + FILE);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("rawhttpget: --ip cannot be used on " + clientTun() + ": an L3 link has no"
                + " ARP, so no address of our own can be claimed there; leave out --ip\n");
    }

    private String clientTun() {
        return fixture.net().prefix() + "t1";
    }

    private String serverTun() {
        return fixture.net().prefix() + "t2";
    }

    private String inClient(List<String> command) throws Exception {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", fixture.net().clientNamespace()));
        argv.addAll(command);
        return Command.check(argv, SHORT);
    }
}
