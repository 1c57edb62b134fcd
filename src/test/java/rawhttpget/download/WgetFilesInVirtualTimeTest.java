package rawhttpget.download;

import org.junit.jupiter.api.Test;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.testing.ScriptedHttpServer.Reply;
import rawhttpget.testing.VirtualNetwork;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The wget options about inputs, names, dates and responses, through whole downloads in virtual time: what the
 * server was asked, which files exist afterwards with which times, and the lines on stderr. The expectations
 * were checked against wget 1.21.3 on the same cases against nginx (see the commit that added them).
 */
class WgetFilesInVirtualTimeTest extends VirtualTimeDownloads {
    private static final String LAST_MODIFIED = "Thu, 02 Jan 2020 03:04:05 GMT";
    private static final long LAST_MODIFIED_SECONDS = 1577934245L;

    WgetFilesInVirtualTimeTest() {
        super("--progress=dot", "-q");
    }

    /** {@code stdin}: what --input-file - reads. */
    private void runWithStdin(VirtualNetwork network, String stdin, String... args) throws DownloadException {
        runDownloader(network, Map.of(), () -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                options, args);
    }

    private static Reply ok(String body, String... extraHeaders) {
        return Reply.respond("HTTP/1.1 200 OK\r\n" + String.join("", extraHeaders) + "Content-Length: " + body.length()
                + "\r\n\r\n" + body);
    }

    private static List<String> requestLines(VirtualNetwork network) {
        return network.server.requests().stream().map(r -> r.substring(0, r.indexOf("\r\n"))).toList();
    }

    private long mtime(String name) throws Exception {
        return Files.getLastModifiedTime(dir.resolve(name)).toMillis() / 1000;
    }

    @Test
    void inputFileLinesAreTrimmedCommentsSkippedAndRelativeOnesResolvedAgainstTheBase() throws Exception {
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "# mirror list\n\n  a.txt  \r\n/top.txt\nsub/two words.txt\nftp://198.18.0.2/x\n");
        VirtualNetwork network = new VirtualNetwork(List.of(ok("a"), ok("t"), ok("w")));

        assertThatThrownBy(() -> runWithStdin(network, "", "--input-file", list.toString(), "-B",
                SERVER + "/dir/page.html"))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.GENERIC));

        assertThat(requestLines(network)).containsExactly("GET /dir/a.txt HTTP/1.1", "GET /top.txt HTTP/1.1",
                "GET /dir/sub/two%20words.txt HTTP/1.1");
        assertThat(files()).containsExactly("a.txt", "list.txt", "top.txt", "two words.txt");
        assertThat(errText.toString()).isEqualTo(list + ": Invalid URL ftp://198.18.0.2/x: unsupported scheme 'ftp'"
                + " in ftp://198.18.0.2/x\n");
    }

    @Test
    void inputFileFromStandardInputComesAfterTheCommandLinesUrls() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(ok("1"), ok("2")));

        runWithStdin(network, SERVER + "/from-stdin.txt\n", SERVER + "/first.txt", "--input-file=-");

        assertThat(requestLines(network)).containsExactly("GET /first.txt HTTP/1.1", "GET /from-stdin.txt HTTP/1.1");
    }

    @Test
    void aMissingInputFileIsReportedAndIsNoFailure() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of());

        runWithStdin(network, "", "--input-file", dir.resolve("absent.txt").toString());

        // wget 1.21.3 says the same two lines (its reason capitalised) and exits 0.
        assertThat(errText.toString()).isEqualTo(dir.resolve("absent.txt") + ": no such file or directory\n"
                + "No URLs found in " + dir.resolve("absent.txt") + ".\n");
        assertThat(network.server.requests()).isEmpty();
    }

    @Test
    void aSavedFileGetsTheServersLastModifiedUnlessTurnedOff() throws Exception {
        runWithStdin(new VirtualNetwork(List.of(ok("hello\n", "Last-Modified: " + LAST_MODIFIED + "\r\n"))), "",
                SERVER + "/old.txt");
        runWithStdin(new VirtualNetwork(List.of(ok("hello\n", "Last-Modified: " + LAST_MODIFIED + "\r\n"))), "",
                "--no-use-server-timestamps", SERVER + "/old.txt");

        assertThat(mtime("old.txt")).isEqualTo(LAST_MODIFIED_SECONDS);
        assertThat(mtime("old.txt.1")).isGreaterThan(LAST_MODIFIED_SECONDS);
    }

    @Test
    void timestampingAsksIfModifiedSinceAndKeepsTheFileOn304() throws Exception {
        Files.writeString(dir.resolve("old.txt"), "hello\n");
        Files.setLastModifiedTime(dir.resolve("old.txt"), FileTime.fromMillis(LAST_MODIFIED_SECONDS * 1000));
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.respond("HTTP/1.1 304 Not Modified\r\nLast-Modified: " + LAST_MODIFIED + "\r\n\r\n")));

        runWithStdin(network, "", "-N", SERVER + "/old.txt");

        assertThat(network.server.requests().get(0))
                .contains("\r\nIf-Modified-Since: Thu, 02 Jan 2020 03:04:05 GMT\r\n");
        assertThat(errText.toString()).isEmpty(); // -q: wget prints its line only without -q too
        assertThat(files()).containsExactly("old.txt");
        assertThat(mtime("old.txt")).isEqualTo(LAST_MODIFIED_SECONDS);
    }

    @Test
    void timestampingSaysWhyNothingWasFetched() throws Exception {
        Files.writeString(dir.resolve("old.txt"), "hello\n");
        Files.setLastModifiedTime(dir.resolve("old.txt"), FileTime.fromMillis((LAST_MODIFIED_SECONDS + 60) * 1000));

        for (Reply reply : List.of(Reply.respond("HTTP/1.1 304 Not Modified\r\n\r\n"),
                ok("hello\n", "Last-Modified: " + LAST_MODIFIED + "\r\n"))) {
            runLoud(new VirtualNetwork(List.of(reply)), "-N", SERVER + "/old.txt");
        }

        // The second server ignored If-Modified-Since, but its file is older and of the same size: kept.
        assertThat(said()).isEqualTo("--DATE--  " + SERVER + "/old.txt\n"
                + "Connecting to 198.18.0.2:80... connected.\n"
                + "HTTP request sent, awaiting response... 304 Not Modified\n"
                + "File '" + dir.resolve("old.txt") + "' not modified on server. Omitting download.\n"
                + "--DATE--  " + SERVER + "/old.txt\n"
                + "Connecting to 198.18.0.2:80... connected.\n"
                + "HTTP request sent, awaiting response... 200 OK\n"
                + "Server ignored If-Modified-Since header for file '" + dir.resolve("old.txt") + "'.\n");
        assertThat(files()).containsExactly("old.txt");
        assertThat(mtime("old.txt")).isEqualTo(LAST_MODIFIED_SECONDS + 60);
    }

    @Test
    void timestampingReplacesAnOlderFileInPlace() throws Exception {
        Files.writeString(dir.resolve("old.txt"), "stale\n");
        Files.setLastModifiedTime(dir.resolve("old.txt"), FileTime.fromMillis(1_000_000_000L));
        VirtualNetwork network = new VirtualNetwork(List.of(ok("fresh\n", "Last-Modified: " + LAST_MODIFIED + "\r\n")));

        runWithStdin(network, "", "-N", SERVER + "/old.txt");

        assertThat(network.server.requests().get(0))
                .contains("\r\nIf-Modified-Since: Mon, 12 Jan 1970 13:46:40 GMT\r\n");
        assertThat(files()).containsExactly("old.txt");
        assertThat(Files.readString(dir.resolve("old.txt"))).isEqualTo("fresh\n");
        assertThat(mtime("old.txt")).isEqualTo(LAST_MODIFIED_SECONDS);
    }

    @Test
    void serverResponsePrintsEachHeadIndentedByTwoSpacesEvenWithQuiet() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.respond("HTTP/1.1 302 Found\r\nLocation: /b.txt\r\nContent-Length: 0\r\n\r\n"),
                ok("b", "Server: test\r\n")));

        runWithStdin(network, "", "-S", SERVER + "/a.txt");

        assertThat(errText.toString()).isEqualTo("  HTTP/1.1 302 Found\n  Location: /b.txt\n  Content-Length: 0\n"
                + "  HTTP/1.1 200 OK\n  Server: test\n  Content-Length: 1\n");
    }

    @Test
    void namesComeFromContentDispositionQueryStringsAndTheDefaultPage() throws Exception {
        runWithStdin(new VirtualNetwork(List.of(
                ok("1", "Content-Disposition: attachment; filename=\"../../.hidden/evil.txt\"\r\n"),
                ok("2", "Content-Disposition: attachment; filename=\"x\"; filename*=UTF-8''caf%C3%A9%20menu.txt\r\n"))),
                "", "--content-disposition", SERVER + "/get?id=1", SERVER + "/get?id=2");
        runWithStdin(new VirtualNetwork(List.of(ok("3"), ok("4"))), "", SERVER + "/dl.php?id=1&x=a%20b%2Fc",
                SERVER + "/?q=1");
        runWithStdin(new VirtualNetwork(List.of(ok("5"))), "", "--default-page=main.htm", SERVER + "/d/");

        assertThat(files()).containsExactly("café menu.txt", "dl.php?id=1&x=a b%2Fc", "evil.txt", "index.html?q=1",
                "main.htm");
    }

    @Test
    void retryOnHttpErrorWaitsAsRetryAfterSaysUpToWaitretry() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.respond("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 3\r\nContent-Length: 0\r\n\r\n"),
                Reply.respond("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3600\r\nContent-Length: 0\r\n\r\n"),
                ok("done")));

        runWithStdin(network, "", "-t", "inf", "--waitretry", "5", "--retry-on-http-error=429,503",
                SERVER + "/busy.txt");

        assertThat(requestLines(network)).containsExactly("GET /busy.txt HTTP/1.1", "GET /busy.txt HTTP/1.1",
                "GET /busy.txt HTTP/1.1");
        assertThat(Files.readString(dir.resolve("busy.txt"))).isEqualTo("done");
        // 3 s as asked, then 5 s: the hour asked for is cut to --waitretry.
        assertThat(network.sleeper.sleeps()).isEqualTo(Collections.nCopies(80, RetryPause.SLICE_NANOS));
    }

    @Test
    void aStatusNotListedIsNotTriedAgainAsWgetDoesWith503ByDefault() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.respond("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n")));

        assertThatThrownBy(() -> runWithStdin(network, "", "-t", "3", SERVER + "/busy.txt"))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SERVER_ERROR))
                .hasMessage("ERROR 503: Service Unavailable.");
        assertThat(network.server.requests()).hasSize(1);
    }

    @Test
    void spiderFollowsRedirectsSaysTheFileExistsAndSavesNothing() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.respond("HTTP/1.1 302 Found\r\nLocation: /old.txt\r\nContent-Length: 0\r\n\r\n"),
                ok("hello\n", "Content-Type: text/plain\r\n"),
                ok("<p>x</p>", "Content-Type: text/html; charset=utf-8\r\n")));

        runLoud(network, "--spider", SERVER + "/redirect/old.txt", SERVER + "/p.html");

        assertThat(said()).isEqualTo("Spider mode enabled. Check if remote file exists.\n"
                + "--DATE--  " + SERVER + "/redirect/old.txt\n"
                + "Connecting to 198.18.0.2:80... connected.\n"
                + "HTTP request sent, awaiting response... 302 Found\n"
                + "Location: /old.txt [following]\n"
                + "Spider mode enabled. Check if remote file exists.\n"
                + "--DATE--  " + SERVER + "/old.txt\n"
                + "Connecting to 198.18.0.2:80... connected.\n"
                + "HTTP request sent, awaiting response... 200 OK\n"
                + "Length: 6 [text/plain]\n"
                + "Remote file exists.\n"
                + "\n"
                + "Spider mode enabled. Check if remote file exists.\n"
                + "--DATE--  " + SERVER + "/p.html\n"
                + "Connecting to 198.18.0.2:80... connected.\n"
                + "HTTP request sent, awaiting response... 200 OK\n"
                + "Length: 8 [text/html; charset=utf-8]\n"
                + "Remote file exists and could contain further links,\n"
                + "but recursion is disabled -- not retrieving.\n"
                + "\n");
        assertThat(files()).isEmpty();
        assertThat(network.server.requests()).extracting(r -> r.substring(0, r.indexOf(' ')))
                .containsExactly("HEAD", "HEAD", "HEAD");
    }

    @Test
    void spiderCallsAnErrorStatusABrokenLinkWithExit8() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.respond("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found")));

        assertThatThrownBy(() -> runWithStdin(network, "", "--spider", "--content-on-error", SERVER + "/nope.txt"))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SERVER_ERROR))
                .hasMessage("Remote file does not exist -- broken link!!!");
        assertThat(files()).isEmpty();
    }

    /** wget's lines, as run side by side with wget 1.21.3: the broken link said once, and a blank line after. */
    @Test
    void spiderSaysABrokenLinkAsWgetDoesAndNothingMoreAtTheEnd() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.respond("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"),
                ok("hello\n", "Content-Type: text/plain\r\n")));

        assertThatThrownBy(() -> runLoud(network, "--spider", SERVER + "/nope.txt", SERVER + "/old.txt"))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.SERVER_ERROR);
                    assertThat(e.isReported()).as("Main prints nothing more").isTrue();
                });
        assertThat(said()).isEqualTo("Spider mode enabled. Check if remote file exists.\n"
                + "--DATE--  " + SERVER + "/nope.txt\n"
                + "Connecting to 198.18.0.2:80... connected.\n"
                + "HTTP request sent, awaiting response... 404 Not Found\n"
                + "Remote file does not exist -- broken link!!!\n"
                + "\n"
                + "Spider mode enabled. Check if remote file exists.\n"
                + "--DATE--  " + SERVER + "/old.txt\n"
                + "Connecting to 198.18.0.2:80... connected.\n"
                + "HTTP request sent, awaiting response... 200 OK\n"
                + "Length: 6 [text/plain]\n"
                + "Remote file exists.\n"
                + "\n");
    }

    @Test
    void spiderWithNoVerboseSaysOneLineAUrl() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.respond("HTTP/1.1 302 Found\r\nLocation: /old.txt\r\nContent-Length: 0\r\n\r\n"),
                ok("hello\n", "Content-Type: text/plain\r\n"),
                Reply.respond("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")));

        assertThatThrownBy(() -> runLoud(network, "--spider", "-nv", SERVER + "/redirect/old.txt", SERVER + "/nope"))
                .isInstanceOf(DownloadException.class);
        assertThat(said()).isEqualTo("DATE URL: " + SERVER + "/old.txt 200 OK\n"
                + SERVER + "/nope:\n"
                + "Remote file does not exist -- broken link!!!\n");
    }

    @Test
    void aRefusedConnectionIsTriedAgainOnlyWithRetryConnrefused() throws Exception {
        VirtualNetwork refusedOnce = new VirtualNetwork(List.of(ok("up")));
        refusedOnce.server.refuseConnections(1);
        VirtualNetwork refusedAlways = new VirtualNetwork(List.of());
        refusedAlways.server.refuseConnections(1);

        runWithStdin(refusedOnce, "", "-t", "2", "--retry-connrefused", SERVER + "/up.txt");
        assertThatThrownBy(() -> runWithStdin(refusedAlways, "", "-t", "2", SERVER + "/down.txt"))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NETWORK))
                .hasMessage("connection refused (198.18.0.2 (198.18.0.2:80))");

        assertThat(Files.readString(dir.resolve("up.txt"))).isEqualTo("up");
        assertThat(refusedOnce.sleeper.sleeps()).isEqualTo(Collections.nCopies(10, RetryPause.SLICE_NANOS));
        assertThat(refusedAlways.sleeper.sleeps()).isEmpty();
    }

    @Test
    void timestampingWithOutputDocumentWarnsAsWgetAndFetches() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(ok("x")));

        runLoud(network, "-N", "-O", dir.resolve("out.txt").toString(), SERVER + "/a.txt");

        assertThat(network.server.requests().get(0)).doesNotContain("If-Modified-Since");
        assertThat(errText.toString()).startsWith("WARNING: timestamping does nothing in combination with -O. "
                + "See the manual\nfor details.\n");
        assertThat(files()).containsExactly("out.txt");
    }

    /** Without -q, so that wget's lines are there to check. */
    private void runLoud(VirtualNetwork network, String... args) throws DownloadException {
        runDownloader(network, Map.of(), () -> System.in, List.of("--progress=dot"), args);
    }
}
