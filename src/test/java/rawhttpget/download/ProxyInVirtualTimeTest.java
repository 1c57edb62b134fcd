package rawhttpget.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.testing.ScriptedHttpServer.Reply;
import rawhttpget.testing.VirtualNetwork;

/**
 * Downloads through a proxy in virtual time, the scripted server at 198.18.0.2:80 playing the proxy: the bytes it
 * receives (absolute form, CONNECT), the status lines wget prints for a proxy, and the failures. The origins are
 * under .invalid, a name no resolver answers (RFC 6761): a run that looked one up would fail with exit 4.
 */
class ProxyInVirtualTimeTest extends VirtualTimeDownloads {
    private static final String PROXY = "http://alice:s3cret@198.18.0.2:80/";
    private static final String CREDENTIALS = "Basic YWxpY2U6czNjcmV0";

    ProxyInVirtualTimeTest() {
        super("--progress=dot", "-U", "UA");
    }

    @Test
    void plainHttpGoesToTheProxyInAbsoluteFormWithItsCredentials() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.respond("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")));

        run(network, Map.of("http_proxy", PROXY), "http://origin.invalid:8000/dir/f.bin?x=1");

        assertThat(network.server.requests()).containsExactly("GET http://origin.invalid:8000/dir/f.bin?x=1 HTTP/1.1\r\n"
                + "Host: origin.invalid:8000\r\n"
                + "User-Agent: UA\r\n"
                + "Accept: */*\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: Keep-Alive\r\n"
                + "Proxy-Connection: Keep-Alive\r\n"
                + "Proxy-Authorization: " + CREDENTIALS + "\r\n"
                + "\r\n");
        assertThat(Files.readString(dir.resolve("f.bin?x=1"), StandardCharsets.ISO_8859_1)).isEqualTo("hello");
        // wget 1.21.3 through tinyproxy: the proxy's address and port, and "Proxy request sent".
        assertThat(said()).startsWith("--DATE--  http://origin.invalid:8000/dir/f.bin?x=1\n"
                + "Connecting to 198.18.0.2:80... connected.\n"
                + "Proxy request sent, awaiting response... 200 OK\n"
                + "Length: 5\n");
        assertThat(said()).doesNotContain("s3cret", CREDENTIALS);
    }

    @Test
    void aNoProxyHostAndTheOptionGoStraightToTheServer() throws Exception {
        for (String[] args : List.of(new String[] {"http://198.18.0.2/a.bin"},
                new String[] {"--no-proxy", "http://198.18.0.2/a.bin"})) {
            VirtualNetwork network = new VirtualNetwork(List.of(
                    Reply.respond("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na")));
            Map<String, String> environment = args.length == 1
                    ? Map.of("http_proxy", "http://198.18.0.99:3128/", "no_proxy", "example.org,198.18.0.2")
                    : Map.of("http_proxy", "http://198.18.0.99:3128/");

            run(network, environment, args);

            assertThat(network.server.requests()).hasSize(1).allMatch(r -> r.startsWith("GET /a.bin HTTP/1.1\r\n"));
        }
        assertThat(said()).contains("HTTP request sent").doesNotContain("Proxy request sent");
    }

    @Test
    void httpsAsksTheProxyForATunnelAndARefusalIsWgetsExit4() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.respond("HTTP/1.0 403 Access violation\r\nContent-Type: text/html\r\n\r\n<html>403</html>")));

        assertThatThrownBy(() -> run(network, Map.of("https_proxy", PROXY), "https://origin.invalid/f.bin"))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NETWORK))
                .hasMessage("Proxy tunneling failed: Access violationUnable to establish SSL connection.");

        assertThat(network.server.requests()).containsExactly("CONNECT origin.invalid:443 HTTP/1.1\r\n"
                + "User-Agent: UA\r\n"
                + "Proxy-Authorization: " + CREDENTIALS + "\r\n"
                + "Host: origin.invalid:443\r\n"
                + "\r\n");
        assertThat(said()).isEqualTo("--DATE--  https://origin.invalid/f.bin\n"
                + "Connecting to 198.18.0.2:80... connected.\n");
        assertThat(files()).isEmpty();
    }

    /** wget 1.21.3 against a proxy answering every request with 502 or 503: exit 8 for a request, 4 for CONNECT. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"502, Bad Gateway", "503, Service Unavailable"})
    void aFailingProxyEndsTheRunAsWgetDoes(int status, String reason) throws Exception {
        String answer = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Length: 16\r\n\r\nproxy error page";
        VirtualNetwork plain = new VirtualNetwork(List.of(Reply.respond(answer)));
        assertThatThrownBy(() -> run(plain, Map.of("http_proxy", "198.18.0.2:80"), "http://origin.invalid/f.bin"))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SERVER_ERROR))
                .hasMessage("ERROR " + status + ": " + reason + ".");
        assertThat(said()).endsWith("Proxy request sent, awaiting response... " + status + " " + reason + "\n");

        VirtualNetwork tunnel = new VirtualNetwork(List.of(Reply.respond(answer)));
        assertThatThrownBy(() -> run(tunnel, Map.of("https_proxy", "198.18.0.2:80"), "https://origin.invalid/f.bin"))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NETWORK))
                .hasMessage("Proxy tunneling failed: " + reason + "Unable to establish SSL connection.");
        assertThat(files()).isEmpty();
    }

    /**
     * wget 1.21.3 opens the tunnel on 200 only: run here through a fake proxy giving each of these replies to
     * CONNECT, it printed "Proxy tunneling failed: REASON" run into "Unable to establish SSL connection.", REASON
     * the phrase as sent (nothing when there is none), sent no ClientHello, and exited 4.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "HTTP/1.1 204 No Content\\r\\n\\r\\n                      | Proxy tunneling failed: No ContentUnable to establish SSL connection.",
        "HTTP/1.0 201 Created\\r\\nContent-Length: 0\\r\\n\\r\\n   | Proxy tunneling failed: CreatedUnable to establish SSL connection.",
        "HTTP/1.1 299 Whatever\\r\\n\\r\\n                        | Proxy tunneling failed: WhateverUnable to establish SSL connection.",
        "HTTP/1.1 204\\r\\n\\r\\n                                 | Proxy tunneling failed: Unable to establish SSL connection.",
        "HTTP/1.1 403\\r\\n\\r\\n                                 | Proxy tunneling failed: Unable to establish SSL connection."})
    void aTunnelOpensOnlyOn200AsInWget(String reply, String message) throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(Reply.respond(reply.replace("\\r\\n", "\r\n"))));

        assertThatThrownBy(() -> run(network, Map.of("https_proxy", PROXY), "https://origin.invalid/f.bin"))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NETWORK))
                .hasMessage(message);

        assertThat(network.server.requests()).singleElement(STRING).startsWith("CONNECT origin.invalid:443 HTTP/1.1");
        assertThat(said()).isEqualTo("--DATE--  https://origin.invalid/f.bin\n"
                + "Connecting to 198.18.0.2:80... connected.\n");
        assertThat(files()).isEmpty();
    }

    @Test
    void aProxyThatClosesInsteadOfOpeningTheTunnelFails() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(Reply.respond("HTTP/1.1 200 Conn")));

        assertThatThrownBy(() -> run(network, Map.of("https_proxy", "198.18.0.2:80"), "https://origin.invalid/"))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NETWORK))
                .hasMessage("Proxy tunneling failed: the proxy closed the connection without a reply"
                        + "Unable to establish SSL connection.");
        assertThat(files()).isEmpty();
    }

    @Test
    void aProxyAskingForCredentialsIsAnErrorStatusAndSavesNothing() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(Reply.respond("HTTP/1.1 407 Proxy Authentication Required"
                + "\r\nProxy-Authenticate: Basic realm=\"p\"\r\nContent-Length: 6\r\n\r\ndenied")));

        assertThatThrownBy(() -> run(network, Map.of("http_proxy", "198.18.0.2:80"), "http://origin.invalid/f.bin"))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SERVER_ERROR))
                .hasMessage("ERROR 407: Proxy Authentication Required.");
        assertThat(network.server.requests().get(0)).doesNotContain("Proxy-Authorization");
        assertThat(files()).isEmpty();
    }

    @Test
    void aProxyUrlThatIsNotHttpFailsBeforeAnyRequestAsWgetDoes() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of());

        assertThatThrownBy(() -> run(network, Map.of("http_proxy", "ftp://u:p@198.18.0.2/"), "http://origin.invalid/"))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SERVER_ERROR))
                .hasMessage("Error in proxy URL ftp://<credentials>@198.18.0.2/: Must be HTTP.");
        assertThat(said()).isEmpty();
        assertThat(network.server.requests()).isEmpty();
    }
}
