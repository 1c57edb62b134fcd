package rawhttpget.download;

import org.junit.jupiter.api.Test;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.testing.ScriptedHttpServer.Reply;
import rawhttpget.testing.VirtualNetwork;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whole downloads through Downloader, as the command line starts them, over an in-memory link against a scripted
 * HTTP server, in virtual time: redirects, a retry that resumes, a chunked body, error statuses, -c on a complete
 * file. No sleeping: the pause between tries moves the virtual clock.
 */
class DownloaderInVirtualTimeTest extends VirtualTimeDownloads {
    private static final long SLICE = RetryPause.SLICE_NANOS;

    DownloaderInVirtualTimeTest() {
        super("--progress=dot");
    }

    @Test
    void followsTwoRedirectsAndSavesTheFinalBodyUnderTheOriginalName() throws Exception {
        String content = letters(5000);
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.respond("HTTP/1.1 302 Found\r\nLocation: /hop\r\nContent-Length: 0\r\n\r\n"),
                Reply.respond("HTTP/1.1 302 Found\r\nLocation: " + SERVER + "/final.bin\r\nContent-Length: 0\r\n\r\n"),
                Reply.respond("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + content)));

        run(network, SERVER + "/start.bin");

        assertThat(network.server.requests()).extracting(r -> r.substring(0, r.indexOf("\r\n")))
                .containsExactly("GET /start.bin HTTP/1.1", "GET /hop HTTP/1.1", "GET /final.bin HTTP/1.1");
        // wget names the file after the URL asked for (--trust-server-names would take the last one).
        assertThat(file("start.bin")).isEqualTo(content);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("start.bin");
        }
        // wget shows each Location as the server sent it.
        assertThat(said()).isEqualTo("--DATE--  " + SERVER + "/start.bin\n"
                + "Connecting to 198.18.0.2:80... connected.\n"
                + "HTTP request sent, awaiting response... 302 Found\n"
                + "Location: /hop [following]\n"
                + "--DATE--  " + SERVER + "/hop\n"
                + "Connecting to 198.18.0.2:80... connected.\n"
                + "HTTP request sent, awaiting response... 302 Found\n"
                + "Location: " + SERVER + "/final.bin [following]\n"
                + "--DATE--  " + SERVER + "/final.bin\n"
                + "Connecting to 198.18.0.2:80... connected.\n"
                + "HTTP request sent, awaiting response... 200 OK\n"
                + "Length: 5000 (4.9K)\n"
                + "Saving to: '" + dir.resolve("start.bin") + "'\n"
                + "\n     0K ....                                                  100% 9.09T=0s\n"
                + "\nDATE (9.09 TB/s) - '" + dir.resolve("start.bin") + "' saved [5000/5000]\n\n");
    }

    @Test
    void noVerboseSaysOneLinePerFileAndSumsUpSeveralUrls() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.respond("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"),
                Reply.respond("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")));

        run(network, "-nv", SERVER + "/a.txt", SERVER + "/b.txt");

        assertThat(said()).matches("DATE URL:" + SERVER + "/a.txt \\[5/5\\] -> \"" + dir.resolve("a.txt") + "\" \\[1\\]\n"
                + "DATE URL:" + SERVER + "/b.txt \\[3\\] -> \"" + dir.resolve("b.txt") + "\" \\[1\\]\n"
                + "FINISHED --DATE--\n"
                + "Total wall clock time: [0-9.]+s\n"
                + "Downloaded: 2 files, 8 in [0-9.]+s \\([0-9.]+ [KMGT]?B/s\\)\n");
    }

    @Test
    void resumesWithARangeAfterAResetMidBody() throws Exception {
        String content = letters(10000);
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.resetAfter("HTTP/1.1 200 OK\r\nContent-Length: 10000\r\n\r\n" + content.substring(0, 4000)),
                Reply.respond("HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 4000-9999/10000\r\n"
                        + "Content-Length: 6000\r\n\r\n" + content.substring(4000))));

        run(network, "--tries", "2", SERVER + "/big.bin");

        List<String> requests = network.server.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).doesNotContain("Range:");
        assertThat(requests.get(1)).contains("\r\nRange: bytes=4000-\r\n");
        assertThat(file("big.bin")).isEqualTo(content);
        assertThat(said()).isEqualTo("--DATE--  " + SERVER + "/big.bin\n"
                + "Connecting to 198.18.0.2:80... connected.\n"
                + "HTTP request sent, awaiting response... 200 OK\n"
                + "Length: 10000 (9.8K)\n"
                + "Saving to: '" + dir.resolve("big.bin") + "'\n"
                + "\n     0K ...                                                    40% 7.28T=0s\n"
                + "rawhttpget: connection reset by peer (198.18.0.2 (198.18.0.2:80)) after 4000 body bytes;"
                + " retrying in 1 s (try 2 of 2)\n"
                + "--DATE--  (try: 2)  " + SERVER + "/big.bin\n"
                + "Connecting to 198.18.0.2:80... connected.\n"
                + "HTTP request sent, awaiting response... 206 Partial Content\n"
                + "Length: 10000 (9.8K), 6000 (5.9K) remaining\n"
                + "Saving to: '" + dir.resolve("big.bin") + "'\n"
                + "\n     0K ,,,......                                             100% 10.9T=0s\n"
                + "\nDATE (10.9 TB/s) - '" + dir.resolve("big.bin") + "' saved [10000/10000]\n\n");
        // The one-second pause went by in virtual time, a slice at a time.
        assertThat(network.sleeper.sleeps()).isEqualTo(Collections.nCopies(10, SLICE));
    }

    @Test
    void savesAChunkedBodyDecoded() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(Reply.respond("HTTP/1.1 200 OK\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n1;ext=1\r\n,\r\n7\r\n world!\r\n0\r\nTrailer: x\r\n\r\n")));

        run(network, SERVER + "/chunked.txt");

        assertThat(file("chunked.txt")).isEqualTo("hello, world!");
    }

    @Test
    void notFoundExitsWithEightAndLeavesNoFile() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.respond("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found")));

        assertThatThrownBy(() -> run(network, SERVER + "/missing.bin"))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SERVER_ERROR))
                .hasMessage("ERROR 404: Not Found.");
        assertThat(ExitCode.SERVER_ERROR.code()).isEqualTo(8);
        // Main prints the failure itself.
        assertThat(said()).isEqualTo("--DATE--  " + SERVER + "/missing.bin\n"
                + "Connecting to 198.18.0.2:80... connected.\n"
                + "HTTP request sent, awaiting response... 404 Not Found\n");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void continueOnACompleteFileAnsweredWith416IsNothingToDo() throws Exception {
        String content = letters(3000);
        Files.writeString(dir.resolve("done.bin"), content, StandardCharsets.ISO_8859_1);
        VirtualNetwork network = new VirtualNetwork(List.of(Reply.respond("HTTP/1.1 416 Range Not Satisfiable\r\n"
                + "Content-Range: bytes */3000\r\nContent-Length: 0\r\n\r\n")));

        run(network, "-c", SERVER + "/done.bin");

        assertThat(network.server.requests().get(0)).contains("\r\nRange: bytes=3000-\r\n");
        // As end to end (WgetBehaviourEndToEndTest) and as wget: exit 0, this one line, the file untouched.
        assertThat(said()).isEqualTo("--DATE--  " + SERVER + "/done.bin\n"
                + "Connecting to 198.18.0.2:80... connected.\n"
                + "HTTP request sent, awaiting response... 416 Range Not Satisfiable\n"
                + "\n    The file is already fully retrieved; nothing to do.\n\n");
        assertThat(file("done.bin")).isEqualTo(content);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("done.bin");
        }
    }

    @Test
    void aServerThatClosesWithoutAResponseFails() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(Reply.close()));

        assertThatThrownBy(() -> run(network, SERVER + "/x.bin")).isInstanceOfSatisfying(DownloadException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.PROTOCOL))
                .hasMessage("connection closed before any response");
    }

    @Test
    void aServerThatNeverAnswersTimesOutInVirtualTime() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(Reply.silence()));
        long start = network.clock.nanos();

        assertThatThrownBy(() -> run(network, "--timeout", "900", SERVER + "/x.bin"))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NETWORK))
                .hasMessage("connection timed out (198.18.0.2 (198.18.0.2:80))");
        // --timeout's 900 s after the server's last segment went by in virtual time, to the nanosecond.
        assertThat(network.clock.nanos() - start).isEqualTo(900_000_000_000L);
    }
}
