package rawhttpget.download;

import org.junit.jupiter.api.Test;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.testing.ScriptedHttpServer.Reply;
import rawhttpget.testing.VirtualNetwork;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whole downloads over IPv6 through Downloader, in virtual time: a {@code [v6]} URL, its Host header in brackets,
 * a redirect to another v6 literal, and -4/-6 on literals of the other family (exit 4, as wget).
 */
class Ipv6DownloadInVirtualTimeTest extends VirtualTimeDownloads {
    Ipv6DownloadInVirtualTimeTest() {
        super("--progress=dot");
    }

    @Test
    void downloadsFromAnIpv6LiteralWithTheHostInBrackets() throws Exception {
        String content = letters(200_000);
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.respond("HTTP/1.1 301 Moved\r\nLocation: http://[2001:2::2]:80/final.bin\r\nContent-Length: 0\r\n\r\n"),
                Reply.respond("HTTP/1.1 200 OK\r\nContent-Length: 200000\r\n\r\n" + content)));

        run(network, "http://[2001:2::2]/start.bin");

        assertThat(network.server.requests()).hasSize(2);
        assertThat(network.server.requests().get(0)).startsWith("GET /start.bin HTTP/1.1\r\n")
                .contains("\r\nHost: [2001:2::2]\r\n");
        assertThat(network.server.requests().get(1)).startsWith("GET /final.bin HTTP/1.1\r\n")
                .contains("\r\nHost: [2001:2::2]\r\n");
        assertThat(Files.readString(dir.resolve("start.bin"), StandardCharsets.ISO_8859_1)).isEqualTo(content);
        assertThat(errText.toString()).contains("Connecting to [2001:2::2]:80... connected.\n");
    }

    @Test
    void inet4OnlyRefusesAnIpv6LiteralAsWgetDoes() {
        VirtualNetwork network = new VirtualNetwork(List.of());
        assertThatThrownBy(() -> run(network, "-4", "http://[2001:2::2]/f"))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.NETWORK);
                    assertThat(e.getMessage()).isEqualTo(
                            "unable to resolve host address '2001:2::2' (Address family for hostname not supported)");
                });
        assertThat(network.server.requests()).isEmpty();
    }

    @Test
    void inet6OnlyRefusesAnIpv4LiteralAndTakesAnIpv6One() throws Exception {
        VirtualNetwork refused = new VirtualNetwork(List.of());
        assertThatThrownBy(() -> run(refused, "-6", "http://198.18.0.2/f"))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NETWORK));

        VirtualNetwork network = new VirtualNetwork(List.of(Reply.respond("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")));
        run(network, "-6", "http://[2001:2::2]/g");
        assertThat(Files.readString(dir.resolve("g"))).isEqualTo("hello");
    }
}
