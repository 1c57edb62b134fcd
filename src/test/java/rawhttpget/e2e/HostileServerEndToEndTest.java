package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Server faults and local faults end to end: the CLI against {@link HostileHttpServer} (kernel sockets, in the
 * server namespace) and against nginx with an unwritable or full output directory. Every run asserts the exit
 * code, the one-line message, and the files left: nothing under the final name, a file that was there before
 * left byte for byte as it was, and a {@code .part} (where one is kept) holding exactly a prefix of what was sent.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileServerEndToEndTest {
    private static final int PORT = 8081;
    private static final String PRECIOUS = "an older file of the same name\n";
    private static final String BIG = "3M.bin";

    @RegisterExtension
    static final NetworkFixture<TestNetwork> fixture =
            NetworkFixture.testNetwork("hostile-http", docroot -> TestFiles.random(docroot.resolve(BIG), 3L << 20, 7));

    private Process server;

    @BeforeAll
    void startTheHostileServer() throws Exception {
        server = new ProcessBuilder("ip", "netns", "exec", fixture.net().serverNamespace(),
                Rawhttpget.java(), "-Xmx64m",
                "-cp", Repo.root().resolve("target/test-classes").toString(), HostileHttpServer.class.getName(),
                String.valueOf(PORT))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).as("the hostile server starts").isEqualTo("listening");
    }

    /** Before the fixture takes the network down (JUnit runs extensions' after-all callbacks last). */
    @AfterAll
    void stopTheHostileServer() throws Exception {
        if (server != null) {
            server.getOutputStream().close(); // its stdin: the server exits on EOF
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad-status             | malformed response: malformed status line \"HTTP/1.1 2OO OK\"",
        "oversize-head          | malformed response: response head exceeds 65536 bytes",
        "too-many-headers       | malformed response: response head has more than 256 header fields",
        "negative-length        | malformed response: invalid Content-Length '-5'",
        "overflowing-length     | malformed response: Content-Length '99999999999999999999999' is too large",
        "bad-chunk-size         | malformed response: invalid chunk size line",
        "negative-chunk-size    | malformed response: invalid chunk size line",
        "overflowing-chunk-size | malformed response: chunk size in \"fffffffffffffffff\" exceeds"})
    void malformedResponseExitsSevenAndLeavesTheOlderFileAlone(String path, String message) throws Exception {
        Files.writeString(fixture.work().resolve(path), PRECIOUS);

        Run run = run(List.of(), "http://" + TestNetwork.SERVER_ONLINK_IP + ":" + PORT + "/" + path);

        run.assertFailed(7, message);
        run.assertOlderFileIntactAndPartIsAPrefix(path, HostileHttpServer.body(0, 0), "ok");
    }

    @Test
    void fewerBytesThanContentLengthExitsSevenAndKeepsThePart() throws Exception {
        Files.writeString(fixture.work().resolve("short-body"), PRECIOUS);

        Run run = run(List.of(), "http://" + TestNetwork.SERVER_ONLINK_IP + ":" + PORT + "/short-body");

        run.assertFailed(7, "400 of " + HostileHttpServer.SHORT_BODY_PROMISED);
        run.assertOlderFileIntactAndPartIs("short-body", HostileHttpServer.body(0, HostileHttpServer.SHORT_BODY_SENT));
    }

    @Test
    void resetMidBodyExitsFourAndKeepsThePart() throws Exception {
        Files.writeString(fixture.work().resolve("reset-mid-body"), PRECIOUS);

        Run run = run(List.of(), "http://" + TestNetwork.SERVER_ONLINK_IP + ":" + PORT + "/reset-mid-body");

        run.assertFailed(4, "connection reset by peer");
        assertThat(run.lastLine()).contains("after " + HostileHttpServer.PARTIAL + " body bytes");
        run.assertOlderFileIntactAndPartIs("reset-mid-body", HostileHttpServer.body(0, HostileHttpServer.PARTIAL));
    }

    @Test
    void serverThatStopsSendingIsGivenUpAfterTheTimeoutWithExitFour() throws Exception {
        Files.writeString(fixture.work().resolve("stall"), PRECIOUS);
        long start = System.nanoTime();

        Run run = run(List.of("--timeout", "2"), "http://" + TestNetwork.SERVER_ONLINK_IP + ":" + PORT + "/stall");

        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        run.assertFailed(4, "connection timed out");
        run.assertOlderFileIntactAndPartIs("stall", HostileHttpServer.body(0, HostileHttpServer.PARTIAL));
        assertThat(seconds).as("gave up after about --timeout, not the default 60 s").isLessThan(30);
    }

    @Test
    void serverSendingOneBytePerSecondStillCompletesWithinAShorterTimeout() throws Exception {
        // Four seconds of body against a 3 s idle timeout: each byte restarts the timer.
        Run run = run(List.of("--timeout", "3"), "http://" + TestNetwork.SERVER_ONLINK_IP + ":" + PORT + "/slow");

        assertThat(run.result.exitCode()).as(run.result.describe()).isZero();
        assertThat(run.files).as("files left").containsOnlyKeys("slow");
        assertThat(Files.readString(fixture.work().resolve("slow"))).isEqualTo(HostileHttpServer.SLOW_BODY);
    }

    @Test
    void unwritableOutputDirectoryExitsThreeWithAMessageAndChangesNothing() throws Exception {
        Path readOnly = Files.createDirectory(fixture.work().resolve("ro"));
        Files.writeString(readOnly.resolve(BIG), PRECIOUS);
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // Root writes anywhere; without CAP_DAC_OVERRIDE it meets the permissions as any user would.
            Run run = run(List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"),
                    List.of("-O", "ro/" + BIG), "http://" + TestNetwork.SERVER_ONLINK_IP + "/" + BIG);

            run.assertFailed(3, "ro/" + BIG + ".part");
            assertThat(run.lastLine()).containsIgnoringCase("permission denied");
            assertThat(listing(readOnly)).containsOnlyKeys(BIG);
            assertThat(Files.readString(readOnly.resolve(BIG))).isEqualTo(PRECIOUS);
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void fullDiskExitsThreeWithAMessageAndNeverRenamesThePart() throws Exception {
        Path full = Files.createDirectory(fixture.work().resolve("full"));
        // A 256 KiB tmpfs in a mount namespace of the command's own: it vanishes with the command, so the
        // shell reports what was left on it before it exits.
        String script = """
                set -u
                mount -t tmpfs -o size=256k rhg-full "$1" || exit 90
                cd "$1"
                printf '%s' "$2" > 3M.bin
                shift 2
                "$@"
                echo "exit=$?"
                for f in *; do echo "file=$f $(stat -c %s "$f")"; done
                echo "content=$(cat 3M.bin)"
                """;
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                script, "full", full.toString(), PRECIOUS.strip()));
        command.add(Rawhttpget.java());
        command.addAll(List.of("-jar", Rawhttpget.jar().toString(), "-i", fixture.net().onLinkInterface(),
                "http://" + TestNetwork.SERVER_ONLINK_IP + "/" + BIG));
        CommandResult result = fixture.net().execInClient(fixture.work(), Rawhttpget.TIMEOUT, command);

        String out = result.stdout();
        assertThat(out).as(result.describe()).contains("exit=3");
        String[] stderr = result.stderr().strip().split("\n");
        assertThat(stderr[stderr.length - 1]).as(result.describe())
                .startsWith("rawhttpget: ").containsIgnoringCase("no space left on device");
        assertThat(result.stderr()).doesNotContain("\tat ", "Exception");
        assertThat(out).contains("file=3M.bin " + PRECIOUS.strip().length()).contains("content=" + PRECIOUS.strip());
        assertThat(out.lines().filter(l -> l.startsWith("file="))).as("only the older file and the partial")
                .allMatch(l -> l.startsWith("file=3M.bin ") || l.startsWith("file=" + secondCopyPart(BIG) + " "));
        assertThat(listing(full)).as("the tmpfs went with its namespace").isEmpty();
    }

    /** One CLI run in the client namespace: what it printed and the files it left in the work directory. */
    private record Run(CommandResult result, Map<String, byte[]> files, String iptablesBefore, String iptablesAfter) {
        String lastLine() {
            String[] lines = result.stderr().strip().split("\n");
            return lines[lines.length - 1];
        }

        void assertFailed(int exitCode, String messageFragment) {
            SoftAssertions.assertSoftly(soft -> {
                soft.assertThat(result.exitCode()).as("exit code\n%s", result.describe()).isEqualTo(exitCode);
                soft.assertThat(lastLine()).as("the message\n%s", result.describe())
                        .startsWith("rawhttpget: ").contains(messageFragment);
                soft.assertThat(result.stderr()).as("no stack trace").doesNotContain("\tat ", "Exception");
                soft.assertThat(iptablesAfter).as("firewall rules (iptables-save, nft list ruleset) after the run").isEqualTo(iptablesBefore);
            });
        }

        /**
         * The older file is untouched, and the partial body, which goes to NAME.1 as wget names a second copy,
         * is kept as NAME.1.part holding exactly {@code part}.
         */
        void assertOlderFileIntactAndPartIs(String name, byte[] part) {
            assertThat(files).as("files left").containsOnlyKeys(name, secondCopyPart(name));
            assertThat(new String(files.get(name), StandardCharsets.UTF_8)).isEqualTo(PRECIOUS);
            assertThat(files.get(secondCopyPart(name))).as("the partial body").isEqualTo(part);
        }

        /** The older file is untouched; a NAME.1.part, if one was kept, is empty or {@code allowed}. */
        void assertOlderFileIntactAndPartIsAPrefix(String name, byte[] empty, String allowed) {
            assertThat(files).as("files left").containsKey(name);
            assertThat(files.keySet()).as("files left").isSubsetOf(name, secondCopyPart(name));
            assertThat(new String(files.get(name), StandardCharsets.UTF_8)).isEqualTo(PRECIOUS);
            byte[] part = files.get(secondCopyPart(name));
            if (part != null) {
                assertThat(new String(part, StandardCharsets.ISO_8859_1)).isIn(new String(empty), allowed);
            }
        }
    }

    /** Where the body of a second copy of NAME goes until it is complete: wget names the copy NAME.1. */
    private static String secondCopyPart(String name) {
        return name + ".1.part";
    }

    private Run run(List<String> options, String url) throws Exception {
        return run(List.of(), options, url);
    }

    private Run run(List<String> wrapper, List<String> options, String url) throws Exception {
        String before = fixture.net().firewallRules();
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(Rawhttpget.java(), "-jar",
                Rawhttpget.jar().toString(), "-i", fixture.net().onLinkInterface()));
        command.addAll(options);
        command.add(url);
        CommandResult result = fixture.net().execInClient(fixture.work(), Rawhttpget.TIMEOUT, command);
        return new Run(result, listing(fixture.work()), before, fixture.net().firewallRules());
    }

    private static Map<String, byte[]> listing(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                if (Files.isRegularFile(p)) {
                    files.put(p.getFileName().toString(), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }
}
