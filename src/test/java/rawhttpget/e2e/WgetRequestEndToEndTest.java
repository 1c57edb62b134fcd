package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the request carries, end to end against nginx (the /echo/request, /upload/, /post/ and /auth/ locations of
 * scripts/testnet.sh): headers, methods and bodies, and Basic authentication from every source wget takes it from;
 * Digest against {@link DigestAuthServer}. Each case also runs wget 1.21 in the same namespace and expects the same
 * exit status and what the server saw (wget 1.21 answers only MD5 Digest challenges: there the results differ).
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WgetRequestEndToEndTest {
    private static final String USER = "tester";
    private static final String PASSWORD = "pa@ss word";
    private static final String URL_CREDENTIALS = "tester:pa%40ss%20word@";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final String PROTECTED = "http://files.test/auth/file.bin";
    private static final Duration WGET_TIMEOUT = Duration.ofSeconds(60);
    private static final int DIGEST_PORT = 8082;

    @RegisterExtension
    static final NetworkFixture<TestNetwork> fixture = NetworkFixture.testNetwork("wgetreq", docroot ->
            TestFiles.random(docroot.resolve("file.bin"), 100_000, 7));

    private Process digestServer;

    @BeforeAll
    void startTheDigestServer() throws Exception {
        digestServer = new ProcessBuilder("ip", "netns", "exec", fixture.net().serverNamespace(),
                Rawhttpget.java(), "-Xmx64m",
                "-cp", Repo.root().resolve("target/test-classes").toString(), DigestAuthServer.class.getName(),
                String.valueOf(DIGEST_PORT))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(digestServer.getInputStream(),
                StandardCharsets.UTF_8));
        assertThat(out.readLine()).as("the Digest server starts").isEqualTo("listening");
    }

    /** Before the fixture takes the network down (JUnit runs extensions' after-all callbacks last). */
    @AfterAll
    void stopTheDigestServer() throws Exception {
        if (digestServer != null) {
            digestServer.getOutputStream().close(); // its stdin: the server exits on EOF
            if (!digestServer.waitFor(10, TimeUnit.SECONDS)) {
                digestServer.destroyForcibly().waitFor();
            }
        }
    }

    private CommandResult rawhttpget(String... args) throws Exception {
        return rawhttpgetWithHome(fixture.work(), args);
    }

    /** The CLI with HOME pointing at {@code home}, where wget and we look for .netrc. */
    private CommandResult rawhttpgetWithHome(Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("env", "HOME=" + home));
        command.addAll(Rawhttpget.command("-i", fixture.net().onLinkInterface()));
        command.addAll(Arrays.asList(args));
        return fixture.net().execInClient(fixture.work(), Rawhttpget.TIMEOUT, command);
    }

    private CommandResult wget(Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("env", "HOME=" + home, "wget", "--no-config", "-q"));
        command.addAll(Arrays.asList(args));
        return fixture.net().execInClient(fixture.work(), WGET_TIMEOUT, command);
    }

    private String read(String name) throws IOException {
        return Files.readString(fixture.work().resolve(name));
    }

    private Path upload(String name) {
        return fixture.net().stateDirectory().resolve("upload").resolve(name);
    }

    /** The echo without the User-Agent line, which names each program. */
    private static String withoutUserAgent(String echo) {
        return echo.replaceAll("(?m)^user-agent=.*\n", "");
    }

    @Test
    void theHeadersGivenReachTheServerAsFromWget() throws Exception {
        String[] options = {"-U", "Agent X", "--referer", "http://r.test/", "--header", "X-Token: abc",
            "--header", "Accept-Encoding: identity"};
        List<String> ours = new ArrayList<>(List.of(options));
        ours.addAll(List.of("-O", "ours.txt", "http://files.test/echo/request"));
        List<String> theirs = new ArrayList<>(List.of(options));
        theirs.addAll(List.of("-O", "wget.txt", "http://files.test/echo/request"));

        CommandResult r = rawhttpget(ours.toArray(String[]::new));
        CommandResult w = wget(fixture.work(), theirs.toArray(String[]::new));

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(w.exitCode()).as(w.describe()).isZero();
        assertThat(read("ours.txt")).isEqualTo("method=GET\nuser-agent=Agent X\nx-token=abc\nreferer=http://r.test/\n"
                + "accept-encoding=identity\nauthorization=\ncontent-type=\ncontent-length=\n")
                .isEqualTo(read("wget.txt"));
    }

    @Test
    void byDefaultAsksForIdentityEncodingAndAnEmptyHeaderOptionClearsTheList() throws Exception {
        CommandResult r = rawhttpget("--header", "X-Token: gone", "--header=", "-O", "ours.txt",
                "http://files.test/echo/request");
        CommandResult w = wget(fixture.work(), "--header", "X-Token: gone", "--header=", "-O", "wget.txt",
                "http://files.test/echo/request");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(w.exitCode()).as(w.describe()).isZero();
        assertThat(read("ours.txt")).contains("user-agent=rawhttpget/", "\nx-token=\n", "accept-encoding=identity\n");
        assertThat(withoutUserAgent(read("ours.txt"))).isEqualTo(withoutUserAgent(read("wget.txt")));
    }

    @Test
    void postsA200KilobyteFileThatTheServerReceivesExactly() throws Exception {
        Path body = TestFiles.random(fixture.work().resolve("body.bin"), 200_000, 11);

        CommandResult r = rawhttpget("-O", "answer", "--post-file", body.toString(), "http://files.test/post/ours.bin");
        CommandResult w = wget(fixture.work(), "-O", "answer", "--post-file", body.toString(),
                "http://files.test/post/wget.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(w.exitCode()).as(w.describe()).isZero();
        assertThat(Sha256.of(upload("ours.bin"))).isEqualTo(Sha256.of(body)).isEqualTo(Sha256.of(upload("wget.bin")));
    }

    @Test
    void putsA200KilobyteBodyFileWithMethod() throws Exception {
        Path body = TestFiles.random(fixture.work().resolve("body.bin"), 200_000, 12);

        CommandResult r = rawhttpget("-O", "answer", "--method", "put", "--body-file", body.toString(),
                "http://files.test/upload/put.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(Sha256.of(upload("put.bin"))).isEqualTo(Sha256.of(body));
    }

    @Test
    void postDataIsAFormPostAsFromWget() throws Exception {
        CommandResult r = rawhttpget("-O", "ours.txt", "--post-data", "a=1&b=2", "http://files.test/echo/request");
        CommandResult w = wget(fixture.work(), "-O", "wget.txt", "--post-data", "a=1&b=2",
                "http://files.test/echo/request");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(w.exitCode()).as(w.describe()).isZero();
        assertThat(read("ours.txt")).contains("method=POST\n", "content-type=application/x-www-form-urlencoded\n",
                "content-length=7\n");
        assertThat(withoutUserAgent(read("ours.txt"))).isEqualTo(withoutUserAgent(read("wget.txt")));
    }

    @Test
    void aPostRedirectedBy302BecomesAGetAsInWget() throws Exception {
        CommandResult r = rawhttpget("-O", "ours.txt", "--post-data", "x", "http://files.test/redirect/relative/echo/request");
        CommandResult w = wget(fixture.work(), "-O", "wget.txt", "--post-data", "x",
                "http://files.test/redirect/relative/echo/request");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(w.exitCode()).as(w.describe()).isZero();
        assertThat(read("ours.txt")).startsWith("method=GET\n").contains("content-length=\n");
        assertThat(withoutUserAgent(read("ours.txt"))).isEqualTo(withoutUserAgent(read("wget.txt")));
    }

    @Test
    void headSavesNothingAndSaysTheRemoteFileExists() throws Exception {
        CommandResult r = rawhttpget("--method=HEAD", "http://files.test/file.bin");
        CommandResult w = wget(fixture.work(), "--method=HEAD", "http://files.test/file.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(w.exitCode()).as(w.describe()).isZero();
        assertThat(r.stderr()).matches(WgetLines.literally("--DATE--  http://files.test/file.bin\n"
                + "Resolving files.test (files.test)... 198.18.1.1\n"
                + "Connecting to files.test (files.test)|198.18.1.1|:80... connected.\n"
                + "HTTP request sent, awaiting response... 200 OK\n"
                + "Remote file exists.\n"));
        try (Stream<Path> files = Files.list(fixture.work())) {
            assertThat(files).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "URL credentials, percent-decoded | URL   |",
        "--http-user/--http-password      | --http-user=tester --http-password=pa@ss\\040word |",
        "--user/--password                | --user=tester --password=pa@ss\\040word |",
        "~/.netrc                         |       | machine files.test login tester password \"pa@ss word\"",
        "--user and .netrc's password     | --user=tester | machine files.test login tester password \"pa@ss word\""})
    void basicAuthenticationAnswersTheChallengeAsInWget(String name, String options, String netrc) throws Exception {
        Path home = Files.createDirectories(fixture.work().resolve("home"));
        if (netrc != null) {
            Files.writeString(home.resolve(".netrc"), netrc + "\n");
        }
        List<String> args = new ArrayList<>();
        String url = PROTECTED;
        if ("URL".equals(options)) {
            url = "http://" + URL_CREDENTIALS + "files.test/auth/file.bin";
        } else if (options != null) {
            for (String option : options.split(" ")) {
                args.add(option.replace("\\040", " "));
            }
        }
        List<String> ours = new ArrayList<>(args);
        ours.addAll(List.of("-O", "ours.bin", url));
        List<String> theirs = new ArrayList<>(args);
        theirs.addAll(List.of("-O", "wget.bin", url));

        CommandResult r = rawhttpgetWithHome(home, ours.toArray(String[]::new));
        CommandResult w = wget(home, theirs.toArray(String[]::new));

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(w.exitCode()).as(w.describe()).isZero();
        assertThat(Sha256.of(fixture.work().resolve("ours.bin")))
                .isEqualTo(Sha256.of(fixture.docroot().resolve("file.bin")))
                .isEqualTo(Sha256.of(fixture.work().resolve("wget.bin")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no credentials          | -q",
        "a wrong password        | --password=wrong --user=tester",
        ".netrc ignored          | --no-netrc"})
    void aChallengeWithoutGoodCredentialsIsExitSixAsInWget(String name, String options) throws Exception {
        Path home = Files.createDirectories(fixture.work().resolve("home"));
        Files.writeString(home.resolve(".netrc"), "machine files.test login tester password \"pa@ss word\"\n");
        if (!name.equals(".netrc ignored")) {
            Files.delete(home.resolve(".netrc"));
        }
        List<String> args = new ArrayList<>(List.of(options.split(" ")));
        args.add(PROTECTED);

        CommandResult r = rawhttpgetWithHome(home, args.toArray(String[]::new));
        CommandResult w = wget(home, args.toArray(String[]::new));

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(6);
        assertThat(w.exitCode()).as(w.describe()).isEqualTo(6);
        assertThat(r.stderr()).endsWith("rawhttpget: Username/Password Authentication Failed.\n");
        assertThat(fixture.work().resolve("file.bin")).doesNotExist();
    }

    @Test
    void credentialsSentUnaskedWithAuthNoChallengeAsFromWget() throws Exception {
        CommandResult r = rawhttpget("--auth-no-challenge", "--user", USER, "--password", PASSWORD, "-O", "ours.txt",
                "http://files.test/echo/request");
        CommandResult w = wget(fixture.work(), "--auth-no-challenge", "--user", USER, "--password", PASSWORD, "-O",
                "wget.txt", "http://files.test/echo/request");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(w.exitCode()).as(w.describe()).isZero();
        assertThat(read("ours.txt")).contains("\nauthorization=" + BASIC + "\n");
        assertThat(withoutUserAgent(read("ours.txt"))).isEqualTo(withoutUserAgent(read("wget.txt")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "md5    | pa@ss word | 0 | 0",
        "both   | pa@ss word | 0 | 6",
        "sha256 | pa@ss word | 0 | 6",
        "md5    | wrong      | 6 | 6"})
    void answersDigestChallenges(String path, String password, int ours, int wgets) throws Exception {
        String url = "http://files.test:" + DIGEST_PORT + "/" + path + "/secret";

        CommandResult r = rawhttpget("--user", USER, "--password", password, "-O", "ours.txt", url);
        CommandResult w = wget(fixture.work(), "--user", USER, "--password", password, "-O", "wget.txt", url);

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(ours);
        assertThat(w.exitCode()).as(w.describe()).isEqualTo(wgets);
        if (ours == 0) {
            assertThat(read("ours.txt")).isEqualTo(DigestAuthServer.BODY);
        }
    }

    @Test
    void credentialsAppearInNoLogNorReport() throws Exception {
        CommandResult r = rawhttpget("-d", "--stats", "--log-file", "run.log", "-O", "ours.bin",
                "http://" + URL_CREDENTIALS + "files.test/auth/file.bin");
        CommandResult v = rawhttpget("-v", "--stats", "--user", USER, "--password", PASSWORD, "-O", "ours2.bin",
                PROTECTED);

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(v.exitCode()).as(v.describe()).isZero();
        String base64 = BASIC.substring("Basic ".length());
        for (String text : List.of(read("run.log"), r.stderr(), r.stdout(), v.stderr(), v.stdout())) {
            assertThat(text).doesNotContain(base64, "pa@ss", "pa%40ss", "word@");
        }
        assertThat(read("run.log")).contains("Authorization: Basic <redacted>");
    }
}
