package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

import static rawhttpget.e2e.WgetLines.DATE;
import static rawhttpget.e2e.WgetLines.QUOTE;
import static rawhttpget.e2e.WgetLines.QUOTE_END;
import static rawhttpget.e2e.WgetLines.saved;

/**
 * The downloader behaving like wget, end to end against nginx in the test network (the redirect, 403 and
 * no-Range locations are drawn in scripts/testnet.sh's header): redirects of every kind, error statuses, resume,
 * naming, -nc, -O - into a pipe, -P, several URLs. Every run goes through the userspace stack on the on-link
 * interface with the host's address; DownloadEndToEndTest covers the other routes.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WgetBehaviourEndToEndTest {
    private static final long SIZE = 300_000;

    @RegisterExtension
    static final NetworkFixture<TestNetwork> fixture = NetworkFixture.testNetwork("wget", docroot -> {
        TestFiles.random(docroot.resolve("file.bin"), SIZE, 42);
        TestFiles.random(docroot.resolve("other.bin"), 1234, 43);
    });

    private String fileSha256;

    @BeforeAll
    void hashTheFile() throws Exception {
        fileSha256 = Sha256.of(fixture.docroot().resolve("file.bin"));
    }

    private CommandResult rawhttpget(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-i", fixture.net().onLinkInterface()));
        all.addAll(Arrays.asList(args));
        return Rawhttpget.run(fixture.net(), fixture.work(), all.toArray(String[]::new));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> listing = Files.list(fixture.work())) {
            return listing.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private String sha256(String name) throws IOException {
        return Sha256.of(fixture.work().resolve(name));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "relative/file.bin  | Location: /file.bin [following]",
        "dotdot/file.bin    | Location: ../../file.bin [following]",
        "absolute/file.bin  | Location: http://files.test/file.bin [following]",
        "port8080/file.bin  | Location: http://files.test:8080/file.bin [following]",
        "see-other/file.bin | Location: http://files.test/file.bin [following]",
        "permanent/file.bin | Location: http://files.test/file.bin [following]"})
    void followsTheRedirectAndKeepsTheOriginalUrlsName(String path, String following) throws Exception {
        CommandResult r = rawhttpget("http://files.test/redirect/" + path);

        List<String> files = files();
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(r.exitCode()).as(r.describe()).isZero();
            // As wget: the Location as the server sent it.
            soft.assertThat(r.stderr()).contains(following).containsPattern(saved("file.bin", "300000/300000"));
            soft.assertThat(files).containsExactly("file.bin");
        });
        assertThat(sha256("file.bin")).isEqualTo(fileSha256);
    }

    @Test
    void followsAChainOfRedirectsWithinTheLimitAndRefusesItBeyond() throws Exception {
        CommandResult within = rawhttpget("--max-redirect", "3", "http://files.test/redirect/hops/3/file.bin");
        assertThat(within.exitCode()).as(within.describe()).isZero();
        assertThat(sha256("file.bin")).isEqualTo(fileSha256);
        Files.delete(fixture.work().resolve("file.bin"));

        CommandResult beyond = rawhttpget("--max-redirect", "2", "http://files.test/redirect/hops/3/file.bin");

        assertThat(beyond.exitCode()).as(beyond.describe()).isEqualTo(8);
        assertThat(beyond.stderr()).endsWith("rawhttpget: 2 redirections exceeded.\n");
        assertThat(files()).isEmpty();
    }

    @Test
    void aRedirectLoopIsExitEight() throws Exception {
        CommandResult r = rawhttpget("http://files.test/redirect/ping");

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(8);
        assertThat(r.stderr()).endsWith("rawhttpget: redirection loop: http://files.test/redirect/ping redirects back"
                + " to a URL already fetched after 2 redirections.\n");
        assertThat(files()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/forbidden/file.bin | rawhttpget: ERROR 403: Forbidden.",
        "/no-such-file.bin   | rawhttpget: ERROR 404: Not Found."})
    void anErrorStatusIsExitEightWithNothingSaved(String path, String message) throws Exception {
        CommandResult r = rawhttpget("http://files.test" + path);

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(8);
        assertThat(r.stderr()).matches("--" + DATE + "--  http://files\\.test" + path + "\n"
                + "Resolving files\\.test \\(files\\.test\\)\\.\\.\\. 198\\.18\\.1\\.1\n"
                + "Connecting to files\\.test \\(files\\.test\\)\\|198\\.18\\.1\\.1\\|:80\\.\\.\\. connected\\.\n"
                + "HTTP request sent, awaiting response\\.\\.\\. \\d{3} [^\n]*\n"
                + Pattern.quote(message) + "\n");
        assertThat(files()).isEmpty();
    }

    @Test
    void contentOnErrorSavesTheErrorPageAndStillExitsEight() throws Exception {
        CommandResult r = rawhttpget("-q", "--content-on-error", "http://files.test/forbidden/page");

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(8);
        assertThat(files()).containsExactly("page");
        assertThat(Files.readString(fixture.work().resolve("page"))).contains("403 Forbidden");
    }

    @Test
    void continueAppendsTheRestToThePartFile() throws Exception {
        Files.write(fixture.work().resolve("file.bin.part"),
                Arrays.copyOf(Files.readAllBytes(fixture.docroot().resolve("file.bin")), 100_000));

        CommandResult r = rawhttpget("-c", "http://files.test/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stderr()).contains(",,,,,,,,,,", "HTTP request sent, awaiting response... 206 Partial Content\n"
                + "Length: 300000 (293K), 200000 (195K) remaining [application/octet-stream]\n")
                .containsPattern(saved("file.bin", "300000/300000"));
        assertThat(files()).containsExactly("file.bin");
        assertThat(sha256("file.bin")).isEqualTo(fileSha256);
        assertThat(Files.readString(fixture.net().stateDirectory().resolve("access.log")))
                .contains("\"GET /file.bin HTTP/1.1\" 206 200000");
    }

    @Test
    void continueOfACompleteFileFetchesNothing() throws Exception {
        Files.copy(fixture.docroot().resolve("file.bin"), fixture.work().resolve("file.bin"));

        CommandResult r = rawhttpget("-c", "http://files.test/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stderr()).contains("HTTP request sent, awaiting response... 416 Requested Range Not Satisfiable\n")
                .endsWith("\n\n    The file is already fully retrieved; nothing to do.\n\n");
        assertThat(files()).containsExactly("file.bin");
        assertThat(sha256("file.bin")).isEqualTo(fileSha256);
    }

    @Test
    void continueStartsOverWhenTheServerIgnoresTheRange() throws Exception {
        // Not even a prefix: the 200 must replace it whole.
        Files.write(fixture.work().resolve("file.bin"), new byte[1000]);

        CommandResult r = rawhttpget("-c", "http://files.test/norange/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stderr()).contains("The server sent the whole file (200) instead of the rest: starting over.");
        assertThat(files()).containsExactly("file.bin");
        assertThat(sha256("file.bin")).isEqualTo(fileSha256);
    }

    @Test
    void anExistingFileIsKeptAndTheDownloadGoesToNameDotOne() throws Exception {
        Files.writeString(fixture.work().resolve("file.bin"), "mine");

        CommandResult r = rawhttpget("-q", "http://files.test/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(files()).containsExactly("file.bin", "file.bin.1");
        assertThat(Files.readString(fixture.work().resolve("file.bin"))).isEqualTo("mine");
        assertThat(sha256("file.bin.1")).isEqualTo(fileSha256);
    }

    @Test
    void noClobberLeavesAnExistingFileAndFetchesNothing() throws Exception {
        Files.writeString(fixture.work().resolve("file.bin"), "mine");

        CommandResult r = rawhttpget("-nc", "http://files.test/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stderr()).isEqualTo("File 'file.bin' already there; not retrieving.\n");
        assertThat(files()).containsExactly("file.bin");
        assertThat(Files.readString(fixture.work().resolve("file.bin"))).isEqualTo("mine");
    }

    @Test
    void dashOMinusWritesOnlyTheBodyToStdoutEvenWithDebugLogs() throws Exception {
        String java = Rawhttpget.java();
        CommandResult r = fixture.net().execInClient(fixture.work(), Rawhttpget.TIMEOUT, List.of(
                "bash", "-o", "pipefail", "-c",
                "\"$1\" -jar \"$2\" -d -i \"$3\" -O - http://files.test/file.bin | sha256sum", "pipe",
                java, Rawhttpget.jar().toString(), fixture.net().onLinkInterface()));

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout().split("\\s+")[0]).isEqualTo(fileSha256);
        assertThat(r.stderr()).contains("Saving to: ").containsPattern(" - written to stdout \\[300000/300000\\]\n");
        assertThat(files()).isEmpty();
    }

    @Test
    void aNamedPipeGivenWithDashOIsWrittenDirectly() throws Exception {
        String java = Rawhttpget.java();
        CommandResult r = fixture.net().execInClient(fixture.work(), Rawhttpget.TIMEOUT, List.of("bash", "-c",
                "mkfifo pipe && { sha256sum <pipe >pipe.sha256 & } && \"$1\" -jar \"$2\" -q -i \"$3\" -O pipe"
                        + " http://files.test/file.bin && wait", "fifo", java, Rawhttpget.jar().toString(),
                fixture.net().onLinkInterface()));

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(Files.readString(fixture.work().resolve("pipe.sha256")).split("\\s+")[0]).isEqualTo(fileSha256);
        assertThat(files()).containsExactly("pipe", "pipe.sha256"); // no pipe.part, no pipe.1
    }

    @Test
    void directoryPrefixSavesIntoACreatedDirectory() throws Exception {
        CommandResult r = rawhttpget("-q", "-P", "a/b", "http://files.test/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(sha256("a/b/file.bin")).isEqualTo(fileSha256);
    }

    @Test
    void severalUrlsByAddressAndPortGoOnAfterAFailureAndExitWithTheWorstCode() throws Exception {
        CommandResult r = rawhttpget("-q", "http://" + TestNetwork.SERVER_ONLINK_IP + ":8080/file.bin",
                "http://files.test/missing.bin", "http://nowhere.test/x", "http://files.test/other.bin");

        List<String> files = files();
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(r.exitCode()).as(r.describe()).isEqualTo(4);
            soft.assertThat(r.stderr()).isEqualTo(
                    "rawhttpget: http://files.test/missing.bin: ERROR 404: Not Found.\n"
                            + "rawhttpget: http://nowhere.test/x: unable to resolve host address 'nowhere.test'\n"
                            + "rawhttpget: some downloads failed\n");
            soft.assertThat(files).containsExactly("file.bin", "other.bin");
        });
        assertThat(sha256("file.bin")).isEqualTo(fileSha256);
        assertThat(sha256("other.bin")).isEqualTo(Sha256.of(fixture.docroot().resolve("other.bin")));
    }

    @Test
    void aConnectionNobodyAnswersTimesOutAndIsTriedAgainAfterABackoff() throws Exception {
        // In the server namespace this test's network owns: SYNs to port 81 vanish, so only --timeout ends the wait.
        List<String> drop = List.of("ip", "netns", "exec", fixture.net().serverNamespace(), "iptables", "-I", "INPUT",
                "-p", "tcp", "--dport", "81", "-j", "DROP");
        Command.check(drop, Duration.ofSeconds(20));
        try {
            CommandResult r = rawhttpget("-T", "1", "--tries", "2", "--waitretry", "1", "http://files.test:81/file.bin");

            assertThat(r.exitCode()).as(r.describe()).isEqualTo(4);
            assertThat(r.stderr()).matches("--" + DATE + "--  http://files\\.test:81/file\\.bin\n"
                    + "Resolving files\\.test \\(files\\.test\\)\\.\\.\\. 198\\.18\\.1\\.1\n"
                    + "Connecting to files\\.test \\(files\\.test\\)\\|198\\.18\\.1\\.1\\|:81\\.\\.\\. failed: Connection timed out\\.\n"
                    + "rawhttpget: connection timed out \\(files\\.test \\(198\\.18\\.1\\.1:81\\)\\); retrying in 1 s \\(try 2 of 2\\)\n"
                    + "--" + DATE + "--  \\(try: 2\\)  http://files\\.test:81/file\\.bin\n"
                    + "Connecting to files\\.test \\(files\\.test\\)\\|198\\.18\\.1\\.1\\|:81\\.\\.\\. failed: Connection timed out\\.\n"
                    + "rawhttpget: connection timed out \\(files\\.test \\(198\\.18\\.1\\.1:81\\)\\)\n");
            assertThat(files()).isEmpty();
        } finally {
            List<String> undo = new ArrayList<>(drop);
            undo.set(undo.indexOf("-I"), "-D");
            Command.check(undo, Duration.ofSeconds(20));
        }
    }

    @Test
    void anErrorStatusIsNotTriedAgain() throws Exception {
        CommandResult r = rawhttpget("--tries", "3", "http://files.test/never-there.bin");

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(8);
        assertThat(r.stderr()).endsWith("HTTP request sent, awaiting response... 404 Not Found\n"
                + "rawhttpget: ERROR 404: Not Found.\n");
        assertThat(Files.readAllLines(fixture.net().stateDirectory().resolve("access.log")))
                .filteredOn(line -> line.contains("/never-there.bin")).hasSize(1);
    }

    @Test
    void anOutputFileThatCannotBeCreatedIsExitThree() throws Exception {
        CommandResult r = rawhttpget("-O", "no-such-dir/x.bin", "http://files.test/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
        assertThat(r.stderr()).endsWith("Saving to: " + QUOTE + "no-such-dir/x.bin" + QUOTE_END + "\n"
                + "rawhttpget: cannot open 'no-such-dir/x.bin.part' for writing: no such file or directory\n");
        assertThat(files()).isEmpty();
    }
}
