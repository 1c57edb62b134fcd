package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Names and dates of saved files against nginx, as wget 1.21.3 gets them from the same server: the file's time
 * is the server's Last-Modified, -N asks If-Modified-Since and keeps a current file, --content-disposition names
 * the file as the server proposes (the /disposition/ locations of scripts/testnet.sh), made safe.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WgetFilesEndToEndTest {
    /** Thu, 02 Jan 2020 03:04:05 GMT, as `touch -d '2020-01-02 03:04:05 UTC'` sets it. */
    private static final long OLD_SECONDS = 1577934245L;

    @RegisterExtension
    static final NetworkFixture<TestNetwork> fixture = NetworkFixture.testNetwork("wfiles", docroot -> {
        Files.writeString(docroot.resolve("old.txt"), "hello\n");
        Files.setLastModifiedTime(docroot.resolve("old.txt"), FileTime.fromMillis(OLD_SECONDS * 1000));
    });

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

    private long mtime(String name) throws IOException {
        return Files.getLastModifiedTime(fixture.work().resolve(name)).toMillis() / 1000;
    }

    private List<String> accessLog() throws IOException {
        return Files.readAllLines(fixture.net().stateDirectory().resolve("access.log"));
    }

    @Test
    void theSavedFileHasTheServersLastModified() throws Exception {
        CommandResult r = rawhttpget("http://files.test/old.txt");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(mtime("old.txt")).isEqualTo(OLD_SECONDS);
    }

    @Test
    void timestampingGetsA304ForTheSameFileAndSaysSo() throws Exception {
        Files.writeString(fixture.work().resolve("old.txt"), "hello\n");
        Files.setLastModifiedTime(fixture.work().resolve("old.txt"), FileTime.fromMillis(OLD_SECONDS * 1000));
        int logLines = accessLog().size();

        CommandResult r = rawhttpget("-N", "http://files.test/old.txt");
        List<String> log = accessLog();

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(r.exitCode()).as(r.describe()).isZero();
            soft.assertThat(r.stderr()).endsWith("HTTP request sent, awaiting response... 304 Not Modified\n"
                    + "File " + WgetLines.QUOTE + "old.txt" + WgetLines.QUOTE_END
                    + " not modified on server. Omitting download.\n");
            soft.assertThat(log.subList(logLines, log.size()))
                    .singleElement().asString().contains("\"GET /old.txt HTTP/1.1\" 304 ");
        });
    }

    @Test
    void contentDispositionNamesTheFileMadeSafe() throws Exception {
        CommandResult plain = rawhttpget("--content-disposition", "http://files.test/disposition/plain/old.txt");
        CommandResult encoded = rawhttpget("--content-disposition", "http://files.test/disposition/encoded/old.txt");
        CommandResult escape = rawhttpget("--content-disposition", "http://files.test/disposition/escape/old.txt");

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(plain.exitCode()).as(plain.describe()).isZero();
            soft.assertThat(encoded.exitCode()).as(encoded.describe()).isZero();
            soft.assertThat(escape.exitCode()).as(escape.describe()).isZero();
        });
        // wget 1.21.3 saved the same three names from the same server.
        assertThat(files()).containsExactly("café menu.txt", "evil.txt", "named-by-server.txt");
    }

    @Test
    void a503IsNotTriedAgainUnlessListedAsWget() throws Exception {
        CommandResult plain = rawhttpget("-t", "3", "http://files.test/unavailable/x");
        int logLines = accessLog().size();
        CommandResult listed = rawhttpget("-t", "2", "--waitretry", "1", "--retry-on-http-error=503",
                "http://files.test/unavailable/x");
        List<String> log = accessLog();

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(plain.exitCode()).as(plain.describe()).isEqualTo(8);
            soft.assertThat(listed.exitCode()).as(listed.describe()).isEqualTo(8);
            // nginx's reason phrase for its own 503.
            soft.assertThat(listed.stderr()).matches(WgetLines.literally("--DATE--  http://files.test/unavailable/x\n"
                    + "Resolving files.test (files.test)... 198.18.1.1\n"
                    + "Connecting to files.test (files.test)|198.18.1.1|:80... connected.\n"
                    + "HTTP request sent, awaiting response... 503 Service Temporarily Unavailable\n"
                    + "rawhttpget: ERROR 503: Service Temporarily Unavailable.; retrying in 1 s (try 2 of 2)\n"
                    + "--DATE--  (try: 2)  http://files.test/unavailable/x\n"
                    // wget 1.21.3 reuses the connection too: nginx's 503 is short, read to its end.
                    + "Reusing existing connection to files.test:80.\n"
                    + "HTTP request sent, awaiting response... 503 Service Temporarily Unavailable\n"
                    + "rawhttpget: ERROR 503: Service Temporarily Unavailable.\n"));
            soft.assertThat(log.subList(logLines, log.size())).hasSize(2);
        });
    }

    @Test
    void spiderChecksWithoutSavingAndExits8ForABrokenLink() throws Exception {
        int logLines = accessLog().size();
        CommandResult there = rawhttpget("--spider", "http://files.test/old.txt");
        CommandResult broken = rawhttpget("--spider", "http://files.test/nope.txt");
        List<String> log = accessLog();

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(there.exitCode()).as(there.describe()).isZero();
            soft.assertThat(there.stderr()).matches(WgetLines.literally(
                    "Spider mode enabled. Check if remote file exists.\n"
                    + "--DATE--  http://files.test/old.txt\n"
                    + "Resolving files.test (files.test)... 198.18.1.1\n"
                    + "Connecting to files.test (files.test)|198.18.1.1|:80... connected.\n"
                    + "HTTP request sent, awaiting response... 200 OK\n"
                    + "Length: 6 [text/plain]\n"
                    + "Remote file exists.\n"
                    + "\n"));
            soft.assertThat(broken.exitCode()).as(broken.describe()).isEqualTo(8);
            soft.assertThat(broken.stderr()).matches(WgetLines.literally(
                    "Spider mode enabled. Check if remote file exists.\n"
                    + "--DATE--  http://files.test/nope.txt\n"
                    + "Resolving files.test (files.test)... 198.18.1.1\n"
                    + "Connecting to files.test (files.test)|198.18.1.1|:80... connected.\n"
                    + "HTTP request sent, awaiting response... 404 Not Found\n"
                    + "Remote file does not exist -- broken link!!!\n"
                    + "\n"));
            // As wget asks: HEAD, so the server sends no body.
            soft.assertThat(log.subList(logLines, log.size())).hasSize(2)
                    .allSatisfy(line -> soft.assertThat(line).contains("\"HEAD /"));
        });
        assertThat(files()).isEmpty();
    }

    /**
     * wget 1.21.3's lines, run side by side here: -nv's one line per URL (the final URL after a redirect), and
     * several URLs with a broken one among them (exit 8, nothing more said at the end).
     */
    @Test
    void spiderSaysWhatWgetSaysWithNoVerboseAndForSeveralUrls() throws Exception {
        CommandResult nv = rawhttpget("--spider", "-nv", "http://files.test/old.txt",
                "http://files.test/redirect/relative/old.txt", "http://files.test/nope.txt");
        CommandResult several = rawhttpget("--spider", "http://files.test/old.txt", "http://files.test/nope.txt",
                "http://files.test/");
        CommandResult quiet = rawhttpget("--spider", "-q", "http://files.test/nope.txt");

        // Like wget, the later URLs reuse the first one's connection.
        String connection = Pattern.quote("Reusing existing connection to files.test:80.\n");
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(nv.exitCode()).as(nv.describe()).isEqualTo(8);
            soft.assertThat(nv.stderr()).matches(WgetLines.literally("DATE URL: http://files.test/old.txt 200 OK\n"
                    + "DATE URL: http://files.test/old.txt 200 OK\n"
                    + "http://files.test/nope.txt:\n"
                    + "Remote file does not exist -- broken link!!!\n"));
            soft.assertThat(several.exitCode()).as(several.describe()).isEqualTo(8);
            soft.assertThat(several.stderr()).matches(WgetLines.literally(
                    "Spider mode enabled. Check if remote file exists.\n"
                    + "--DATE--  http://files.test/old.txt\n"
                    + "Resolving files.test (files.test)... 198.18.1.1\n"
                    + "Connecting to files.test (files.test)|198.18.1.1|:80... connected.\n"
                    + "HTTP request sent, awaiting response... 200 OK\n"
                    + "Length: 6 [text/plain]\n"
                    + "Remote file exists.\n"
                    + "\n"
                    + "Spider mode enabled. Check if remote file exists.\n"
                    + "--DATE--  http://files.test/nope.txt\n") + connection + WgetLines.literally(
                    "HTTP request sent, awaiting response... 404 Not Found\n"
                    + "Remote file does not exist -- broken link!!!\n"
                    + "\n"
                    + "Spider mode enabled. Check if remote file exists.\n"
                    + "--DATE--  http://files.test/\n") + connection + WgetLines.literally(
                    "HTTP request sent, awaiting response... 200 OK\n"
                    + "Length: unspecified [text/html]\n"
                    + "Remote file exists and could contain further links,\n"
                    + "but recursion is disabled -- not retrieving.\n"
                    + "\n"));
            soft.assertThat(quiet.exitCode()).as(quiet.describe()).isEqualTo(8);
            soft.assertThat(quiet.stderr()).isEmpty();
        });
        assertThat(files()).isEmpty();
    }

    @Test
    void serverResponsePrintsNginxsHeadIndentedByTwoSpacesOnStderr() throws Exception {
        CommandResult r = rawhttpget("-q", "-S", "http://files.test/old.txt");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        List<String> lines = r.stderr().lines().toList();
        assertThat(lines.get(0)).isEqualTo("  HTTP/1.1 200 OK");
        assertThat(lines).allMatch(line -> line.startsWith("  ")).contains("  Content-Length: 6",
                "  Last-Modified: Thu, 02 Jan 2020 03:04:05 GMT", "  Accept-Ranges: bytes");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void inputFileUrlsResolveAgainstTheBase() throws Exception {
        Files.writeString(fixture.work().resolve("list.txt"), "# from nginx\n\n  old.txt  \n/redirect/relative/old.txt\n");
        int logLines = accessLog().size();

        CommandResult r = rawhttpget("--input-file", "list.txt", "-B", "http://files.test/");
        List<String> log = accessLog();

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(files()).containsExactly("list.txt", "old.txt", "old.txt.1");
        assertThat(log.subList(logLines, log.size())).extracting(line -> line.substring(line.indexOf('"')))
                .allMatch(line -> line.startsWith("\"GET /old.txt HTTP/1.1\" 200 ")
                        || line.startsWith("\"GET /redirect/relative/old.txt HTTP/1.1\" 302 ")).hasSize(3);
    }
}
