package rawhttpget.download;

import org.junit.jupiter.api.Test;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.testing.ScriptedHttpServer.Reply;
import rawhttpget.testing.VirtualNetwork;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Persistent connections over a scripted server in virtual time: the server counts the connections it accepted,
 * so each test says exactly how many the run opened.
 */
class KeepAliveInVirtualTimeTest extends VirtualTimeDownloads {
    KeepAliveInVirtualTimeTest() {
        super("--progress=dot");
    }

    private static Reply ok(String content) {
        return Reply.keepOpen("HTTP/1.1 200 OK\r\nContent-Length: " + content.length() + "\r\n\r\n" + content);
    }

    @Test
    void threeUrlsGoOverOneConnectionWithWgetsReusingLine() throws Exception {
        String a = letters(5000, 1);
        String b = letters(3000, 2);
        VirtualNetwork network = new VirtualNetwork(List.of(ok(a),
                Reply.keepOpen("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nbb8\r\n" + b + "\r\n0\r\n\r\n"),
                ok("c")));

        run(network, "-nv", SERVER + "/a", SERVER + "/b", SERVER + "/c");

        assertThat(network.server.connectionsAccepted()).isEqualTo(1);
        assertThat(network.server.requests()).hasSize(3)
                .allSatisfy(r -> assertThat(r).contains("\r\nConnection: Keep-Alive\r\n"));
        assertThat(file("a")).isEqualTo(a);
        assertThat(file("b")).isEqualTo(b);
        assertThat(file("c")).isEqualTo("c");
    }

    @Test
    void aRedirectHopReusesTheConnectionAfterReadingTheRedirectsBody() throws Exception {
        String content = letters(4000, 3);
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.keepOpen("HTTP/1.1 301 Moved Permanently\r\nLocation: /final\r\nContent-Length: 9\r\n\r\n"
                        + "moved.\r\n\r\n".substring(0, 9)),
                ok(content)));

        run(network, SERVER + "/start");

        assertThat(network.server.connectionsAccepted()).isEqualTo(1);
        assertThat(file("start")).isEqualTo(content);
        assertThat(said()).startsWith("--DATE--  " + SERVER + "/start\n"
                + "Connecting to 198.18.0.2:80... connected.\n"
                + "HTTP request sent, awaiting response... 301 Moved Permanently\n"
                + "Location: /final [following]\n"
                + "--DATE--  " + SERVER + "/final\n"
                + "Reusing existing connection to 198.18.0.2:80.\n"
                + "HTTP request sent, awaiting response... 200 OK\n");
    }

    @Test
    void aServersConnectionCloseMeansANewConnectionForTheNextUrl() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.keepOpen("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\naa"),
                ok("bb")));

        run(network, "-nv", SERVER + "/a", SERVER + "/b");

        assertThat(network.server.connectionsAccepted()).isEqualTo(2);
        assertThat(file("a")).isEqualTo("aa");
        assertThat(file("b")).isEqualTo("bb");
    }

    @Test
    void anHttp10AnswerWithoutKeepAliveIsNotReused() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.keepOpen("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\naa"),
                Reply.keepOpen("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nbb"),
                ok("cc")));

        run(network, "-nv", SERVER + "/a", SERVER + "/b", SERVER + "/c");

        assertThat(network.server.connectionsAccepted()).isEqualTo(2);
        assertThat(file("c")).isEqualTo("cc");
    }

    @Test
    void aResetOnTheReusedConnectionBeforeAnyByteIsRetriedOnceOnANewOneAndIsNotATry() throws Exception {
        String b = letters(7000, 4);
        VirtualNetwork network = new VirtualNetwork(List.of(ok("aa"), Reply.resetAfter(""), ok(b)));

        run(network, "--tries=1", SERVER + "/a", SERVER + "/b");

        assertThat(network.server.connectionsAccepted()).isEqualTo(2);
        assertThat(network.server.requests()).extracting(r -> r.substring(0, r.indexOf("\r\n")))
                .containsExactly("GET /a HTTP/1.1", "GET /b HTTP/1.1", "GET /b HTTP/1.1");
        assertThat(file("a")).isEqualTo("aa");
        assertThat(file("b")).isEqualTo(b);
        // Silent: the second URL's lines are those of a new connection, with no retry and no "(try: 2)".
        assertThat(said()).contains("--DATE--  " + SERVER + "/b\n"
                + "Connecting to 198.18.0.2:80... connected.\n"
                + "HTTP request sent, awaiting response... 200 OK\n")
                .doesNotContain("retrying").doesNotContain("Reusing");
    }

    @Test
    void aCloseOnTheReusedConnectionBeforeAnyByteIsRetriedOnceOnANewOne() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(ok("aa"), Reply.close(), ok("bb")));

        run(network, "-nv", "--tries=1", SERVER + "/a", SERVER + "/b");

        assertThat(network.server.connectionsAccepted()).isEqualTo(2);
        assertThat(file("b")).isEqualTo("bb");
    }

    @Test
    void aResetAfterPartOfTheResponseOnAReusedConnectionIsAFailedTryAsAlways() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(ok("aa"),
                Reply.resetAfter("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nbbb")));

        assertThatThrownBy(() -> run(network, "-nv", "--tries=1", SERVER + "/a", SERVER + "/b"))
                .isInstanceOf(DownloadException.class)
                .satisfies(e -> assertThat(((DownloadException) e).exitCode()).isEqualTo(ExitCode.NETWORK));

        assertThat(network.server.connectionsAccepted()).isEqualTo(1);
        assertThat(network.server.requests()).hasSize(2);
        assertThat(Files.exists(dir.resolve("b"))).isFalse();
    }

    @Test
    void anErrorPagesBodyIsReadSoTheConnectionServesTheNextUrl() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.keepOpen("HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n9\r\nnot here\n\r\n0\r\n\r\n"),
                ok("bb")));

        assertThatThrownBy(() -> run(network, "-nv", SERVER + "/a", SERVER + "/b"))
                .isInstanceOf(DownloadException.class)
                .satisfies(e -> assertThat(((DownloadException) e).exitCode()).isEqualTo(ExitCode.SERVER_ERROR));

        assertThat(network.server.connectionsAccepted()).isEqualTo(1);
        assertThat(file("b")).isEqualTo("bb");
        assertThat(Files.exists(dir.resolve("a"))).isFalse();
    }

    @Test
    void aLongUnwantedBodyIsCutByClosingTheConnection() throws Exception {
        String page = letters((int) 70_000, 5);
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.keepOpen("HTTP/1.1 302 Found\r\nLocation: /b\r\nContent-Length: " + page.length() + "\r\n\r\n"
                        + page),
                ok("bb")));

        run(network, "-nv", SERVER + "/a");

        assertThat(network.server.connectionsAccepted()).isEqualTo(2);
        assertThat(file("a")).isEqualTo("bb");
    }

    @Test
    void aHeadRequestForTheSpiderLeavesTheConnectionForTheNextUrl() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.keepOpen("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"),
                Reply.keepOpen("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n")));

        run(network, "--spider", "-nv", SERVER + "/a", SERVER + "/b");

        assertThat(network.server.connectionsAccepted()).isEqualTo(1);
        assertThat(network.server.requests()).allSatisfy(r -> assertThat(r).startsWith("HEAD "));
    }
}
