package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Links and routes as users have them: a link brought up a moment before the run (its operstate still "down"
 * while carrier is on), a link that stays down, a server that the kernel routes through another interface than
 * the default route's, and a destination nothing routes. Needs root; run with {@code make test-e2e}.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinkAndRouteEndToEndTest {
    private static final Duration SHORT = Duration.ofSeconds(20);
    private static final long FILE_SIZE = 1L << 20;
    /** A segment of the test's own between client and server, made and removed by each link test. */
    private static final String CLIENT_FRESH_IP = "198.18.5.2";
    private static final String SERVER_FRESH_IP = "198.18.5.1";

    @RegisterExtension
    static final NetworkFixture<TestNetwork> fixture =
            NetworkFixture.testNetwork("link", docroot -> TestFiles.random(docroot.resolve("1M.bin"), FILE_SIZE, 7));

    private String fileSha256;

    @BeforeAll
    void hashTheFile() throws Exception {
        fileSha256 = Sha256.of(fixture.docroot().resolve("1M.bin"));
    }

    /** As a script would do it: {@code ip link set DEV up}, then the download at once, without waiting. */
    @Test
    void aDownloadStartedRightAfterTheLinkIsBroughtUpSucceeds() throws Exception {
        String client = clientEnd();
        try {
            freshVethPair(true);
            List<String> command = new ArrayList<>(List.of("sh", "-c",
                    "ip link set " + client + " up && echo \"operstate $(cat /sys/class/net/" + client
                            + "/operstate) carrier $(cat /sys/class/net/" + client + "/carrier)\" >&2 && exec \"$@\"",
                    "up-then-run"));
            command.addAll(Rawhttpget.command("-v", "-i", client, "http://" + SERVER_FRESH_IP + "/1M.bin"));

            CommandResult run = fixture.net().execInClient(fixture.work(), Rawhttpget.TIMEOUT, command);

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(Sha256.of(fixture.work().resolve("1M.bin"))).isEqualTo(fileSha256);
        } finally {
            removeFreshVethPair();
        }
    }

    /**
     * The same, held still: in link mode dormant (what an 802.1X supplicant uses) operstate stays "dormant" with
     * carrier on, so the run must go by carrier to use the link at all.
     */
    @Test
    void aLinkWithCarrierIsUsedWhateverItsOperstateSays() throws Exception {
        String client = clientEnd();
        try {
            freshVethPair(true);
            inClient(List.of("ip", "link", "set", client, "mode", "dormant", "up"));
            assertThat(inClient(List.of("cat", "/sys/class/net/" + client + "/carrier"))).isEqualTo("1\n");

            CommandResult run = fixture.net().execInClient(fixture.work(), Rawhttpget.TIMEOUT,
                    Rawhttpget.command("-i", client, "http://" + SERVER_FRESH_IP + "/1M.bin"));

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(Sha256.of(fixture.work().resolve("1M.bin"))).isEqualTo(fileSha256);
            assertThat(inClient(List.of("cat", "/sys/class/net/" + client + "/operstate"))).isEqualTo("dormant\n");
        } finally {
            removeFreshVethPair();
        }
    }

    @Test
    void aLinkWithoutCarrierIsWaitedForUntilTheTimeoutThenExitsFour() throws Exception {
        String client = clientEnd();
        try {
            freshVethPair(false); // the server's end stays down: no carrier at the client's
            inClient(List.of("ip", "link", "set", client, "up"));

            long start = System.nanoTime();
            CommandResult run = fixture.net().execInClient(fixture.work(), Rawhttpget.TIMEOUT,
                    Rawhttpget.command("-T", "2", "-i", client, "http://" + SERVER_FRESH_IP + "/1M.bin"));
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(4);
            assertThat(run.stderr()).isEqualTo("rawhttpget: interface " + client
                    + " has no link (operstate down)\n");
            assertThat(seconds).as("about -T 2 s plus the JVM's start").isBetween(2.0, 10.0);
        } finally {
            removeFreshVethPair();
        }
    }

    @Test
    void anInterfaceThatStaysDownIsWaitedForOnOneInfoLineThenExitsFour() throws Exception {
        String client = clientEnd();
        try {
            freshVethPair(true);

            long start = System.nanoTime();
            CommandResult run = fixture.net().execInClient(fixture.work(), Rawhttpget.TIMEOUT,
                    Rawhttpget.command("-v", "-T", "1.5", "-i", client, "http://" + SERVER_FRESH_IP + "/1M.bin"));
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(4);
            assertThat(run.stderr()).containsOnlyOnce("INFO  host: waiting up to 1.5 s for " + client
                    + " to come up (administratively down, operstate down)\n")
                    .endsWith("rawhttpget: interface " + client + " is down (bring it up: ip link set " + client
                            + " up)\n");
            assertThat(seconds).isBetween(1.5, 10.0);
        } finally {
            removeFreshVethPair();
        }
    }

    /**
     * The client's default route leaves through its routed interface, towards the router, which has no route to
     * the server's on-link segment: only the kernel's own choice (the on-link interface) reaches files.test.
     */
    @Test
    void withoutDashIUsesTheInterfaceTheKernelRoutesTheServerTo() throws Exception {
        assertThat(inClient(List.of("ip", "route", "show", "default"))).contains("dev " + fixture.net().routedInterface());

        CommandResult run = Rawhttpget.run(fixture.net(), fixture.work(), "-v",
                "http://" + TestNetwork.SERVER_NAME + "/1M.bin");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(Sha256.of(fixture.work().resolve("1M.bin"))).isEqualTo(fileSha256);
        assertThat(run.stderr()).contains("interface " + fixture.net().onLinkInterface() + ": "
                + TestNetwork.CLIENT_ONLINK_IP + " ");
    }

    @Test
    void aLaterUrlRoutedThroughAnotherInterfaceIsRefusedInOneLineNotTimedOut() throws Exception {
        CommandResult run = Rawhttpget.run(fixture.net(), fixture.work(), "-q",
                "http://" + TestNetwork.SERVER_ROUTED_NAME + "/1M.bin", "http://" + TestNetwork.SERVER_NAME + "/1M.bin");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(4);
        assertThat(run.stderr()).isEqualTo("rawhttpget: http://" + TestNetwork.SERVER_NAME + "/1M.bin: "
                + TestNetwork.SERVER_ONLINK_IP + " is routed through " + fixture.net().onLinkInterface()
                + ", but this run's stack is on " + fixture.net().routedInterface()
                + " (the first URL's route): fetch it in a run of its own, or name the interface with -i\n"
                + "rawhttpget: some downloads failed\n");
        assertThat(Sha256.of(fixture.work().resolve("1M.bin"))).isEqualTo(fileSha256);
        assertThat(fixture.work().toFile().list()).containsExactly("1M.bin");
    }

    @Test
    void whenNothingRoutesTheServerSaysSoInOneLineAndExitsFour() throws Exception {
        inClient(List.of("ip", "route", "del", "default"));
        try {
            CommandResult run = Rawhttpget.run(fixture.net(), fixture.work(), "http://198.18.9.9/1M.bin");

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(4);
            assertThat(run.stderr()).isEqualTo("rawhttpget: no route to host 198.18.9.9 (network is unreachable)\n");
            assertThat(fixture.work().toFile().list()).isEmpty();
        } finally {
            inClient(List.of("ip", "route", "add", "default", "via", TestNetwork.ROUTER_IP, "dev",
                    fixture.net().routedInterface()));
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private String clientEnd() {
        return fixture.net().prefix() + "x1";
    }

    private String serverEnd() {
        return fixture.net().prefix() + "y1";
    }

    /**
     * A veth pair between client and server, both ends down, addressed, offloads off (a NIC's wire); the server's
     * end brought up if asked.
     */
    private void freshVethPair(boolean serverEndUp) throws Exception {
        String cli = fixture.net().clientNamespace();
        String srv = fixture.net().serverNamespace();
        Command.check(List.of("ip", "-n", cli, "link", "add", clientEnd(), "type", "veth", "peer", "name", serverEnd(),
                "netns", srv), SHORT);
        for (String[] end : new String[][] {{cli, clientEnd(), CLIENT_FRESH_IP}, {srv, serverEnd(), SERVER_FRESH_IP}}) {
            Command.check(List.of("ip", "netns", "exec", end[0], "ethtool", "-K", end[1], "tso", "off", "gso", "off",
                    "gro", "off", "tx", "off", "rx", "off"), SHORT);
            Command.check(List.of("ip", "-n", end[0], "addr", "add", end[2] + "/24", "dev", end[1]), SHORT);
        }
        if (serverEndUp) {
            Command.check(List.of("ip", "-n", srv, "link", "set", serverEnd(), "up"), SHORT);
        }
    }

    /** Deleting one end deletes both; fine when the pair was never made. */
    private void removeFreshVethPair() throws Exception {
        Command.run(List.of("ip", "-n", fixture.net().clientNamespace(), "link", "del", clientEnd()), Path.of("/"),
                SHORT);
    }

    private String inClient(List<String> command) throws Exception {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", fixture.net().clientNamespace()));
        argv.addAll(command);
        return Command.check(argv, SHORT);
    }
}
