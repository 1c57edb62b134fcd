package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The host before and after each way a run can end: the client namespace's rule listings ({@code iptables-save}
 * and {@code nft list ruleset}) must be the same after a normal exit, an error exit, SIGINT, SIGTERM, and a
 * SIGKILL followed by the next run. Also: GRO on at the capture interface, own-address mode on a host without
 * iptables and nft, an address another host answers for, no {@code -i}, no capabilities, only Debian's runtime
 * libpcap, no libpcap at all. Needs root; run with {@code make test-e2e}.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostLifecycleEndToEndTest {
    private static final Duration SHORT = Duration.ofSeconds(20);
    private static final long FILE_SIZE = 1L << 20;
    /** Served at 200 KB/s under /slow/ (testnet.sh), so about 5 s: long enough to interrupt. */
    private static final String SLOW_URL = "http://" + TestNetwork.SERVER_NAME + "/slow/1M.bin";
    private static final String URL = "http://" + TestNetwork.SERVER_NAME + "/1M.bin";

    @RegisterExtension
    static final NetworkFixture<TestNetwork> fixture =
            NetworkFixture.testNetwork("host", docroot -> TestFiles.random(docroot.resolve("1M.bin"), FILE_SIZE, 42));

    private String fileSha256;

    @BeforeAll
    void hashTheFile() throws Exception {
        fileSha256 = Sha256.of(fixture.docroot().resolve("1M.bin"));
    }

    @Test
    void aNormalExitLogsTheRuleItAddedAndRemovedAndLeavesTheRulesAsTheyWere() throws Exception {
        String before = rules();

        CommandResult run = rawhttpget("-v", "-i", fixture.net().onLinkInterface(), URL);
        String saved = savedSha256("1M.bin");
        String after = rules();

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(run.exitCode()).as(run.describe()).isZero();
            soft.assertThat(saved).isEqualTo(fileSha256);
            soft.assertThat(run.stderr()).as("INFO lines of the change and its undoing")
                    .containsPattern("INFO  host: firewall: added rule for .*: \\S+nft add table netdev rawhttpget-\\d+-\\d+ ; "
                            + "add set netdev rawhttpget-\\d+-\\d+ connections .* ; "
                            + "add chain netdev rawhttpget-\\d+-\\d+ ingress \\{ type filter hook ingress device \""
                            + fixture.net().onLinkInterface() + "\" .* @connections drop comment \"rawhttpget pid=\\d+ start=\\d+\" ; "
                            + "add rule netdev rawhttpget-\\d+-\\d+ ingress ip6 saddr \\. tcp sport \\. ip6 daddr \\. tcp dport"
                            + " @connections6 drop comment \"rawhttpget pid=\\d+ start=\\d+\" ; "
                            + "add element netdev rawhttpget-\\d+-\\d+ connections \\{ 198\\.18\\.1\\.1 \\. 80 \\. "
                            + "198\\.18\\.1\\.2 \\. \\d+ }\n")
                    .containsPattern("INFO  host: firewall: removed rule for .*nft delete table netdev rawhttpget-\\d+-\\d+\n");
            soft.assertThat(after).isEqualTo(before);
        });
    }

    @Test
    void anErrorExitLeavesTheRulesAsTheyWere() throws Exception {
        String before = rules();

        CommandResult run = rawhttpget("-i", fixture.net().onLinkInterface(),
                "http://" + TestNetwork.SERVER_NAME + "/no-such.bin");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(8);
        assertThat(rules()).isEqualTo(before);
    }

    /**
     * While the download runs, the client namespace drops every RST its kernel sends to the server (a rule the
     * test adds and removes). Frames we inject through libpcap do not pass that rule, so a connection the server
     * closes at once can only have been closed by our RST.
     */
    @ParameterizedTest(name = "SIG{0} exits {1}")
    @CsvSource({"INT, 130, interrupted", "TERM, 143, terminated"})
    void aSignalMidDownloadResetsTheConnectionKeepsThePartFileAndRestoresTheRules(String signal, int exitCode,
            String message) throws Exception {
        List<String> blockKernelRsts = List.of("-p", "tcp", "-d", TestNetwork.SERVER_ONLINK_IP, "--tcp-flags", "RST",
                "RST", "-j", "DROP");
        inClient(iptables("-I", blockKernelRsts));
        inServer(List.of("iptables", "-w", "5", "-I", "INPUT", "-p", "tcp", "-s", TestNetwork.CLIENT_ONLINK_IP,
                "--tcp-flags", "RST", "RST", "-j", "ACCEPT"));
        try {
            String before = rules();
            Finished run;
            String connection;
            // No progress dots (the default when stderr is not a terminal): wget's status lines, then the closing line.
            try (Background cli = start("--progress=none", "-i", fixture.net().onLinkInterface(), SLOW_URL)) {
                awaitBodyFlowing("1M.bin.part", 1000); // 200 KB/s: about 200 KB of 1 MB
                connection = serverConnection();
                Command.check(List.of("kill", "-s", signal, Long.toString(cli.process.pid())), SHORT);
                run = cli.finish();
            }
            String connectionsAfter = serverConnections(connection);
            long rsts = serverRstCount();
            String after = rules();

            SoftAssertions.assertSoftly(soft -> {
                soft.assertThat(run.exitCode).as(run.stderr).isEqualTo(exitCode);
                soft.assertThat(run.stderr).matches("(?s)--.*\nSaving to: [^\n]*\n"
                        + java.util.regex.Pattern.quote("rawhttpget: " + message) + "\n");
                soft.assertThat(fixture.work().resolve("1M.bin.part")).as("the partial file is kept").exists();
                soft.assertThat(fixture.work().resolve("1M.bin.part").toFile().length())
                        .isBetween(100_000L, FILE_SIZE - 1);
                soft.assertThat(fixture.work().resolve("1M.bin")).doesNotExist();
                soft.assertThat(connectionsAfter).as("the server's connection after our RST").isEmpty();
                soft.assertThat(rsts).as("RSTs the server received").isPositive();
                soft.assertThat(after).isEqualTo(before);
            });
        } finally {
            inClient(iptables("-D", blockKernelRsts));
            inServer(List.of("iptables", "-w", "5", "-F", "INPUT"));
        }
    }

    @Test
    void aRuleLeftBySigkillIsRemovedByTheNextRun() throws Exception {
        String before = rules();
        long pid;
        try (Background killed = start("-i", fixture.net().onLinkInterface(), SLOW_URL)) {
            awaitBodyFlowing("1M.bin.part", 300);
            pid = killed.process.pid();
            Command.check(List.of("kill", "-s", "KILL", Long.toString(pid)), SHORT);
            assertThat(killed.process.waitFor(SHORT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        assertThat(rules()).as("the rule SIGKILL left").contains("rawhttpget pid=" + pid);
        Files.delete(fixture.work().resolve("1M.bin.part"));

        CommandResult next = rawhttpget("-v", "-i", fixture.net().onLinkInterface(), URL);

        assertThat(next.exitCode()).as(next.describe()).isZero();
        assertThat(next.stderr()).contains("removed rule left by process " + pid + ", which no longer runs");
        assertThat(rules()).isEqualTo(before);
    }

    /**
     * In a container whose PID 1 never reaps, a run killed by SIGKILL stays a zombie: its PID still "exists". A
     * parent that sleeps without waiting (perl, forking the CLI) plays that PID 1; the next run must still see
     * the zombie's table as stale.
     */
    @Test
    void aRuleLeftByAKilledRunThatStaysAZombieIsRemovedByTheNextRun() throws Exception {
        String before = rules();
        String forkAndNeverWait = "$| = 1; my $pid = fork(); if ($pid == 0) { open(STDERR, '>', '/dev/null');"
                + " exec @ARGV or exit 127; } print \"$pid\\n\"; sleep 600;";
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", fixture.net().clientNamespace(),
                "perl", "-e", forkAndNeverWait));
        command.addAll(javaJar());
        command.addAll(List.of("-i", fixture.net().onLinkInterface(), SLOW_URL));
        Process parent = new ProcessBuilder(command).directory(fixture.work().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long pid;
        try {
            pid = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream()))
                    .readLine().strip());
            awaitBodyFlowing("1M.bin.part", 300);
            Command.check(List.of("kill", "-s", "KILL", Long.toString(pid)), SHORT);
            awaitState(pid, 'Z');
            assertThat(rules()).as("the rule SIGKILL left").contains("rawhttpget pid=" + pid + " start=");
            Files.delete(fixture.work().resolve("1M.bin.part"));

            CommandResult next = rawhttpget("-v", "-i", fixture.net().onLinkInterface(), URL);

            assertThat(next.exitCode()).as(next.describe()).isZero();
            assertThat(next.stderr()).contains("removed rule left by process " + pid + ", which no longer runs");
            assertThat(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))).as("still a zombie")
                    .contains(") Z ");
            assertThat(rules()).isEqualTo(before);
        } finally {
            parent.destroyForcibly().waitFor(SHORT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /**
     * A PID is reused: a table that names a live process's PID with another start time is a killed run's, and
     * goes; a table in the older format (PID only) goes when its PID is free, and stays while its PID runs.
     */
    @Test
    void tablesOfReusedOrFreePidsAreRemovedByTheNextRunButNotThoseOfARunningPid() throws Exception {
        String before = rules();
        Process sleeper = new ProcessBuilder("sleep", "600").start();
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        long live = sleeper.pid();
        long dead = done.pid();
        String reused = "rawhttpget-" + live + "-1";
        String older = "rawhttpget-" + dead;
        String kept = "rawhttpget-" + live;
        String reusedComment = "rawhttpget pid=" + live + " start=1";
        List<String> reusedRule = List.of("-p", "tcp", "-d", "198.18.1.99", "-m", "comment", "--comment",
                reusedComment, "-j", "DROP");
        try {
            inClient(List.of("nft", "add", "table", "netdev", reused));
            inClient(List.of("nft", "add", "table", "inet", older));
            inClient(List.of("nft", "add", "table", "inet", kept));
            inClient(iptables("-A", reusedRule));

            CommandResult next = rawhttpget("-v", "-i", fixture.net().onLinkInterface(), URL);
            String after = inClient(List.of("nft", "list", "tables")) + inClient(List.of("iptables-save"));

            assertThat(next.exitCode()).as(next.describe()).isZero();
            String removed = "INFO  host: firewall: removed rule left by process %d, which no longer runs: \\S*%s\n";
            assertThat(next.stderr())
                    .containsPattern(removed.formatted(live, "nft delete table netdev " + reused))
                    .containsPattern(removed.formatted(dead, "nft delete table inet " + older))
                    .containsPattern(removed.formatted(live, "iptables -w 5 -t filter -D OUTPUT -d 198\\.18\\.1\\.99/32"
                            + " -p tcp -m comment --comment " + reusedComment + " -j DROP"));
            assertThat(after).contains("table inet " + kept + "\n").doesNotContain(reused).doesNotContain(older + "\n")
                    .doesNotContain(reusedComment);
        } finally {
            sleeper.destroyForcibly().waitFor();
            Command.run(List.of("ip", "netns", "exec", fixture.net().clientNamespace(), "nft", "delete", "table",
                    "inet", kept), Path.of("/"), SHORT);
        }
        assertThat(rules()).isEqualTo(before);
    }

    /** Waits (a real process) until /proc says the process is in the given state. */
    private static void awaitState(long pid, char state) throws Exception {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        long deadline = System.nanoTime() + SHORT.toNanos();
        while (!Files.readString(stat).contains(") " + state + " ")) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("process " + pid + " not in state " + state + ": " + Files.readString(stat));
            }
            Thread.sleep(20);
        }
    }

    @Test
    void downloadsIntactWithGroOnAtTheCaptureInterface() throws Exception {
        // Only the client's GRO: the server sends MTU-sized frames with real checksums, as a NIC's wire carries,
        // and the client's veth glues them (161 frames over the MTU, up to 65 226 bytes, in a 10 MB download).
        ethtoolInClient("gro", "on");
        try {
            CommandResult run = rawhttpget("-v", "-i", fixture.net().onLinkInterface(), URL);

            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(savedSha256("1M.bin")).isEqualTo(fileSha256);
            assertThat(run.stderr()).contains("gro on");
            Matcher coalesced = Pattern.compile("(\\d+) segments arrived coalesced by GRO/LRO").matcher(run.stderr());
            assertThat(coalesced.find()).as("super-frames arrived (else this test proves nothing)\n" + run.stderr())
                    .isTrue();
            assertThat(Long.parseLong(coalesced.group(1))).isPositive();
        } finally {
            ethtoolInClient("gro", "off");
        }
    }

    /** A host without iptables and nft: a tmpfs over /usr/sbin in a mount namespace of the run's own. */
    @Test
    void ownAddressModeNeedsNoFirewallToolAndChangesNothing() throws Exception {
        String before = rules();
        String hide = "mount -t tmpfs none /usr/sbin && ! command -v iptables iptables-save nft >/dev/null && exec \"$@\"";

        CommandResult own = rawhttpgetIn(List.of("unshare", "-m", "sh", "-c", hide, "hide"),
                "-i", fixture.net().onLinkInterface(), "--ip", TestNetwork.OWN_ONLINK_CIDR,
                "http://" + TestNetwork.SERVER_ONLINK_IP + "/1M.bin");
        CommandResult host = rawhttpgetIn(List.of("unshare", "-m", "sh", "-c", hide, "hide"),
                "-i", fixture.net().onLinkInterface(), "-O", "host-mode.bin", URL);
        String saved = savedSha256("1M.bin");
        String after = rules();

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(own.exitCode()).as(own.describe()).isZero();
            soft.assertThat(saved).isEqualTo(fileSha256);
            // The same hiding really hides them: host-address mode, which needs one, says so.
            soft.assertThat(host.exitCode()).as(host.describe()).isEqualTo(1);
            soft.assertThat(host.stderr()).isEqualTo(
                    "rawhttpget: neither iptables nor nft is installed: install one (apt-get install iptables)\n");
            soft.assertThat(after).isEqualTo(before);
        });
    }

    /** A host with iptables but no nft: /dev/null bound over nft. iptables' output rule is the fallback. */
    @Test
    void withoutNftUsesIptablesAndLeavesTheRulesAsTheyWere() throws Exception {
        String before = rules();
        String hide = "mount --bind /dev/null \"$(command -v nft)\" && ! command -v nft >/dev/null"
                + " && command -v iptables >/dev/null && exec \"$@\"";

        CommandResult run = rawhttpgetIn(List.of("unshare", "-m", "sh", "-c", hide, "hide"), "-v", "-i",
                fixture.net().onLinkInterface(), URL);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(savedSha256("1M.bin")).isEqualTo(fileSha256);
        assertThat(run.stderr()).containsPattern("firewall: added rule .*iptables -w 5 -t filter -I OUTPUT ")
                .containsPattern("firewall: removed rule .*iptables -w 5 -t filter -D OUTPUT ");
        assertThat(rules()).isEqualTo(before);
    }

    /**
     * A kernel without nft's netdev family, and no iptables: an nft wrapper that refuses netdev tables (as such
     * a kernel does) is bound over nft, and /dev/null over xtables. The run falls back to nft's output rule.
     */
    @Test
    void whereTheIngressDropIsRefusedAndIptablesIsMissingUsesNftsOutputRule() throws Exception {
        String before = rules();
        Path mountPoint = Files.createTempDirectory(fixture.scratch(), "nft-wrapper-");
        mountPoint.toFile().deleteOnExit();
        String hide = "set -e; m=" + mountPoint + "; mount -t tmpfs none $m; nft=$(command -v nft); cp \"$nft\" $m/real-nft;"
                + " printf '#!/bin/sh\\ncase \"$*\" in *netdev*) echo \"Error: Could not process rule: Operation not"
                + " supported\" >&2; exit 1;; esac\\nexec %s \"$@\"\\n' $m/real-nft >$m/nft; chmod +x $m/nft;"
                + " mount --bind $m/nft \"$nft\"; mount --bind /dev/null \"$(readlink -f \"$(command -v iptables)\")\";"
                + " if command -v iptables >/dev/null; then exit 99; fi; exec \"$@\"";

        CommandResult run = rawhttpgetIn(List.of("unshare", "-m", "sh", "-c", hide, "hide"), "-v", "-i",
                fixture.net().onLinkInterface(), URL);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(savedSha256("1M.bin")).isEqualTo(fileSha256);
        assertThat(run.stderr())
                .containsPattern("firewall: cannot add firewall rule: nft failed: Error: Could not process rule: Operation"
                        + " not supported \\(nft ingress drop\\); using nft output rule instead")
                .containsPattern("firewall: added rule .*nft add rule inet rawhttpget-\\d+-\\d+ output ")
                .containsPattern("firewall: removed rule .*nft delete table inet rawhttpget-\\d+-\\d+");
        assertThat(rules()).isEqualTo(before);
    }

    @Test
    void claimingAnAddressAnotherHostAnswersForExitsFour() throws Exception {
        CommandResult run = rawhttpget("-i", fixture.net().onLinkInterface(), "--ip",
                TestNetwork.SERVER_ONLINK_IP + "/24", URL);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(4);
        assertThat(run.stderr()).matches("rawhttpget: 198\\.18\\.1\\.1 is already in use by ([0-9a-f]{2}:){5}[0-9a-f]{2} on "
                + fixture.net().onLinkInterface() + ": choose another address for --ip\n");
        assertThat(fixture.work().toFile().list()).isEmpty();
    }

    @Test
    void withoutDashIUsesTheDefaultRoutesInterface() throws Exception {
        CommandResult run = rawhttpget("-v", "http://" + TestNetwork.SERVER_ROUTED_NAME + "/1M.bin");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(savedSha256("1M.bin")).isEqualTo(fileSha256);
        assertThat(run.stderr())
                .contains("interface " + fixture.net().routedInterface() + ": " + TestNetwork.CLIENT_ROUTED_IP);
    }

    @Test
    void withoutTheCapabilitiesSaysWhatIsNeededInOneLineAndChangesNothing() throws Exception {
        String before = rules();

        CommandResult run = rawhttpgetIn(List.of("capsh", "--drop=cap_net_raw,cap_net_admin", "--", "-c",
                "exec \"$0\" \"$@\""), "-i", fixture.net().onLinkInterface(), URL);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.stderr()).matches("rawhttpget: needs root or the capabilities CAP_NET_RAW and CAP_NET_ADMIN"
                + " \\(missing CAP_NET_RAW, CAP_NET_ADMIN\\): run it with sudo, or grant them once with:"
                + " sudo setcap cap_net_raw,cap_net_admin=eip /\\S+/java\n");
        assertThat(fixture.work().toFile().list()).isEmpty();
        assertThat(rules()).isEqualTo(before);
    }

    @Test
    void aMissingInterfaceIsOneLineAndExitFour() throws Exception {
        CommandResult run = rawhttpget("-i", "nosuch0", URL);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(4);
        assertThat(run.stderr()).isEqualTo("rawhttpget: no such interface: nosuch0\n");
    }

    @Test
    void noHostSetupChangesNothingAndPrintsTheRuleItWouldNeed() throws Exception {
        String before = rules();

        CommandResult run = rawhttpget("-i", fixture.net().onLinkInterface(), "--no-host-setup", URL);

        // Without the rule the kernel resets the connection, which is what the line warns about.
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(4);
        assertThat(run.stderr()).containsPattern("WARN  host: --no-host-setup: no firewall rule added, .*: nft add table"
                + " netdev rawhttpget-(\\d+)-(\\d+) ';' add set netdev rawhttpget-\\1-\\2 connections"
                + " '\\{ type ipv4_addr \\. inet_service \\. ipv4_addr \\. inet_service ; }' ';'"
                + " add set netdev rawhttpget-\\1-\\2 connections6"
                + " '\\{ type ipv6_addr \\. inet_service \\. ipv6_addr \\. inet_service ; }' ';'"
                + " add chain netdev rawhttpget-\\1-\\2 ingress '\\{ type filter hook ingress device \""
                + fixture.net().onLinkInterface() + "\" priority 0 ; policy accept ; }' ';' add rule netdev rawhttpget-\\1-\\2 ingress"
                + " ip saddr \\. tcp sport \\. ip daddr \\. tcp dport @connections drop comment"
                + " '\"rawhttpget pid=\\1 start=\\2\"' ';' add rule netdev rawhttpget-\\1-\\2 ingress"
                + " ip6 saddr \\. tcp sport \\. ip6 daddr \\. tcp dport @connections6 drop comment"
                + " '\"rawhttpget pid=\\1 start=\\2\"' ';' add element netdev rawhttpget-\\1-\\2 connections"
                + " '\\{ 198\\.18\\.1\\.1 \\. 80 \\. 198\\.18\\.1\\.2 \\. \\d+ }'\n");
        assertThat(rules()).isEqualTo(before);
    }

    /**
     * Debian without libpcap-dev: an overlay over the library directory whites out the unversioned libpcap.so,
     * so only the runtime package's libpcap.so.0.8 is left, and the download must still work.
     */
    @Test
    void worksWithOnlyTheRuntimeLibpcap() throws Exception {
        Path libraries = libpcapDirectory();

        CommandResult run = rawhttpgetIn(withoutLibraries(libraries, List.of("libpcap.so"),
                "test ! -e " + libraries.resolve("libpcap.so") + " && test -e " + libraries.resolve("libpcap.so.0.8")),
                "-i", fixture.net().onLinkInterface(), URL);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(savedSha256("1M.bin")).isEqualTo(fileSha256);
    }

    @Test
    void withoutLibpcapSaysWhichPackageToInstall() throws Exception {
        Path libraries = libpcapDirectory();
        List<String> all;
        try (Stream<Path> files = Files.list(libraries)) {
            all = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("libpcap.so")).toList();
        }

        CommandResult run = rawhttpgetIn(withoutLibraries(libraries, all, "true"),
                "-i", fixture.net().onLinkInterface(), URL);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("rawhttpget: libpcap not found: install the libpcap0.8 package"
                + " (apt-get install libpcap0.8; it is libpcap0.8t64 on Debian 13 and Ubuntu 24.04)\n");
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** Both listings of the client namespace, normalised so that only a real difference shows. */
    private String rules() throws Exception {
        String iptables = IptablesRules.normalize(inClient(List.of("iptables-save")));
        String nft = NftRuleset.normalize(inClient(List.of("nft", "list", "ruleset")));
        return "# iptables-save\n" + iptables + "# nft list ruleset\n" + nft;
    }

    private static List<String> iptables(String operation, List<String> rule) {
        List<String> argv = new ArrayList<>(List.of("iptables", "-w", "5", operation, "OUTPUT"));
        argv.addAll(rule);
        return argv;
    }

    private String inClient(List<String> command) throws Exception {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", fixture.net().clientNamespace()));
        argv.addAll(command);
        return Command.check(argv, SHORT);
    }

    private String inServer(List<String> command) throws Exception {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", fixture.net().serverNamespace()));
        argv.addAll(command);
        return Command.check(argv, SHORT);
    }

    private void ethtoolInClient(String feature, String state) throws Exception {
        inClient(List.of("ethtool", "-K", fixture.net().onLinkInterface(), feature, state));
    }

    /** The server's one established connection from the client's on-link address, as "ADDRESS:PORT". */
    private String serverConnection() throws Exception {
        String listing = inServer(List.of("ss", "-Htn", "state", "established", "dst", TestNetwork.CLIENT_ONLINK_IP));
        String[] lines = listing.strip().split("\n");
        assertThat(lines).as("the server's connections while downloading").hasSize(1);
        String[] fields = lines[0].strip().split("\\s+");
        return fields[fields.length - 1];
    }

    /** The server's sockets, in any state, for the connection from {@code peer} (ADDRESS:PORT). */
    private String serverConnections(String peer) throws Exception {
        return inServer(List.of("ss", "-Htan", "dst", peer)).strip();
    }

    /** Packets counted by the server's RST-accepting INPUT rule. */
    private long serverRstCount() throws Exception {
        String listing = inServer(List.of("iptables", "-w", "5", "-L", "INPUT", "-v", "-x", "-n"));
        for (String line : listing.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length > 2 && f[2].equals("ACCEPT")) {
                return Long.parseLong(f[0]);
            }
        }
        throw new IllegalStateException("no counting rule in\n" + listing);
    }

    private CommandResult rawhttpget(String... args) throws Exception {
        return rawhttpgetIn(List.of(), args);
    }

    /** Runs the CLI in the client namespace behind {@code wrapper} (which must end by exec'ing its arguments). */
    private CommandResult rawhttpgetIn(List<String> wrapper, String... args) throws Exception {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(javaJar());
        command.addAll(List.of(args));
        return fixture.net().execInClient(fixture.work(), Rawhttpget.TIMEOUT, command);
    }

    private static List<String> javaJar() {
        return List.of(Rawhttpget.java(), "-jar",
                Rawhttpget.jar().toString());
    }

    /**
     * Starts the CLI in the background. {@code env --default-signal} gives it default SIGINT/SIGTERM handling even
     * if this JVM was started with them ignored (a background job of a non-interactive shell is): the JVM would
     * then never install our handler. {@code ip netns exec} and env both exec, so the PID is java's.
     */
    private Background start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", fixture.net().clientNamespace(), "env",
                "--default-signal=INT,TERM"));
        command.addAll(javaJar());
        command.addAll(List.of(args));
        Path log = Files.createTempFile(fixture.scratch(), "host-bg-", ".log");
        Process process = new ProcessBuilder(command).directory(fixture.work().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile())
                .start();
        return new Background(process, log);
    }

    private record Finished(int exitCode, String stderr) {}

    /** A CLI run in the background; closing kills it if a failed assertion left it running, and removes its log. */
    private record Background(Process process, Path log) implements AutoCloseable {
        Finished finish() throws Exception {
            if (!process.waitFor(SHORT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the CLI did not exit after the signal: " + Files.readString(log));
            }
            return new Finished(process.exitValue(), Files.readString(log));
        }

        @Override
        public void close() throws Exception {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(SHORT.toSeconds(), TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        }
    }

    /**
     * Waits (this is a real process) until the partial file exists, that is until the response head has arrived,
     * then lets the body flow for {@code millis}. Its size says nothing before then: the sink writes in 1 MiB
     * blocks and flushes the rest when the download ends or is abandoned.
     */
    private void awaitBodyFlowing(String name, long millis) throws InterruptedException {
        Path part = fixture.work().resolve(name);
        long deadline = System.nanoTime() + SHORT.toNanos();
        while (!Files.exists(part)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(name + " did not appear within " + SHORT.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
        Thread.sleep(millis);
    }

    private String savedSha256(String name) throws IOException {
        Path saved = fixture.work().resolve(name);
        return Files.isRegularFile(saved) ? Sha256.of(saved) : "(no file " + name + ")";
    }

    /** Where this machine's libpcap.so.0.8 is. */
    private static Path libpcapDirectory() {
        for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib")) {
            if (Files.exists(Path.of(dir, "libpcap.so.0.8"))) {
                return Path.of(dir);
            }
        }
        throw new AssertionError("no libpcap.so.0.8 on this machine: scripts/deps.sh installs libpcap0.8");
    }

    /**
     * A wrapper that runs the CLI in a mount namespace where an overlay over {@code libraries} hides the given
     * files (overlayfs whiteouts), after a shell {@code check} passes. Scratch space is a tmpfs mounted there too,
     * so nothing is written outside.
     */
    private List<String> withoutLibraries(Path libraries, List<String> hidden, String check) throws IOException {
        Path mountPoint = Files.createTempDirectory(fixture.scratch(), "overlay-");
        StringBuilder script = new StringBuilder("set -e; m=" + mountPoint + "; mount -t tmpfs none $m; mkdir $m/u $m/w; ");
        for (String name : hidden) {
            script.append("mknod $m/u/").append(name).append(" c 0 0; ");
        }
        script.append("mount -t overlay overlay -o lowerdir=").append(libraries)
                .append(",upperdir=$m/u,workdir=$m/w ").append(libraries).append("; ")
                .append(check).append("; exec \"$@\"");
        mountPoint.toFile().deleteOnExit();
        return List.of("unshare", "-m", "sh", "-c", script.toString(), "without-libpcap");
    }
}
