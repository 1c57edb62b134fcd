package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Downloads through a real proxy, Debian's tinyproxy, running in the server's namespace on 198.18.1.1:8888 with
 * Basic credentials, named proxy.test in the client's hosts file (a name the server's certificate does not have). The origin, origin.proxied.test, has a name only the proxy's namespace can resolve (its hosts
 * file, not the client's): a download that works shows that our TCP went to the proxy and that we never looked the
 * origin up. Plain http goes in absolute form, https through CONNECT with the certificate checked against the
 * origin's name. Each case runs wget 1.21.3 through the same proxy with the same environment, and the exit code
 * and the lines compared are wget's.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyEndToEndTest {
    private static final long SIZE = 200_000;
    private static final String ORIGIN = "origin.proxied.test";
    private static final int PROXY_PORT = 8888;
    private static final String USER = "alice";
    private static final String PASSWORD = "s3cret-proxy";
    /** The proxy's name in the client's hosts file: not a name of the server's certificate. */
    private static final String PROXY_NAME = "proxy.test";
    private static final String PROXY = "http://" + USER + ":" + PASSWORD + "@" + PROXY_NAME + ":" + PROXY_PORT + "/";
    private static final String CONNECTED = "Connecting to proxy.test (proxy.test)|198.18.1.1|:8888... connected.\n";

    @RegisterExtension
    static final NetworkFixture<TestNetwork> fixture = NetworkFixture.testNetworkWithHttps("proxy",
            docroot -> TestFiles.random(docroot.resolve("file.bin"), SIZE, 18), ORIGIN, TestNetwork.SERVER_NAME,
            TestNetwork.SERVER_ONLINK_IP);
    /** Served by the same nginx, but not a name of its certificate. */
    private static final String OTHER = "other.proxied.test";

    private String fileSha256;
    private Path proxyDir;
    private Path serverHosts;
    private Path clientHosts;
    private String clientHostsBefore;
    private Process tinyproxy;

    @BeforeAll
    void startTheProxy() throws Exception {
        fileSha256 = Sha256.of(fixture.docroot().resolve("file.bin"));
        String serverNs = fixture.net().serverNamespace();
        // Only the proxy's side knows the origin's name: ip netns exec mounts this file over its /etc/hosts.
        serverHosts = Path.of("/etc/netns", serverNs, "hosts");
        Files.createDirectories(serverHosts.getParent());
        Files.writeString(serverHosts, "127.0.0.1 localhost\n" + TestNetwork.SERVER_ONLINK_IP + " " + ORIGIN + " " + OTHER
                + "\n");
        clientHosts = Path.of("/etc/netns", fixture.net().clientNamespace(), "hosts");
        clientHostsBefore = Files.readString(clientHosts);
        Files.writeString(clientHosts, clientHostsBefore + TestNetwork.SERVER_ONLINK_IP + " " + PROXY_NAME + "\n");
        proxyDir = Files.createTempDirectory(fixture.scratch(), "tinyproxy-");
        Path config = proxyDir.resolve("tinyproxy.conf");
        Files.writeString(config, String.join("\n",
                "Port " + PROXY_PORT,
                "Listen " + TestNetwork.SERVER_ONLINK_IP,
                "Timeout 30",
                "MaxClients 20",
                "LogLevel Info",
                "LogFile \"" + proxyDir.resolve("tinyproxy.log") + "\"",
                "PidFile \"" + proxyDir.resolve("tinyproxy.pid") + "\"",
                "Allow 198.18.0.0/15",
                "ConnectPort 443",
                "BasicAuth " + USER + " " + PASSWORD, ""));
        tinyproxy = new ProcessBuilder("ip", "netns", "exec", serverNs, "tinyproxy", "-d", "-c", config.toString())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(proxyDir.resolve("stdout.log").toFile())
                .redirectErrorStream(true)
                .start();
        awaitListening(serverNs);
    }

    /** tinyproxy listens a moment after it starts; a test that began sooner would see a refusal. */
    private void awaitListening(String serverNs) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && tinyproxy.isAlive()) {
            String listening = Command.check(List.of("ip", "netns", "exec", serverNs, "ss", "-Hltn",
                    "sport = :" + PROXY_PORT), Duration.ofSeconds(10));
            if (!listening.isBlank()) {
                return;
            }
            tinyproxy.waitFor(50, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("tinyproxy is not listening; its output:\n"
                + Files.readString(proxyDir.resolve("stdout.log")));
    }

    @AfterAll
    void stopTheProxy() throws Exception {
        try {
            if (tinyproxy != null) {
                tinyproxy.destroy();
                if (!tinyproxy.waitFor(10, TimeUnit.SECONDS)) {
                    tinyproxy.destroyForcibly().waitFor();
                }
            }
        } finally {
            if (serverHosts != null) {
                Files.deleteIfExists(serverHosts);
            }
            if (clientHostsBefore != null) {
                Files.writeString(clientHosts, clientHostsBefore);
            }
            TestFiles.deleteTree(proxyDir);
        }
    }

    /** Ours and wget's runs of one case: same environment, same URL, each in a directory of its own. */
    private record Both(CommandResult ours, CommandResult wget, Path oursDir, Path wgetDir) {
    }

    private Both both(List<String> environment, List<String> ourOptions, List<String> wgetOptions, String url)
            throws Exception {
        Path oursDir = Files.createDirectory(fixture.work().resolve("ours"));
        Path wgetDir = Files.createDirectory(fixture.work().resolve("wget"));
        List<String> ours = new ArrayList<>(withEnvironment(environment));
        ours.addAll(List.of(Rawhttpget.java(), "-jar", Rawhttpget.jar().toString()));
        ours.addAll(ourOptions);
        ours.add(url);
        List<String> wget = new ArrayList<>(withEnvironment(environment));
        wget.addAll(List.of("wget", "--tries=1"));
        wget.addAll(wgetOptions);
        wget.add(url);
        return new Both(fixture.net().execInClient(oursDir, Rawhttpget.TIMEOUT, ours),
                fixture.net().execInClient(wgetDir, Rawhttpget.TIMEOUT, wget), oursDir, wgetDir);
    }

    /** {@code env} with the proxy variables of the test's own environment removed, then {@code environment}'s. */
    private static List<String> withEnvironment(List<String> environment) {
        List<String> env = new ArrayList<>(List.of("env", "-u", "http_proxy", "-u", "https_proxy", "-u", "no_proxy",
                "-u", "HTTP_PROXY", "-u", "HTTPS_PROXY", "-u", "NO_PROXY"));
        env.addAll(environment);
        return env;
    }

    private String ca() {
        return "--ca-certificate=" + fixture.tlsDirectory().resolve("ca.pem");
    }

    private static List<String> files(Path dir) {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of("(unlistable: " + e.getMessage() + ")");
        }
    }

    @Test
    void plainHttpGoesToTheProxyInAbsoluteFormWithItsCredentialsNeverShown() throws Exception {
        // No -i: the interface is the one routed to the proxy; the origin's name would not resolve here at all.
        Both run = both(List.of("http_proxy=" + PROXY), List.of("-d", "--stats"), List.of(),
                "http://" + ORIGIN + "/file.bin");

        String base64 = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(run.wget().exitCode()).as(run.wget().describe()).isZero();
            soft.assertThat(run.ours().exitCode()).as(run.ours().describe()).isZero();
            soft.assertThat(sha256(run.oursDir().resolve("file.bin"))).isEqualTo(fileSha256);
            soft.assertThat(sha256(run.wgetDir().resolve("file.bin"))).isEqualTo(fileSha256);
            String resolving = "Resolving proxy.test (proxy.test)... 198.18.1.1\n";
            String sent = CONNECTED + "Proxy request sent, awaiting response... 200 OK\n";
            soft.assertThat(run.wget().stderr()).contains(resolving + sent);
            // -d's log lines come between the status lines.
            soft.assertThat(run.ours().stderr()).contains(resolving, sent);
            soft.assertThat(run.ours().stderr())
                    .doesNotContain(PASSWORD, base64)
                    .contains("GET http://" + ORIGIN + "/file.bin HTTP/1.1\r\nHost: " + ORIGIN + "\r\n")
                    .contains("Proxy-Authorization: Basic <redacted>")
                    .contains("http://" + ORIGIN + "/file.bin via proxy proxy.test:8888")
                    .contains(" > 198.18.1.1.8888")
                    .containsPattern("firewall: added rule for [0-9.]+:[0-9]+ <> 198\\.18\\.1\\.1:8888 ")
                    .doesNotContain("Resolving " + ORIGIN);
        });
    }

    @Test
    void httpsGoesThroughConnectWithTheCertificateCheckedForTheOrigin() throws Exception {
        Both run = both(List.of("https_proxy=" + PROXY), List.of("-i", fixture.net().onLinkInterface(), ca()),
                List.of(ca()), "https://" + ORIGIN + "/file.bin");

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(run.wget().exitCode()).as(run.wget().describe()).isZero();
            soft.assertThat(run.ours().exitCode()).as(run.ours().describe()).isZero();
            soft.assertThat(sha256(run.oursDir().resolve("file.bin"))).isEqualTo(fileSha256);
            soft.assertThat(sha256(run.wgetDir().resolve("file.bin"))).isEqualTo(fileSha256);
            for (CommandResult r : List.of(run.wget(), run.ours())) {
                soft.assertThat(r.stderr()).contains(CONNECTED + "Proxy request sent, awaiting response... 200 OK\n");
            }
        });
    }

    @Test
    void theCertificateIsCheckedForTheOriginsNameNotTheProxys() throws Exception {
        // The certificate names origin.proxied.test, files.test and 198.18.1.1: not this origin, nor the proxy.
        Both run = both(List.of("https_proxy=" + PROXY), List.of("-i", fixture.net().onLinkInterface(), ca()),
                List.of(ca()), "https://" + OTHER + "/file.bin");

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(run.wget().exitCode()).as(run.wget().describe()).isEqualTo(5);
            soft.assertThat(run.ours().exitCode()).as(run.ours().describe()).isEqualTo(5);
            soft.assertThat(run.ours().stderr()).contains("host name " + OTHER + " does not match the certificate");
            soft.assertThat(files(run.oursDir())).isEmpty();
        });
    }

    @Test
    void noProxyAndTheNoProxyOptionGoStraightToTheServer() throws Exception {
        Both listed = both(List.of("http_proxy=" + PROXY, "no_proxy=example.org, files.test"),
                List.of("-i", fixture.net().onLinkInterface()), List.of(), "http://files.test/file.bin");
        Files.move(fixture.work().resolve("ours"), fixture.work().resolve("listed-ours"));
        Files.move(fixture.work().resolve("wget"), fixture.work().resolve("listed-wget"));
        Both option = both(List.of("http_proxy=" + PROXY), List.of("-i", fixture.net().onLinkInterface(),
                "--no-proxy"), List.of("--no-proxy"), "http://files.test/file.bin");

        String direct = "Connecting to files.test (files.test)|198.18.1.1|:80... connected.\n"
                + "HTTP request sent, awaiting response... 200 OK\n";
        SoftAssertions.assertSoftly(soft -> {
            for (Both run : List.of(listed, option)) {
                soft.assertThat(run.wget().exitCode()).as(run.wget().describe()).isZero();
                soft.assertThat(run.ours().exitCode()).as(run.ours().describe()).isZero();
                soft.assertThat(run.wget().stderr()).contains(direct);
                soft.assertThat(run.ours().stderr()).contains(direct);
            }
            soft.assertThat(sha256(fixture.work().resolve("listed-ours/file.bin"))).isEqualTo(fileSha256);
            soft.assertThat(sha256(option.oursDir().resolve("file.bin"))).isEqualTo(fileSha256);
        });
    }

    @Test
    void aProxyAskingForCredentialsEndsTheRunAsWgetDoes() throws Exception {
        String noCredentials = "http://" + PROXY_NAME + ":" + PROXY_PORT + "/";
        Both run = both(List.of("http_proxy=" + noCredentials), List.of("-i", fixture.net().onLinkInterface()),
                List.of(), "http://" + ORIGIN + "/file.bin");

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(run.wget().exitCode()).as(run.wget().describe()).isEqualTo(8);
            soft.assertThat(run.ours().exitCode()).as(run.ours().describe()).isEqualTo(8);
            String line = CONNECTED + "Proxy request sent, awaiting response... 407 Proxy Authentication Required\n";
            soft.assertThat(run.wget().stderr()).contains(line).contains("ERROR 407: Proxy Authentication Required.");
            soft.assertThat(run.ours().stderr()).contains(line).contains("ERROR 407: Proxy Authentication Required.");
            soft.assertThat(files(run.oursDir())).isEmpty();
            soft.assertThat(files(run.wgetDir())).isEmpty();
        });
    }

    @Test
    void aTunnelTheProxyRefusesEndsTheRunAsWgetDoes() throws Exception {
        // tinyproxy opens tunnels to port 443 only: 8443 gets its 403 "Access violation".
        Both run = both(List.of("https_proxy=" + PROXY), List.of("-i", fixture.net().onLinkInterface(), ca()),
                List.of(ca()), "https://" + ORIGIN + ":8443/file.bin");

        String line = "Proxy tunneling failed: Access violationUnable to establish SSL connection.\n";
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(run.wget().exitCode()).as(run.wget().describe()).isEqualTo(4);
            soft.assertThat(run.ours().exitCode()).as(run.ours().describe()).isEqualTo(4);
            soft.assertThat(run.wget().stderr()).contains(CONNECTED + line);
            soft.assertThat(run.ours().stderr()).contains(CONNECTED + "rawhttpget: " + line);
            soft.assertThat(files(run.oursDir())).isEmpty();
            soft.assertThat(files(run.wgetDir())).isEmpty();
        });
    }

    @Test
    void anOriginTheProxyCannotReachIsTheProxysErrorStatus() throws Exception {
        Both run = both(List.of("http_proxy=" + PROXY), List.of("-i", fixture.net().onLinkInterface()), List.of(),
                "http://" + ORIGIN + ":81/file.bin");

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(run.wget().exitCode()).as(run.wget().describe()).isEqualTo(8);
            soft.assertThat(run.ours().exitCode()).as(run.ours().describe()).isEqualTo(8);
            String status = statusLine(run.wget().stderr());
            soft.assertThat(status).startsWith("Proxy request sent, awaiting response... 5");
            soft.assertThat(statusLine(run.ours().stderr())).isEqualTo(status);
            soft.assertThat(files(run.oursDir())).isEmpty();
            soft.assertThat(files(run.wgetDir())).isEmpty();
        });
    }

    @Test
    void aProxyThatRefusesTheConnectionEndsTheRunAsWgetDoes() throws Exception {
        Both run = both(List.of("http_proxy=" + PROXY_NAME + ":8899"),
                List.of("-i", fixture.net().onLinkInterface()), List.of(), "http://" + ORIGIN + "/file.bin");

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(run.wget().exitCode()).as(run.wget().describe()).isEqualTo(4);
            soft.assertThat(run.ours().exitCode()).as(run.ours().describe()).isEqualTo(4);
            String line = "Connecting to proxy.test (proxy.test)|198.18.1.1|:8899... failed: Connection refused.\n";
            soft.assertThat(run.wget().stderr()).contains(line);
            soft.assertThat(run.ours().stderr()).contains(line);
            soft.assertThat(files(run.oursDir())).isEmpty();
        });
    }

    @Test
    void aProxyUrlThatIsNotHttpIsWgetsError() throws Exception {
        Both run = both(List.of("http_proxy=ftp://proxy.test:8888/"), List.of("-i", fixture.net().onLinkInterface()),
                List.of(), "http://" + ORIGIN + "/file.bin");

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(run.wget().exitCode()).as(run.wget().describe()).isEqualTo(8);
            soft.assertThat(run.ours().exitCode()).as(run.ours().describe()).isEqualTo(8);
            String line = "Error in proxy URL ftp://proxy.test:8888/: Must be HTTP.";
            soft.assertThat(run.wget().stderr()).contains(line);
            soft.assertThat(run.ours().stderr()).contains(line).doesNotContain("--  http://");
        });
    }

    /** The line that reports the response's status. */
    private static String statusLine(String stderr) {
        return Pattern.compile("\n").splitAsStream(stderr).filter(l -> l.contains("request sent, awaiting response"))
                .findFirst().orElse("(none in:\n" + stderr + ")");
    }

    private static String sha256(Path file) {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
