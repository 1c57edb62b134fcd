package rawhttpget.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import rawhttpget.link.PcapLink;
import rawhttpget.link.PcapLinkSettings;
import rawhttpget.testnet.TestFrames;
import rawhttpget.testnet.VethNamespace;

/**
 * Host discovery and setup against a real veth pair. Firewall rules are only ever changed inside the
 * test's namespace (commands run through {@code ip netns exec}), and each test checks that the
 * namespace's rules afterwards are exactly what they were before.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostE2eTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final int PEER_PORT = 80;

    private VethNamespace net;
    private String spareEnd;

    @BeforeAll
    void createNetwork() {
        assumeTrue(VethNamespace.runningAsRoot(), "needs root to create namespaces");
        net = VethNamespace.create('h');
        net.must("ip", "link", "set", net.rootEnd, "mtu", "1400");
        spareEnd = net.rootEnd.substring(0, net.rootEnd.length() - 1) + "s";
    }

    @AfterAll
    void removeNetwork() {
        if (net != null) {
            net.run("ip", "link", "del", spareEnd);
            net.close();
        }
    }

    @Test
    void readsTheVethsAddressesMtuAndState() throws IOException {
        InterfaceInfo info = InterfaceInfo.read(net.rootEnd).requireUsable();
        String sysMac = Files.readString(Path.of("/sys/class/net", net.rootEnd, "address")).strip();
        assertThat(info.name()).isEqualTo(net.rootEnd);
        assertThat(info.macText()).isEqualTo(sysMac);
        assertThat(info.ipv4Address()).isEqualTo(net.rootAddress);
        assertThat(info.prefixLength()).isEqualTo(24);
        assertThat(info.mtu()).isEqualTo(1400);
        assertThat(info.isUp()).isTrue();
        assertThat(info.isEthernet()).isTrue();
    }

    @Test
    void explainsWhyADownUnlinkedOrUnaddressedInterfaceCannotBeUsed() throws Exception {
        // A second veth pair with both ends here and no address: each step removes one problem.
        String spare = spareEnd + "x";
        net.must("ip", "link", "add", spareEnd, "type", "veth", "peer", "name", spare);
        try {
            assertThatThrownBy(() -> InterfaceInfo.read(spareEnd).requireUsable()).isInstanceOf(HostException.class)
                    .hasMessage("interface " + spareEnd + " is down (bring it up: ip link set " + spareEnd + " up)");
            net.must("ip", "link", "set", spareEnd, "up");
            assertThatThrownBy(() -> InterfaceInfo.read(spareEnd).requireUsable()).isInstanceOf(HostException.class)
                    .hasMessage("interface " + spareEnd + " has no link (operstate lowerlayerdown)");
            net.must("ip", "link", "set", spare, "up");
            awaitOperState(spareEnd, "up");
            assertThatThrownBy(() -> InterfaceInfo.read(spareEnd).requireUsable()).isInstanceOf(HostException.class)
                    .hasMessage("interface " + spareEnd + " has no IPv4 address");
        } finally {
            net.run("ip", "link", "del", spareEnd);
        }
    }

    /** The kernel updates operstate a moment after the link changes (linkwatch runs asynchronously). */
    private static void awaitOperState(String device, String state) throws IOException, InterruptedException {
        Path file = Path.of("/sys/class/net", device, "operstate");
        for (int i = 0; i < 250 && !Files.readString(file).strip().equals(state); i++) {
            Thread.sleep(20);
        }
    }

    @Test
    void findsTheRouteToTheNamespaceOnTheVeth() {
        Routes routes = Routes.readSystem();
        assertThat(routes.lookup(net.namespaceAddress)).get()
                .extracting(Route::interfaceName, Route::prefixLength, Route::gateway)
                .containsExactly(net.rootEnd, 24, 0);
        assertThat(routes.gatewayFor(net.namespaceAddress, net.rootEnd)).isZero();
    }

    @Test
    void readsWhetherGroIsOn() {
        assertThat(Offloads.read(net.rootEnd).isOn(Offloads.Feature.GRO)).contains(false);
        net.offloads(net.rootEnd, true, List.of());
        try {
            Offloads on = Offloads.read(net.rootEnd);
            assertThat(on.isOn(Offloads.Feature.GRO)).contains(true);
            assertThat(on.coalescesReceivedFrames()).isTrue();
        } finally {
            net.offloads(net.rootEnd, false, List.of());
        }
    }

    @Test
    void aReservedButUnconnectedPortIsAnsweredWithRst() {
        try (PortReservation reservation = PortReservation.reserve(net.rootAddress)) {
            // bash's /dev/tcp connect: "Connection refused" is the kernel's RST to our bound port.
            CommandResult connect = net.runInside("bash", "-c",
                    "exec 3<>/dev/tcp/" + VethNamespace.text(net.rootAddress) + "/" + reservation.port());
            assertThat(connect.succeeded()).isFalse();
            assertThat(connect.stderr()).contains("Connection refused");
        }
    }

    @Test
    void iptablesRuleDropsExactlyTheConnectionsRstsAndLeavesNoTrace() throws InterruptedException {
        assumeTrue(Executables.find("iptables").isPresent(), "iptables is not installed");
        Firewall firewall = new Firewall(new IptablesCommands(Executables.find("iptables").get().toString(),
                "iptables-save"), ProcessCommandRunner.inNamespace(net.namespace));
        checkSuppressorInNamespace(firewall, 41000, this::iptablesRules);
    }

    @Test
    void nftRuleDropsExactlyTheConnectionsRstsAndLeavesNoRuleBehind() throws InterruptedException {
        assumeTrue(new File("/usr/sbin/nft").canExecute(), "nft is not installed");
        Firewall firewall = new Firewall(new NftCommands("/usr/sbin/nft"), ProcessCommandRunner.inNamespace(net.namespace));
        checkSuppressorInNamespace(firewall, 41001, this::nftOurRules);
        assertThat(net.runInside("nft", "list", "tables").stdout())
                .doesNotContain(NftCommands.table(RuleOwner.pidOnly(ProcessHandle.current().pid())));
    }

    /**
     * The preferred rule drops the server's segments at the namespace interface's ingress: the kernel sends no
     * RST because it never sees them, while a libpcap capture on that interface (tcpdump) still receives them,
     * since AF_PACKET taps run before the ingress hook. This is what host-address mode relies on.
     */
    @Test
    void nftIngressDropHidesTheSegmentsFromTheKernelButNotFromTheCapture() throws Exception {
        assumeTrue(new File("/usr/sbin/nft").canExecute(), "nft is not installed");
        Firewall firewall = Firewall.detect(ProcessCommandRunner.inNamespace(net.namespace));
        assertThat(firewall.dropsAtIngress()).as("nft's ingress drop is the first choice").isTrue();
        int port = 41002;
        String before = allRules();
        RstRule rule = RstRule.forThisProcess(net.namespaceEnd, net.namespaceAddress, port, net.rootAddress, PEER_PORT);
        try (PcapLink link = PcapLink.open(PcapLinkSettings.of(net.rootEnd,
                "tcp and src host " + VethNamespace.text(net.namespaceAddress)))) {
            try (RstSuppressor suppressor = RstSuppressor.install(firewall, rule)) {
                assertThat(nftOurRules()).contains("table netdev " + NftCommands.table(rule.owner()))
                        .contains("hook ingress device \"" + net.namespaceEnd + "\"").contains(rule.comment());
                Process capture = captureOneSegmentInNamespace(port);
                try {
                    assertThat(rstAfterSegmentTo(link, port)).as("RST while the rule is in").isFalse();
                    assertThat(capture.waitFor(5, TimeUnit.SECONDS)).as("the capture saw the dropped segment").isTrue();
                    String seen = new String(capture.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(seen).contains(VethNamespace.text(net.rootAddress) + "." + PEER_PORT + " > "
                            + VethNamespace.text(net.namespaceAddress) + "." + port + ":");
                } finally {
                    capture.destroyForcibly();
                }
            }
            assertThat(rstAfterSegmentTo(link, port)).as("RST after the rule is gone").isTrue();
        }
        assertThat(allRules()).isEqualTo(before);
    }

    /** tcpdump (libpcap) on the namespace's end, started and listening, waiting for one segment to our port. */
    private Process captureOneSegmentInNamespace(int port) throws IOException {
        Process capture = new ProcessBuilder("ip", "netns", "exec", net.namespace, "tcpdump", "-i", net.namespaceEnd,
                "-nn", "-l", "-c", "1", "tcp and dst port " + port).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(capture.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null && !line.contains("listening on")) {
            // tcpdump says "listening on DEV" once its capture is open.
        }
        if (line == null) {
            capture.destroyForcibly();
            throw new AssertionError("tcpdump did not start in " + net.namespace);
        }
        return capture;
    }

    private void checkSuppressorInNamespace(Firewall firewall, int localPort, Supplier<String> rules)
            throws InterruptedException {
        String before = rules.get();
        RstRule rule = RstRule.forThisProcess(net.namespaceEnd, net.namespaceAddress, localPort, net.rootAddress,
                PEER_PORT);
        try (PcapLink link = PcapLink.open(PcapLinkSettings.of(net.rootEnd,
                "tcp and src host " + VethNamespace.text(net.namespaceAddress)))) {
            assertThat(rstAfterSegmentTo(link, localPort)).as("RST before the rule").isTrue();
            try (RstSuppressor suppressor = RstSuppressor.install(firewall, rule)) {
                assertThat(rules.get()).contains(rule.comment());
                assertThat(rstAfterSegmentTo(link, localPort)).as("RST while the rule is in").isFalse();
            }
            assertThat(rstAfterSegmentTo(link, localPort)).as("RST after the rule is gone").isTrue();
        }
        assertThat(rules.get()).isEqualTo(before);
    }

    /** Sends the namespace an ACK for a connection it does not know and says whether a RST came back. */
    private boolean rstAfterSegmentTo(PcapLink link, int port) throws InterruptedException {
        link.receive((f, off, len) -> { });
        byte[] ourMac = InterfaceInfo.read(net.rootEnd).macBytes();
        byte[] theirMac = TestFrames.parseMac(net.namespaceMac());
        byte[] segment = TestFrames.tcpSegment(ourMac, theirMac, net.rootAddress, PEER_PORT, net.namespaceAddress,
                port, 1000, 5000, TestFrames.TCP_ACK);
        link.send(segment, 0, segment.length);
        boolean[] rst = {false};
        for (long waited = 0; waited < SECOND && !rst[0]; waited += SECOND / 20) {
            link.awaitFrames(SECOND / 20);
            link.receive((f, off, len) -> {
                if (TestFrames.isTcp(f, off) && TestFrames.tcpSourcePort(f, off) == port
                        && (TestFrames.tcpFlags(f, off) & TestFrames.TCP_RST) != 0) {
                    rst[0] = true;
                }
            });
        }
        return rst[0];
    }

    @Test
    void sigtermAndSigintRemoveTheRuleThroughTheShutdownHook() throws Exception {
        String before = allRules();
        for (String signal : List.of("TERM", "INT")) {
            Process child = startChild(41100);
            net.must("kill", "-" + signal, Long.toString(child.pid()));
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("child exits on SIG" + signal).isTrue();
            assertThat(allRules()).as("rules after SIG" + signal).isEqualTo(before);
        }
    }

    @Test
    void closingNormallyRemovesTheRule() throws Exception {
        String before = allRules();
        Process child = startChild(41101);
        assertThat(allRules()).contains("rawhttpget pid=" + child.pid());
        child.getOutputStream().close();
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(allRules()).isEqualTo(before);
    }

    @Test
    void aRuleLeftBySigkillIsRemovedByTheNextRun() throws Exception {
        Firewall firewall = Firewall.detect(ProcessCommandRunner.inNamespace(net.namespace));
        String before = allRules();
        Process child = startChild(41102);
        child.destroyForcibly();
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(allRules()).contains("rawhttpget pid=" + child.pid());

        RstRule ours = RstRule.forThisProcess(net.namespaceEnd, net.namespaceAddress, 41103, net.rootAddress, PEER_PORT);
        try (RstSuppressor suppressor = RstSuppressor.install(firewall, ours)) {
            assertThat(allRules()).doesNotContain("rawhttpget pid=" + child.pid()).contains(ours.comment());
        }
        assertThat(allRules()).isEqualTo(before);
    }

    /** Starts {@link RstSuppressorChild} and waits until its rule is in. */
    private Process startChild(int localPort) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // env --default-signal: a run started in the background (a CI job, "make test &") inherits SIGINT ignored,
        // and a JVM that starts with it ignored never runs its shutdown hooks on it; a user's Ctrl-C is never so.
        Process child = new ProcessBuilder("env", "--default-signal=INT", java, "-cp",
                System.getProperty("java.class.path"),
                RstSuppressorChild.class.getName(), net.namespace, VethNamespace.text(net.namespaceAddress),
                Integer.toString(localPort), VethNamespace.text(net.rootAddress), Integer.toString(PEER_PORT),
                net.namespaceEnd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"installed".equals(line)) {
            child.destroyForcibly();
            throw new AssertionError("child did not install its rule: " + line);
        }
        return child;
    }

    /** The namespace's filter table without iptables-save's timestamp comments. */
    private String iptablesRules() {
        CommandResult saved = net.runInside("iptables-save", "-t", "filter");
        assertThat(saved.succeeded()).as(saved.complaint()).isTrue();
        return saved.stdout().lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n"));
    }

    /** Both listings: whichever tool the rule was made with, nothing of it may stay. */
    private String allRules() {
        return "# iptables-save\n" + iptablesRules() + "\n# nft list ruleset\n" + nftOurRules();
    }

    /** The whole nft rule set: our table must be gone afterwards, not merely emptied. */
    private String nftOurRules() {
        CommandResult listed = net.runInside("nft", "list", "ruleset");
        assertThat(listed.succeeded()).as(listed.complaint()).isTrue();
        return listed.stdout();
    }
}
