package rawhttpget.download;

import org.junit.jupiter.api.Test;
import rawhttpget.testing.ScriptedHttpServer.Reply;
import rawhttpget.testing.VirtualNetwork;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * --https-only acts in wget's recursive mode only: wget 1.21.3 run here as {@code wget -nv --https-only
 * http://127.0.0.1:PORT/start.bin}, sent on over http, saved it as without the option, exit 0. So does rawhttpget.
 */
class HttpsOnlyInVirtualTimeTest extends VirtualTimeDownloads {
    HttpsOnlyInVirtualTimeTest() {
        super("-nv", "--https-only");
    }

    @Test
    void aPlainHttpUrlAndItsHttpRedirectAreFetchedAsWithoutIt() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.respond("HTTP/1.1 302 Found\r\nLocation: /final.bin\r\nContent-Length: 0\r\n\r\n"),
                Reply.respond("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")));

        run(network, SERVER + "/start.bin");

        assertThat(file("start.bin")).isEqualTo("hello");
        assertThat(said()).isEqualTo("DATE URL:" + SERVER + "/final.bin [5/5] -> \"" + dir.resolve("start.bin")
                + "\" [1]\n");
    }
}
