package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IPv6 end to end, over the test network with IPv6 turned on in its namespaces (scripts/testnet.sh leaves it off)
 * and 2001:2::/48 addresses given with nodad: an on-link download checked by SHA-256, a routed one through the
 * router namespace (which forwards IPv6), an AAAA-only name from the namespace's hosts file, -4 and -6 with wget's
 * exit status, and a name whose first address is dead, so the next one is tried. The server is Python's
 * http.server, bound to the server's IPv6 addresses (nginx there listens on IPv4 only). The IPv4 layout is the
 * unchanged testnet.sh one; what this test adds goes with the namespaces when the fixture removes them.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Ipv6EndToEndTest {
    private static final Duration SHORT = Duration.ofSeconds(20);
    private static final String FILE = "3M.bin";
    private static final String CLIENT_ONLINK = "2001:2:0:1::2";
    private static final String SERVER_ONLINK = "2001:2:0:1::1";
    private static final String CLIENT_ROUTED = "2001:2:0:2::2";
    private static final String ROUTER_CLIENT_SIDE = "2001:2:0:2::1";
    private static final String ROUTER_SERVER_SIDE = "2001:2:0:3::2";
    private static final String SERVER_ROUTED = "2001:2:0:3::1";
    private static final int PORT = 8081;
    private static final int POST_PORT = 8082;
    /** Answers a POST with the SHA-256 of the body it read, in hex: what arrived, checked by the test. */
    private static final String POST_SERVER = """
            import hashlib, http.server, socket
            class Handler(http.server.BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                def do_POST(self):
                    data = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                    body = hashlib.sha256(data).hexdigest().encode()
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            class Server(http.server.HTTPServer):
                address_family = socket.AF_INET6
            Server(("::", 8082), Handler).serve_forever()
            """;

    @RegisterExtension
    static final NetworkFixture<TestNetwork> fixture =
            NetworkFixture.testNetwork("ip6", docroot -> TestFiles.random(docroot.resolve(FILE), 3L << 20, 61));

    private Process server;
    private Process postServer;
    private String fileSha256;

    @BeforeAll
    void ipv6OnTheTestNetwork() throws Exception {
        TestNetwork net = fixture.net();
        String cli = net.clientNamespace();
        String rtr = net.routerNamespace();
        String srv = net.serverNamespace();
        String p = net.prefix();
        for (String ns : List.of(cli, rtr, srv)) {
            in(ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=0", "net.ipv6.conf.default.disable_ipv6=0");
        }
        for (String[] end : new String[][] {
                {cli, p + "c1", CLIENT_ONLINK}, {srv, p + "s1", SERVER_ONLINK}, {cli, p + "c2", CLIENT_ROUTED},
                {rtr, p + "r2", ROUTER_CLIENT_SIDE}, {rtr, p + "r3", ROUTER_SERVER_SIDE}, {srv, p + "s3", SERVER_ROUTED}}) {
            in(end[0], "sysctl", "-qw", "net.ipv6.conf." + end[1] + ".disable_ipv6=0");
            Command.check(List.of("ip", "-n", end[0], "addr", "add", end[2] + "/64", "dev", end[1], "nodad"), SHORT);
        }
        in(rtr, "sysctl", "-qw", "net.ipv6.conf.all.forwarding=1");
        Command.check(List.of("ip", "-n", cli, "-6", "route", "add", "2001:2:0:3::/64", "via", ROUTER_CLIENT_SIDE,
                "dev", p + "c2"), SHORT);
        Command.check(List.of("ip", "-n", srv, "-6", "route", "add", "2001:2:0:2::/64", "via", ROUTER_SERVER_SIDE,
                "dev", p + "s3"), SHORT);
        // An AAAA-only name, one whose first address answers nobody (198.18.1.3 shares the longest prefix with the
        // client's 198.18.1.2, so the resolver's RFC 6724 sort keeps it first), and a dual-stack one.
        Files.writeString(Path.of("/etc/netns", cli, "hosts"), SERVER_ONLINK + " v6only.files.test\n"
                + "198.18.1.3 dead-first.files.test\n" + TestNetwork.SERVER_ONLINK_IP + " dead-first.files.test\n"
                + SERVER_ONLINK + " dual.files.test\n" + TestNetwork.SERVER_ONLINK_IP + " dual.files.test\n",
                StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        server = new ProcessBuilder("ip", "netns", "exec", srv, "python3", "-m", "http.server", "--bind", "::",
                "--directory", fixture.docroot().toString(), Integer.toString(PORT))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(net.stateDirectory().resolve("ipv6-http.log").toFile())
                .redirectErrorStream(true).start();
        postServer = new ProcessBuilder("ip", "netns", "exec", srv, "python3", "-c", POST_SERVER)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(net.stateDirectory().resolve("ipv6-post.log").toFile())
                .redirectErrorStream(true).start();
        fileSha256 = Sha256.of(fixture.docroot().resolve(FILE));
        awaitServer(cli);
    }

    @AfterAll
    void stopServer() throws Exception {
        for (Process p : new Process[] {server, postServer}) {
            if (p != null) {
                p.destroy();
                p.waitFor();
            }
        }
    }

    @Test
    void downloadsOnLinkFromAnIpv6Literal() throws Exception {
        CommandResult r = run("-i", fixture.net().onLinkInterface(), "-O", "onlink.bin",
                "http://[" + SERVER_ONLINK + "]:" + PORT + "/" + FILE);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).contains("Connecting to [" + SERVER_ONLINK + "]:" + PORT + "... connected.");
        assertThat(Sha256.of(fixture.work().resolve("onlink.bin"))).isEqualTo(fileSha256);
        assertThat(fixture.net().firewallRules()).as("the ip6 rule is gone with the run").doesNotContain("rawhttpget");
    }

    /**
     * -d's In/Out lines read exactly as tcpdump -n -t prints the --pcap trace of the same run (Neighbor Discovery
     * included), tshark finds no bad checksum in it, and --stats counts its IPv6 frames.
     */
    @Test
    void debugLinesReadAsTcpdumpAndThePcapHasNoBadChecksum() throws Exception {
        CommandResult r = run("-d", "--stats", "--pcap", "trace6.pcap", "-i", fixture.net().onLinkInterface(), "-O",
                "traced.bin", "http://[" + SERVER_ONLINK + "]:" + PORT + "/" + FILE);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Sha256.of(fixture.work().resolve("traced.bin"))).isEqualTo(fileSha256);
        String trace = fixture.work().resolve("trace6.pcap").toString();

        CommandResult check = Command.run(List.of("tshark", "-r", trace, "-o", "tcp.check_checksum:TRUE",
                "-Y", "_ws.malformed || tcp.checksum.status == \"Bad\" || icmpv6.checksum.status == \"Bad\""),
                Path.of("/"), SHORT);
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.stdout()).as("frames tshark finds malformed or with bad checksums").isEmpty();

        List<String> ours = new java.util.ArrayList<>();
        java.util.regex.Pattern logLine = java.util.regex.Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG +\\w+: (In  |Out )(.*)$");
        for (String line : r.stderr().split("\n")) {
            java.util.regex.Matcher m = logLine.matcher(line);
            if (m.matches() && m.group(2).startsWith("IP6 ")) {
                ours.add(m.group(2));
            }
        }
        CommandResult tcpdump = Command.run(List.of("tcpdump", "-n", "-t", "-r", trace), Path.of("/"), SHORT);
        assertThat(tcpdump.exitCode()).as(tcpdump.toString()).isZero();
        List<String> theirs = tcpdump.stdout().lines().map(l -> l.replaceFirst("(, length \\d+): .*$", "$1")).toList();
        assertThat(ours).as("DEBUG In/Out lines vs tcpdump -n -t").isEqualTo(theirs);
        assertThat(ours).anyMatch(l -> l.contains("ICMP6, neighbor solicitation, who has " + SERVER_ONLINK));
        assertThat(r.stderr()).containsPattern("\\n +\\d+ of the frames received carried IPv6");
    }

    /**
     * The router's link toward the server carries 1280 bytes (the IPv6 minimum): our 1500-byte segments of a POST
     * body get a Packet Too Big back, the stack lowers the path MTU to 1280 and sends the body again in segments
     * that fit, and the server receives it whole (it answers with the body's SHA-256).
     */
    @Test
    void aPacketTooBigFromTheRouterShrinksOurSegmentsTo1280() throws Exception {
        String rtr = fixture.net().routerNamespace();
        String r3 = fixture.net().prefix() + "r3";
        Path post = fixture.work().resolve("post.bin");
        TestFiles.random(post, 200_000, 7);
        Command.check(List.of("ip", "-n", rtr, "link", "set", r3, "mtu", "1280"), SHORT);
        try {
            CommandResult r = run("-v", "-i", fixture.net().routedInterface(), "--post-file", post.toString(), "-O",
                    "posted.txt", "http://[" + SERVER_ROUTED + "]:" + POST_PORT + "/");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stderr()).contains(": ICMP6, packet too big, mtu 1280")
                    .contains("path MTU 1280: segments now carry at most 1208 bytes");
            assertThat(Files.readString(fixture.work().resolve("posted.txt"))).isEqualTo(Sha256.of(post));
        } finally {
            Command.check(List.of("ip", "-n", rtr, "link", "set", r3, "mtu", "1500"), SHORT);
        }
    }

    /**
     * Without -i the kernel's IPv6 routes pick the interface, as for IPv4: the on-link server is reached on the
     * on-link interface although the default route (IPv4's) leaves through the routed one; so is an AAAA-only name.
     */
    @Test
    void withoutMinusITheIpv6RoutePicksTheInterface() throws Exception {
        CommandResult literal = run("-v", "-O", "noi.bin", "http://[" + SERVER_ONLINK + "]:" + PORT + "/" + FILE);
        assertThat(literal.exitCode()).as(literal.toString()).isZero();
        assertThat(literal.stderr()).contains("interface " + fixture.net().onLinkInterface() + ": IPv6 " + CLIENT_ONLINK);
        assertThat(Sha256.of(fixture.work().resolve("noi.bin"))).isEqualTo(fileSha256);

        CommandResult named = run("-O", "noi-named.bin", "http://v6only.files.test:" + PORT + "/" + FILE);
        assertThat(named.exitCode()).as(named.toString()).isZero();
        assertThat(Sha256.of(fixture.work().resolve("noi-named.bin"))).isEqualTo(fileSha256);
    }

    /**
     * Own-address mode for IPv6: {@code --ip} claims an address the kernel does not have; duplicate address
     * detection (one solicitation from ::, 1 s) comes first, the server's solicitations for it are answered, and no
     * firewall rule is needed for it. An address another host holds is a conflict: exit 4, naming the holder.
     */
    @Test
    void ownIpv6AddressAfterDuplicateAddressDetectionAndAConflict() throws Exception {
        CommandResult r = run("-v", "--ip", "2001:2:0:1::77/64", "-i", fixture.net().onLinkInterface(), "-O", "own6.bin",
                "http://[" + SERVER_ONLINK + "]:" + PORT + "/" + FILE);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).contains("NDP: duplicate address detection for 2001:2:0:1::77 on ")
                .containsPattern("NDP: nobody answered for 2001:2:0:1::77 in 1\\d\\d\\d ms; using it")
                .doesNotContain("added rule for 2001:2:0:1::77");
        assertThat(Sha256.of(fixture.work().resolve("own6.bin"))).isEqualTo(fileSha256);

        CommandResult taken = run("--ip", SERVER_ONLINK + "/64", "-i", fixture.net().onLinkInterface(), "-O", "no.bin",
                "http://[" + SERVER_ONLINK + "]:" + PORT + "/" + FILE);
        assertThat(taken.exitCode()).as(taken.toString()).isEqualTo(4);
        assertThat(taken.stderr()).containsPattern(SERVER_ONLINK.replace(".", "\\.")
                + " is already in use by [0-9a-f:]{17} on " + fixture.net().onLinkInterface()
                + ": choose another address for --ip");
    }

    @Test
    void downloadsThroughTheRouter() throws Exception {
        CommandResult r = run("-i", fixture.net().routedInterface(), "-O", "routed.bin",
                "http://[" + SERVER_ROUTED + "]:" + PORT + "/" + FILE);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Sha256.of(fixture.work().resolve("routed.bin"))).isEqualTo(fileSha256);
    }

    @Test
    void anAaaaOnlyNameIsReachedAndMinus4RefusesItAsWgetDoes() throws Exception {
        CommandResult r = run("-i", fixture.net().onLinkInterface(), "-O", "named.bin",
                "http://v6only.files.test:" + PORT + "/" + FILE);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).contains("Resolving v6only.files.test (v6only.files.test)... " + SERVER_ONLINK);
        assertThat(Sha256.of(fixture.work().resolve("named.bin"))).isEqualTo(fileSha256);

        CommandResult v4 = run("-4", "-i", fixture.net().onLinkInterface(), "-O", "no.bin",
                "http://v6only.files.test:" + PORT + "/" + FILE);
        assertThat(v4.exitCode()).as(v4.toString()).isEqualTo(4);
        assertThat(v4.stderr()).contains("unable to resolve host address 'v6only.files.test'");
    }

    @Test
    void minus6OnAnIpv4OnlyNameExitsFourAsWgetDoes() throws Exception {
        CommandResult r = run("-6", "-i", fixture.net().onLinkInterface(), "-O", "no.bin",
                "http://" + TestNetwork.SERVER_NAME + "/" + FILE);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.stderr()).contains("Resolving files.test (files.test)... failed: Name or service not known.");
    }

    @Test
    void everyAddressOfANameIsTriedInTurn() throws Exception {
        CommandResult r = run("-i", fixture.net().onLinkInterface(), "-O", "second.bin",
                "http://dead-first.files.test:" + PORT + "/" + FILE);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).contains("Connecting to dead-first.files.test (dead-first.files.test)|198.18.1.3|:"
                + PORT + "... failed:");
        assertThat(r.stderr()).contains("|" + TestNetwork.SERVER_ONLINK_IP + "|:" + PORT + "... connected.");
        assertThat(Sha256.of(fixture.work().resolve("second.bin"))).isEqualTo(fileSha256);
    }

    /**
     * Happy Eyeballs: a dual-stack name whose IPv6 path is black-holed (the server drops IPv6 SYNs to the port).
     * IPv6 is tried first; 250 ms later IPv4 races it and wins, and the IPv6 connection is reset.
     */
    @Test
    void aBlackHoledIpv6PathLosesTheRaceToIpv4() throws Exception {
        String srv = fixture.net().serverNamespace();
        in(srv, "nft", "add table ip6 blackhole ; add chain ip6 blackhole in { type filter hook input priority 0 ; } ;"
                + " add rule ip6 blackhole in tcp dport " + PORT + " drop");
        try {
            long start = System.nanoTime();
            CommandResult r = run("-v", "-i", fixture.net().onLinkInterface(), "-O", "dual.bin",
                    "http://dual.files.test:" + PORT + "/" + FILE);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(Sha256.of(fixture.work().resolve("dual.bin"))).isEqualTo(fileSha256);
            assertThat(r.stderr()).containsPattern("no handshake from " + SERVER_ONLINK + " after 2[5-9]\\d ms: trying "
                    + TestNetwork.SERVER_ONLINK_IP + " too")
                    .contains(TestNetwork.SERVER_ONLINK_IP + " completed its handshake first; the connection to "
                            + SERVER_ONLINK + " is reset");
            assertThat(r.stderr()).contains("Connecting to dual.files.test (dual.files.test)|"
                    + TestNetwork.SERVER_ONLINK_IP + "|:" + PORT + "... connected.");
            // In the resolver's order, IPv6 first as RFC 6724 sorts it here, as wget lists them.
            assertThat(r.stderr()).contains("Resolving dual.files.test (dual.files.test)... " + SERVER_ONLINK + ", "
                    + TestNetwork.SERVER_ONLINK_IP + "\n");
            assertThat(millis).as("the whole run, JVM start included, not a 60 s timeout").isLessThan(10_000);
            assertThat(fixture.net().firewallRules()).as("both connections' rules are gone").doesNotContain("rawhttpget");
        } finally {
            in(srv, "nft", "delete", "table", "ip6", "blackhole");
        }
    }

    private CommandResult run(String... args) throws Exception {
        return Rawhttpget.run(fixture.net(), fixture.work(), args);
    }

    private static void in(String ns, String... command) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(List.of(command));
        Command.check(all, SHORT);
    }

    /** curl over IPv6 from the client, until Python's server answers (it starts in well under a second). */
    private static void awaitServer(String cli) throws Exception {
        for (int i = 0; i < 100; i++) {
            CommandResult r = Command.run(List.of("ip", "netns", "exec", cli, "curl", "-s", "-o", "/dev/null",
                    "http://[" + SERVER_ONLINK + "]:" + PORT + "/"), Path.of("/"), SHORT);
            if (r.exitCode() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the IPv6 server never answered");
    }
}
