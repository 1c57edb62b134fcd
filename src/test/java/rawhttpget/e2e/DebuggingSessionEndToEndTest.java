package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A debugging session end to end: a download with {@code --pcap F -d --stats}, whose trace Debian's tshark and
 * tcpdump read, and whose three accounts of the traffic (the pcap, the DEBUG lines, the --stats report) must agree
 * with each other and with the bytes served. The server drops our first request once, so there is a
 * retransmission to count. Then the per-layer levels, and stderr holding nothing but our own lines.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DebuggingSessionEndToEndTest {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final String BODY = "1M.bin";
    private static final String SMALL = "small.txt";
    private static final String SMALL_TEXT = "a small text file for -O -\n";
    private static final String CLIENT = TestNetwork.CLIENT_ONLINK_IP;
    /**
     * In the server's namespace: drop the first packet to port 80 of 100 bytes or more (our request; SYNs and
     * ACKs are shorter), once only (the n-th counter counts only packets that passed the earlier matches).
     */
    private static final List<String> DROP_FIRST_REQUEST = List.of("INPUT", "-p", "tcp", "--dport", "80", "-m", "length",
            "--length", "100:65535", "-m", "statistic", "--mode", "nth", "--every", "1000000", "--packet", "0",
            "-j", "DROP");
    private static final Pattern LOG_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (\\w+) +(\\w+): (.*)$");

    @RegisterExtension
    static final NetworkFixture<TestNetwork> fixture = NetworkFixture.testNetwork("debugging", docroot -> {
        TestFiles.random(docroot.resolve(BODY), 1 << 20, 61);
        Files.writeString(docroot.resolve(SMALL), SMALL_TEXT);
    });

    @Test
    void traceDebugLinesAndStatsTellTheSameStoryAsTsharkAndTcpdump() throws Exception {
        iptablesOnServer("-I");
        CommandResult run;
        try {
            run = Rawhttpget.run(fixture.net(), fixture.work(), "-i", fixture.net().onLinkInterface(), "-d", "--stats",
                    "--pcap", "trace.pcap", "http://" + TestNetwork.SERVER_NAME + "/" + BODY);
        } finally {
            iptablesOnServer("-D");
        }
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(Sha256.of(fixture.work().resolve(BODY))).isEqualTo(Sha256.of(fixture.docroot().resolve(BODY)));
        Path trace = fixture.work().resolve("trace.pcap");
        String stderr = run.stderr();

        SoftAssertions soft = new SoftAssertions();

        // tshark, checksums on, finds nothing malformed and no bad checksum.
        CommandResult check = tool("tshark", "-r", trace.toString(), "-o", "tcp.check_checksum:TRUE",
                "-o", "ip.check_checksum:TRUE",
                "-Y", "_ws.malformed || tcp.checksum.status == \"Bad\" || ip.checksum.status == \"Bad\"");
        soft.assertThat(check.exitCode()).as("tshark check\n%s", check.describe()).isZero();
        soft.assertThat(check.stdout()).as("frames tshark finds malformed or with bad checksums").isEmpty();

        // tshark's reassembly of the stream: the request once (despite its retransmission), then exactly the
        // response: a head and the file's bytes, nothing more.
        Streams streams = follow(trace);
        byte[] body = Files.readAllBytes(fixture.docroot().resolve(BODY));
        String head = headOf(streams.server());
        soft.assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Length: " + body.length + "\r\n");
        soft.assertThat(Arrays.equals(Arrays.copyOfRange(streams.server(), head.length(), streams.server().length), body))
                .as("response after the head equals the file, %d bytes + %d", head.length(), body.length).isTrue();
        String request = new String(streams.client(), StandardCharsets.ISO_8859_1);
        soft.assertThat(request).startsWith("GET /" + BODY + " HTTP/1.1\r\n").endsWith("\r\n\r\n");
        soft.assertThat(request.indexOf("GET ", 1)).as("the request once in the stream").isEqualTo(-1);

        // --stats agrees with what tshark counts in the same trace.
        TsharkCounts counts = count(trace);
        soft.assertThat(stat(stderr, "segments received")).isEqualTo(counts.segmentsFromServer);
        soft.assertThat(stat(stderr, "segments sent")).isEqualTo(counts.segmentsFromClient);
        soft.assertThat(stat(stderr, "payload bytes received")).isEqualTo(counts.bytesFromServer);
        soft.assertThat(stat(stderr, "payload bytes sent")).isEqualTo(counts.bytesFromClient);
        soft.assertThat(stat(stderr, "segments retransmitted")).as("our retransmissions").isEqualTo(1)
                .isEqualTo(counts.retransmissionsFromClient);
        soft.assertThat(stat(stderr, "frames received") + stat(stderr, "frames sent")).isEqualTo(counts.frames);
        soft.assertThat(stat(stderr, "frames written to trace.pcap")).isEqualTo(counts.frames);
        // Plain java -jar took the JIT directives through the manifest's Add-Opens (runtime.JitDirectives).
        soft.assertThat(stderr).contains(" JIT directives: 2 compiler directives added\n");
        // As root on this machine's two or more CPUs, the stack's threads ran as real-time ones.
        soft.assertThat(stderr).contains(Runtime.getRuntime().availableProcessors() >= 2
                ? "\n    threads: real-time scheduling (SCHED_RR, priority 1)\n"
                : "\n    threads: normal scheduling priority (one CPU)\n");
        soft.assertThat(Math.abs(counts.firstFrameEpochSeconds - System.currentTimeMillis() / 1000.0))
                .as("the trace's clock is the wall clock").isLessThan(300);

        // One DEBUG line per frame, in and out, reading exactly as tcpdump prints the same trace.
        List<String> ours = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            Matcher m = LOG_LINE.matcher(line);
            if (m.matches() && m.group(1).equals("DEBUG") && (m.group(3).startsWith("In  ") || m.group(3).startsWith("Out "))) {
                ours.add(m.group(3).substring(4));
            }
        }
        CommandResult tcpdump = tool("tcpdump", "-n", "-t", "-r", trace.toString());
        soft.assertThat(tcpdump.exitCode()).as(tcpdump.describe()).isZero();
        // tcpdump goes on to decode HTTP after the TCP header ("length 107: HTTP: GET ..."); we stop at the length.
        List<String> theirs = tcpdump.stdout().lines().map(l -> l.replaceFirst("(, length \\d+): .*$", "$1")).toList();
        soft.assertThat(ours).as("DEBUG In/Out lines vs tcpdump -n -t").isEqualTo(theirs);
        soft.assertThat(ours).as("ARP lines at DEBUG with -d").anyMatch(l -> l.startsWith("ARP, Request who-has"));
        soft.assertAll();
    }

    @Test
    void layerLevelsTakeEffectAndStdoutHoldsOnlyTheBody() throws Exception {
        // --progress=none: without a terminal the default is wget's dot lines, which are not log lines.
        CommandResult run = Rawhttpget.run(fixture.net(), fixture.work(), "-i", fixture.net().onLinkInterface(),
                "--progress=none", "--log", "tcp=debug", "-O", "-", "http://" + TestNetwork.SERVER_NAME + "/" + SMALL);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).isEqualTo(SMALL_TEXT);
        List<String> lines = run.stderr().lines().toList();
        assertThat(lines).as("stderr with --log tcp=debug")
                .anyMatch(l -> l.matches(".* DEBUG tcp: Out IP .*Flags \\[S\\].*"))
                .anyMatch(l -> l.matches(".* DEBUG tcp: In  IP .*Flags \\[S\\.\\].*"))
                .noneMatch(l -> l.contains(" arp: "))
                // Every line is the tcp logger's (DEBUG and the INFO below it), or one of wget's status lines.
                .allMatch(l -> l.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (DEBUG|INFO ) tcp: .*")
                        || l.isEmpty() || l.matches("^(--|Resolving |Connecting to |HTTP request sent|Length: |Saving to: ).*")
                        || l.matches(WgetLines.DATE + " \\(.*\\) - written to stdout \\[" + SMALL_TEXT.length() + "/"
                                + SMALL_TEXT.length() + "\\]"));
    }

    @Test
    void plainRunPrintsNothingButItsOwnLine() throws Exception {
        // --progress=none: the dot line (the default without a terminal) is ours, not noise, but its rate varies.
        CommandResult run = Rawhttpget.run(fixture.net(), fixture.work(), "-i", fixture.net().onLinkInterface(),
                "--progress=none", "http://" + TestNetwork.SERVER_NAME + "/" + SMALL);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).as("no JVM, SLF4J, JNA or logback noise: wget's status lines only")
                .matches("--" + WgetLines.DATE + "--  http://" + TestNetwork.SERVER_NAME.replace(".", "\\.") + "/"
                        + Pattern.quote(SMALL) + "\n"
                        + "Resolving .*\nConnecting to .* connected\\.\n"
                        + "HTTP request sent, awaiting response\\.\\.\\. 200 OK\n"
                        + "Length: " + SMALL_TEXT.length() + " \\[[^\n]*\\]\n"
                        + "Saving to: [^\n]*\n"
                        + WgetLines.saved(SMALL, SMALL_TEXT.length() + "/" + SMALL_TEXT.length()));
    }

    @Test
    void savedLineShowsTheRateOfTheProgressLastLine() throws Exception {
        // As wget: both are the body's bytes over one timer, so a one-row file shows one rate twice.
        CommandResult run = Rawhttpget.run(fixture.net(), fixture.work(), "-i", fixture.net().onLinkInterface(),
                "--progress=dot", "http://" + TestNetwork.SERVER_NAME + "/" + SMALL);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        Matcher dots = Pattern.compile(" 100% +([0-9.]+)([KMGT]?)=").matcher(run.stderr());
        Matcher saved = Pattern.compile(" \\(([0-9.]+) ([KMGT]?)B/s\\) - ").matcher(run.stderr());
        assertThat(dots.find()).as(run.stderr()).isTrue();
        assertThat(saved.find()).as(run.stderr()).isTrue();
        assertThat(saved.group(1) + saved.group(2)).as(run.stderr()).isEqualTo(dots.group(1) + dots.group(2));
    }

    private void iptablesOnServer(String insertOrDelete) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", fixture.net().serverNamespace(),
                executable("iptables"), "-w", "5", insertOrDelete));
        command.addAll(DROP_FIRST_REQUEST);
        Command.check(command, TOOL_TIMEOUT);
    }

    private static CommandResult tool(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable(name)));
        command.addAll(List.of(args));
        return Command.run(command, Path.of("/"), TOOL_TIMEOUT);
    }

    /** The tools scripts/deps.sh installs; root's PATH does not always include sbin. */
    private static String executable(String name) {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError(name + " is not installed: run 'make deps' (scripts/deps.sh installs it)");
    }

    /** Each side's bytes of TCP stream 0 as tshark reassembles them. */
    private record Streams(byte[] client, byte[] server) {
    }

    private static Streams follow(Path trace) throws IOException, InterruptedException {
        CommandResult r = tool("tshark", "-r", trace.toString(), "-q", "-z", "follow,tcp,raw,0");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        // After the header, lines of node 0 (the side that sent the SYN: us) are flush left, node 1's start with a tab.
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        ByteArrayOutputStream server = new ByteArrayOutputStream();
        boolean inData = false;
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith("Node 1:")) {
                inData = true;
            } else if (line.startsWith("=====")) {
                inData = false;
            } else if (inData && !line.isBlank()) {
                ByteArrayOutputStream side = line.startsWith("\t") ? server : client;
                side.writeBytes(HexFormat.of().parseHex(line.strip()));
            }
        }
        assertThat(r.stdout()).contains("Node 0: " + CLIENT + ":");
        return new Streams(client.toByteArray(), server.toByteArray());
    }

    private static String headOf(byte[] response) {
        String text = new String(response, 0, Math.min(response.length, 4096), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("end of the response head in %s", text.substring(0, Math.min(200, text.length())))
                .isPositive();
        return text.substring(0, end + 4);
    }

    private static final class TsharkCounts {
        long frames;
        long segmentsFromClient;
        long segmentsFromServer;
        long bytesFromClient;
        long bytesFromServer;
        long retransmissionsFromClient;
        double firstFrameEpochSeconds = Double.NaN;
    }

    private static TsharkCounts count(Path trace) throws IOException, InterruptedException {
        CommandResult r = tool("tshark", "-r", trace.toString(), "-T", "fields", "-E", "separator=,", "-e",
                "frame.time_epoch", "-e", "ip.src", "-e", "tcp.len", "-e", "tcp.analysis.retransmission");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        TsharkCounts c = new TsharkCounts();
        for (String line : r.stdout().lines().toList()) {
            String[] f = line.split(",", -1);
            c.frames++;
            if (Double.isNaN(c.firstFrameEpochSeconds)) {
                c.firstFrameEpochSeconds = Double.parseDouble(f[0]);
            }
            if (f[2].isEmpty()) {
                continue; // ARP: no TCP length
            }
            boolean fromClient = f[1].equals(CLIENT);
            long len = Long.parseLong(f[2]);
            if (fromClient) {
                c.segmentsFromClient++;
                c.bytesFromClient += len;
                c.retransmissionsFromClient += f[3].isEmpty() ? 0 : 1;
            } else {
                c.segmentsFromServer++;
                c.bytesFromServer += len;
            }
        }
        return c;
    }

    /** A counter of the --stats report: the number before {@code what} at the start of a line. */
    private static long stat(String report, String what) {
        Matcher m = Pattern.compile("(?m)^\\s+(\\d+) " + Pattern.quote(what) + "( \\(.*\\))?$").matcher(report);
        assertThat(m.find()).as("'%s' in the report:\n%s", what, report).isTrue();
        return Long.parseLong(m.group(1));
    }
}
