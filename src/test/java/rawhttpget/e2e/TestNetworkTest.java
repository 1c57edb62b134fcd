package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture itself, with curl only (no rawhttpget): if these fail, a failing download test says nothing about
 * the downloader. It also pins {@link TestNetwork}'s constants to what {@code testnet.sh} really builds.
 */
@Tag("e2e")
class TestNetworkTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void servesTheDocrootOnLinkThroughTheRouterByNameAndOnTheSecondPort(@TempDir Path docroot) throws Exception {
        Path file = TestFiles.random(docroot.resolve("f.bin"), 300_000, 1);
        String want = Sha256.of(file);

        try (TestNetwork net = TestNetwork.up(docroot)) {
            for (String host : List.of(TestNetwork.SERVER_ONLINK_IP, TestNetwork.SERVER_NAME,
                    TestNetwork.SERVER_ROUTED_IP, TestNetwork.SERVER_ROUTED_NAME,
                    TestNetwork.SERVER_ONLINK_IP + ":" + TestNetwork.SECOND_PORT,
                    TestNetwork.SERVER_ROUTED_IP + ":" + TestNetwork.SECOND_PORT)) {
                assertThat(net.curlSha256("http://" + host + "/f.bin")).as("via %s", host).isEqualTo(want);
            }
            assertThat(net.curlHeaders("http://" + TestNetwork.SERVER_NAME + "/f.bin"))
                    .containsIgnoringCase("Content-Length: 300000");
        }
    }

    /**
     * The HTTPS fixture for the downloader's TLS tests: nginx on 443 with a certificate from make-test-cert.sh,
     * trusted through its CA for files.test and 198.18.1.1, refused for the router-side name it does not carry.
     * (testnet.sh up has already checked the probe file both ways and a refusal without the CA.)
     */
    @Test
    void servesHttpsWithTheTestCertificateToClientsThatTrustItsCa(@TempDir Path docroot, @TempDir Path tls)
            throws Exception {
        Path file = TestFiles.random(docroot.resolve("f.bin"), 300_000, 3);
        String want = Sha256.of(file);
        TestNetwork.makeTestCertificate(tls);
        String ca = tls.resolve("ca.pem").toString();

        try (TestNetwork net = TestNetwork.upWithHttps(docroot, tls)) {
            for (String host : List.of(TestNetwork.SERVER_NAME, TestNetwork.SERVER_ONLINK_IP)) {
                assertThat(net.curlSha256("https://" + host + "/f.bin", "--cacert", ca)).as("via %s", host)
                        .isEqualTo(want);
            }
            CommandResult wrongName = net.execInClient(Path.of("/"), TIMEOUT, List.of("curl", "-sS", "--noproxy", "*",
                    "--cacert", ca, "-o", "/dev/null", "https://" + TestNetwork.SERVER_ROUTED_NAME + "/f.bin"));
            assertThat(wrongName.exitCode()).as(wrongName.describe()).isEqualTo(60);
            assertThat(wrongName.stderr()).contains("routed.files.test");
        }
    }

    @Test
    void chunkedPathSendsTheSameBytesWithTransferEncodingChunked(@TempDir Path docroot) throws Exception {
        Path file = TestFiles.random(docroot.resolve("f.bin"), 300_000, 2);

        try (TestNetwork net = TestNetwork.up(docroot)) {
            String url = "http://" + TestNetwork.SERVER_NAME + "/chunked/f.bin";
            assertThat(net.curlHeaders(url))
                    .containsIgnoringCase("Transfer-Encoding: chunked")
                    .doesNotContainIgnoringCase("Content-Length");
            assertThat(net.curlSha256(url)).isEqualTo(Sha256.of(file));
        }
    }

    @Test
    void clientHasBothInterfacesAndReachesTheFarServerThroughTheRouter(@TempDir Path docroot) throws Exception {
        try (TestNetwork net = TestNetwork.up(docroot)) {
            assertThat(inClient(net, "ip", "-4", "-o", "addr", "show", "dev", net.onLinkInterface()))
                    .contains(TestNetwork.CLIENT_ONLINK_IP + "/24");
            assertThat(inClient(net, "ip", "-4", "-o", "addr", "show", "dev", net.routedInterface()))
                    .contains(TestNetwork.CLIENT_ROUTED_IP + "/24");
            assertThat(inClient(net, "ip", "route", "get", TestNetwork.SERVER_ROUTED_IP))
                    .contains("via " + TestNetwork.ROUTER_IP + " dev " + net.routedInterface());
            assertThat(inClient(net, "ip", "route", "get", TestNetwork.SERVER_ONLINK_IP))
                    .doesNotContain("via").contains("dev " + net.onLinkInterface());
            assertThat(net.iptablesRules()).as("a fresh namespace filters nothing").isEmpty();
        }
    }

    @Test
    void downRemovesNamespacesHostsFileStateAndNginxAndMayBeRepeated(@TempDir Path docroot) throws Exception {
        TestNetwork net = TestNetwork.up(docroot);
        Path state = net.stateDirectory();
        long nginx = Long.parseLong(Files.readString(state.resolve("nginx.pid")).strip());
        assertThat(TestNetwork.namespacesOf(net.prefix())).hasSize(3);

        net.close();
        net.close();

        assertThat(TestNetwork.namespacesOf(net.prefix())).isEmpty();
        assertThat(Path.of("/etc/netns", net.clientNamespace())).doesNotExist();
        assertThat(state).doesNotExist();
        assertThat(isRunning(nginx)).as("nginx (pid %d) still running", nginx).isFalse();
    }

    /**
     * Whether the process exists and is not a zombie. ProcessHandle.isAlive() counts zombies, and nginx, adopted by
     * PID 1 when it daemonizes, can stay one for seconds where PID 1 reaps late (as in some sandboxes).
     */
    private static boolean isRunning(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        String line;
        try {
            line = Files.readString(stat);
        } catch (NoSuchFileException gone) {
            return false;
        }
        // "PID (COMMAND) STATE ...": COMMAND may contain spaces and parentheses, so take the last ')'.
        return line.charAt(line.lastIndexOf(')') + 2) != 'Z';
    }

    private static String inClient(TestNetwork net, String... command) throws Exception {
        CommandResult result = net.execInClient(Path.of("/"), TIMEOUT, List.of(command));
        assertThat(result.succeeded()).as(result.describe()).isTrue();
        return result.stdout();
    }
}
