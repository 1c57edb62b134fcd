package rawhttpget.download;

import org.junit.jupiter.api.Test;
import rawhttpget.testing.ScriptedHttpServer.Reply;
import rawhttpget.testing.VirtualNetwork;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * --trust-server-names: after redirects the file is named after the last URL, as wget 1.21.3 names it (run here
 * against a server sending /start.bin to /hop?x=1 and that to /final.bin: "Saving to: ‘final.bin’"; with -nc and
 * final.bin present, after the second "Location: /final.bin [following]", "File ‘final.bin’ already there; not
 * retrieving." and no third request).
 */
class TrustServerNamesInVirtualTimeTest extends VirtualTimeDownloads {
    private static final String BODY = "hello";

    TrustServerNamesInVirtualTimeTest() {
        super("--progress=dot", "--trust-server-names");
    }

    private static VirtualNetwork twoRedirects() {
        return new VirtualNetwork(List.of(
                Reply.respond("HTTP/1.1 302 Found\r\nLocation: /hop?x=1\r\nContent-Length: 0\r\n\r\n"),
                Reply.respond("HTTP/1.1 302 Found\r\nLocation: /final.bin\r\nContent-Length: 0\r\n\r\n"),
                Reply.respond("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n" + BODY)));
    }

    @Test
    void namesTheFileAfterTheLastUrl() throws Exception {
        VirtualNetwork network = twoRedirects();

        run(network, SERVER + "/start.bin");

        assertThat(files()).containsExactly("final.bin");
        assertThat(file("final.bin")).isEqualTo(BODY);
        assertThat(said()).isEqualTo("--DATE--  " + SERVER + "/start.bin\n"
                + "Connecting to 198.18.0.2:80... connected.\n"
                + "HTTP request sent, awaiting response... 302 Found\n"
                + "Location: /hop?x=1 [following]\n"
                + "--DATE--  " + SERVER + "/hop?x=1\n"
                + "Connecting to 198.18.0.2:80... connected.\n"
                + "HTTP request sent, awaiting response... 302 Found\n"
                + "Location: /final.bin [following]\n"
                + "--DATE--  " + SERVER + "/final.bin\n"
                + "Connecting to 198.18.0.2:80... connected.\n"
                + "HTTP request sent, awaiting response... 200 OK\n"
                + "Length: 5\n"
                + "Saving to: '" + dir.resolve("final.bin") + "'\n"
                + "\n     0K                                                       100% 9.31G=0s\n"
                + "\nDATE (9.31 GB/s) - '" + dir.resolve("final.bin") + "' saved [5/5]\n\n");
    }

    @Test
    void aTakenLastNameGetsTheNextFreeOne() throws Exception {
        Files.writeString(dir.resolve("final.bin"), "old");

        run(twoRedirects(), SERVER + "/start.bin");

        assertThat(files()).containsExactly("final.bin", "final.bin.1");
        assertThat(file("final.bin.1")).isEqualTo(BODY);
    }

    @Test
    void noClobberChecksTheLastNameAndFetchesNothingMore() throws Exception {
        Files.writeString(dir.resolve("final.bin"), "old");
        VirtualNetwork network = twoRedirects();

        run(network, "-nc", SERVER + "/start.bin");

        assertThat(network.server.requests()).hasSize(2);
        assertThat(file("final.bin")).isEqualTo("old");
        assertThat(said()).endsWith("Location: /final.bin [following]\n"
                + "File '" + dir.resolve("final.bin") + "' already there; not retrieving.\n");
    }
}
