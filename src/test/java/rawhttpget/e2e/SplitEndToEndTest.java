package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * --split against nginx (which serves ranges), against nginx's /norange/ location (a 200 to every Range) and against
 * python3's http.server (no range support at all), and a segmented download killed with SIGKILL then continued.
 * nginx's access log ends each line with {@code conn=$connection reqs=$connection_requests}: the connections the
 * segments came over are counted there.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SplitEndToEndTest {
    private static final Pattern LOGGED = Pattern.compile("\"GET (\\S+) HTTP/1\\.1\" (\\d+) .* conn=(\\d+) reqs=(\\d+)$");
    private static final long SIZE = 3L << 20;
    private static final Duration SHORT = Duration.ofSeconds(30);

    @RegisterExtension
    static final NetworkFixture<TestNetwork> fixture =
            NetworkFixture.testNetwork("split", docroot -> {
                TestFiles.random(docroot.resolve("3M.bin"), SIZE, 17);
                for (int i = 1; i <= 4; i++) {
                    TestFiles.random(docroot.resolve("f" + i + ".bin"), 400_000 + i * 1000, 30 + i);
                }
            });

    private String sha;

    @BeforeAll
    void hashTheFile() throws Exception {
        sha = Sha256.of(fixture.docroot().resolve("3M.bin"));
    }

    private record Logged(String target, int status, long connection) {
    }

    private int logLines() throws Exception {
        return Files.readAllLines(fixture.net().stateDirectory().resolve("access.log")).size();
    }

    private List<Logged> logSince(int lines) throws Exception {
        List<String> all = Files.readAllLines(fixture.net().stateDirectory().resolve("access.log"));
        List<Logged> logged = new ArrayList<>();
        for (String line : all.subList(lines, all.size())) {
            Matcher m = LOGGED.matcher(line);
            assertThat(m.find()).as(line).isTrue();
            logged.add(new Logged(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3))));
        }
        return logged;
    }

    private CommandResult rawhttpget(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-i", fixture.net().onLinkInterface()));
        all.addAll(List.of(args));
        return Rawhttpget.run(fixture.net(), fixture.work(), all.toArray(String[]::new));
    }

    @Test
    void fourConnectionsSaveTheExactFile() throws Exception {
        int before = logLines();

        CommandResult r = rawhttpget("--split", "4", "--min-split-size", "256k", "--stats", "--pcap", "four.pcap",
                "-P", "four", "http://files.test/3M.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(Sha256.of(fixture.work().resolve("four/3M.bin"))).isEqualTo(sha);
        assertThat(fixture.work().resolve("four/3M.bin.part.split")).doesNotExist();
        assertThat(fixture.work().resolve("four/3M.bin.part")).doesNotExist();
        List<Logged> log = logSince(before);
        assertThat(log).extracting(Logged::status).containsOnly(206);
        assertThat(log.stream().map(Logged::connection).distinct().count()).as(log.toString()).isGreaterThanOrEqualTo(4);
        assertThat(r.stderr()).contains("saved [3145728/3145728]").contains("all 4 connections:\n");
        // --pcap has every connection: four SYNs from four local ports.
        CommandResult syns = Command.run(List.of("tshark", "-r", fixture.work().resolve("four.pcap").toString(), "-Y",
                "tcp.flags.syn == 1 && tcp.flags.ack == 0", "-T", "fields", "-e", "tcp.srcport"), fixture.work(), SHORT);
        assertThat(syns.stdout().lines().distinct().count()).as(syns.describe()).isEqualTo(4);
    }

    @Test
    void aRedirectedUrlIsSplitAtTheEndOfItsChain() throws Exception {
        int before = logLines();

        CommandResult r = rawhttpget("--split", "4", "--min-split-size", "256k", "-P", "hops",
                "http://files.test/redirect/hops/2/3M.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(Sha256.of(fixture.work().resolve("hops/3M.bin"))).isEqualTo(sha);
        List<Logged> log = logSince(before);
        assertThat(log.subList(0, 2)).extracting(Logged::status).containsExactly(302, 302);
        assertThat(log.subList(2, log.size())).extracting(Logged::status).containsOnly(206);
        assertThat(log.subList(2, log.size()).stream().map(Logged::connection).distinct().count()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aSegmentedDownloadKilledMidwayIsContinuedByMinusC() throws Exception {
        Path dir = Files.createDirectories(fixture.work().resolve("killed"));
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", fixture.net().clientNamespace()));
        command.addAll(Rawhttpget.command("-i", fixture.net().onLinkInterface(), "--split", "4", "--progress=none",
                "http://files.test/slow/3M.bin"));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Path state = dir.resolve("3M.bin.part.split");
        try {
            long deadline = System.nanoTime() + SHORT.toNanos();
            while (!Files.exists(state) && System.nanoTime() - deadline < 0) {
                Thread.sleep(20); // a real process: its first segment's head takes a moment
            }
            assertThat(state).exists();
            Thread.sleep(2_000); // four connections at 200 KB/s each: about half of the file
        } finally {
            Command.check(List.of("kill", "-s", "KILL", Long.toString(process.pid())), SHORT);
            assertThat(process.waitFor(SHORT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        assertThat(dir.resolve("3M.bin")).doesNotExist();
        String kept = Files.readString(state);
        assertThat(kept).startsWith("rawhttpget-split 1\nlength 3145728\nmissing ");
        int before = logLines();

        CommandResult r = Rawhttpget.run(fixture.net(), dir, "-i", fixture.net().onLinkInterface(), "-c", "--split",
                "4", "http://files.test/slow/3M.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(Sha256.of(dir.resolve("3M.bin"))).isEqualTo(sha);
        assertThat(state).doesNotExist();
        assertThat(logSince(before)).extracting(Logged::status).containsOnly(206);
        assertThat(r.stderr()).as(kept).contains("Length: 3145728 (3.0M), ").contains(" remaining");
    }

    @Test
    void aLocationAnsweringTwoHundredToARangeFallsBackToOneConnection() throws Exception {
        int before = logLines();

        CommandResult r = rawhttpget("--split", "4", "-P", "norange", "http://files.test/norange/3M.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(Sha256.of(fixture.work().resolve("norange/3M.bin"))).isEqualTo(sha);
        assertThat(r.stderr()).doesNotContain("split");
        // The probe's 200 is abandoned at its head; the ordinary request follows.
        assertThat(logSince(before)).extracting(Logged::target).containsExactly("/norange/3M.bin", "/norange/3M.bin");
    }

    @Test
    void aServerWithoutRangeSupportFallsBackAndSaysSoAtMinusV() throws Exception {
        Process server = new ProcessBuilder("ip", "netns", "exec", fixture.net().serverNamespace(), "python3", "-m",
                "http.server", "--bind", TestNetwork.SERVER_ONLINK_IP, "8000", "--directory",
                fixture.docroot().toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(fixture.work().resolve("python-http.log").toFile())
                .redirectErrorStream(true).start();
        try {
            awaitListening(TestNetwork.SERVER_ONLINK_IP + ":8000");

            CommandResult r = rawhttpget("-v", "--split", "4", "-P", "python", "http://files.test:8000/3M.bin");

            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(Sha256.of(fixture.work().resolve("python/3M.bin"))).isEqualTo(sha);
            assertThat(r.stderr()).contains("--split: the server answered 200 to a Range request; one connection"
                    + " instead");
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** -j 4 over two servers (nginx's ports 80 and 8080), with a 404 among them: wget's exit 8, the rest saved. */
    @Test
    void fourUrlsAtOnceFromTwoServersAreReportedInOrder() throws Exception {
        int before = logLines();

        CommandResult r = rawhttpget("-j", "4", "-nv", "-P", "side", "http://files.test/f1.bin",
                "http://files.test:8080/f2.bin", "http://files.test/missing.bin", "http://files.test:8080/f3.bin",
                "http://files.test/f4.bin");

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(8);
        for (int i : new int[] {1, 2, 3, 4}) {
            assertThat(Sha256.of(fixture.work().resolve("side/f" + i + ".bin")))
                    .isEqualTo(Sha256.of(fixture.docroot().resolve("f" + i + ".bin")));
        }
        List<String> lines = r.stderr().lines().toList();
        assertThat(lines.get(0)).as(r.stderr()).contains("URL:http://files.test/f1.bin [401000/401000]");
        assertThat(lines.get(1)).contains("URL:http://files.test:8080/f2.bin [402000/402000]");
        assertThat(lines.get(2)).contains("http://files.test/missing.bin:").contains("404");
        assertThat(lines.get(3)).contains("URL:http://files.test:8080/f3.bin [403000/403000]");
        assertThat(lines.get(4)).contains("URL:http://files.test/f4.bin [404000/404000]");
        List<Logged> log = logSince(before);
        assertThat(log).hasSize(5);
        // The first four start together: four connections at once, none of them waiting for another to be free.
        assertThat(log.stream().map(Logged::connection).distinct().count()).as(log.toString()).isGreaterThanOrEqualTo(4);
    }

    /** Ctrl-C with two downloads running side by side: both stop, exit 130, each partial file kept for -c. */
    @Test
    void sigintStopsEveryDownloadRunningSideBySide() throws Exception {
        Path dir = Files.createDirectories(fixture.work().resolve("sigint"));
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", fixture.net().clientNamespace(), "env",
                "--default-signal=INT,TERM"));
        command.addAll(Rawhttpget.command("-i", fixture.net().onLinkInterface(), "-j", "2", "--split", "2",
                "--progress=none", "http://files.test/slow/3M.bin", "http://files.test/slow/f1.bin"));
        Path log = dir.resolve("stderr.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + SHORT.toNanos();
            while (!(Files.exists(dir.resolve("3M.bin.part.split")) && Files.exists(dir.resolve("f1.bin.part")))
                    && System.nanoTime() - deadline < 0) {
                Thread.sleep(20); // a real process: both downloads' heads take a moment
            }
            Thread.sleep(200); // f1.bin needs 2 s at 200 KB/s: both are still running
            Command.check(List.of("kill", "-s", "INT", Long.toString(process.pid())), SHORT);
            assertThat(process.waitFor(SHORT.toSeconds(), TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
        } finally {
            process.destroyForcibly().waitFor();
        }
        assertThat(process.exitValue()).as(Files.readString(log)).isEqualTo(130);
        assertThat(dir.resolve("3M.bin")).doesNotExist();
        assertThat(dir.resolve("f1.bin")).doesNotExist();
        assertThat(dir.resolve("3M.bin.part.split")).exists();
    }

    @Test
    void splitToStandardOutputIsAUsageError() throws Exception {
        CommandResult r = rawhttpget("--split", "2", "-O", "-", "http://files.test/3M.bin");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("--split writes segments at their offsets: it cannot write to standard output");
    }

    private void awaitListening(String address) throws Exception {
        for (int i = 0; i < 100; i++) {
            CommandResult ss = Command.run(List.of("ip", "netns", "exec", fixture.net().serverNamespace(), "ss", "-Hltn",
                    "src", address), Path.of("/"), SHORT);
            if (ss.stdout().contains(address)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nothing listens on " + address);
    }
}
