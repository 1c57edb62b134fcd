package rawhttpget.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lossy WAN scenarios of {@link WanEndToEndTest}, run once over IPv6: the emulator relays Ethernet frames, so
 * the same path carries IPv6 once the test turns it on in the client's and server's namespaces and gives them
 * 2001:2::/48 addresses with nodad. The server is Python's http.server on the server's IPv6 address (nginx there
 * listens on IPv4 only). Skipped, as the IPv4 class is, where no emulator exists.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Ipv6WanEndToEndTest {
    private static final String FILE = "wan6-20M.bin";
    private static final String CLIENT = "2001:2:0:1::2";
    private static final String SERVER = "2001:2:0:1::1";
    private static final int PORT = 8081;
    private static final Duration SHORT = Duration.ofSeconds(20);

    @RegisterExtension
    static final NetworkFixture<WanNetwork> fixture =
            NetworkFixture.wanNetwork("wan6", docroot -> TestFiles.random(docroot.resolve(FILE), 20L << 20, 26));

    private String sourceSha256;
    private Process server;

    @BeforeAll
    void ipv6OnTheWan() throws Exception {
        String p = fixture.net().prefix();
        for (String[] end : new String[][] {{p + "-cli", p + "c1", CLIENT}, {p + "-srv", p + "s1", SERVER}}) {
            in(end[0], "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=0", "net.ipv6.conf.default.disable_ipv6=0",
                    "net.ipv6.conf." + end[1] + ".disable_ipv6=0");
            Command.check(List.of("ip", "-n", end[0], "addr", "add", end[2] + "/64", "dev", end[1], "nodad"), SHORT);
        }
        server = new ProcessBuilder("ip", "netns", "exec", p + "-srv", "python3", "-m", "http.server", "--bind", SERVER,
                "--directory", fixture.docroot().toString(), Integer.toString(PORT))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        sourceSha256 = Sha256.of(fixture.docroot().resolve(FILE));
        fixture.net().impair(List.of("-s", "7"));
        for (int i = 0; i < 100; i++) {
            if (Command.run(List.of("ip", "netns", "exec", p + "-cli", "curl", "-s", "-o", "/dev/null",
                    "http://[" + SERVER + "]:" + PORT + "/"), Path.of("/"), SHORT).exitCode() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the IPv6 server never answered through the WAN");
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    @ParameterizedTest
    @EnumSource(WanEndToEndTest.Scenario.class)
    void downloadsAnIdenticalFileOverIpv6WithinTheBound(WanEndToEndTest.Scenario scenario) throws Exception {
        WanNetwork net = fixture.net();
        net.impair(scenario.wannetOptions());
        long start = System.nanoTime();
        CommandResult result = net.execInClient(fixture.work(), scenario.bound.plusSeconds(30), Rawhttpget.command(
                "-v", "-i", net.clientInterface(), "-O", "copy6.bin", "http://[" + SERVER + "]:" + PORT + "/" + FILE));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Path copy = fixture.work().resolve("copy6.bin");
        String copySha256 = Files.isRegularFile(copy) ? Sha256.of(copy) : "(no copy6.bin)";
        String what = "IPv6 " + scenario + " " + scenario.wannetOptions() + ": ";
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(result.exitCode()).as(what + "exit code\n%s", result.describe()).isZero();
            soft.assertThat(copySha256).as(what + "sha256 of the copy").isEqualTo(sourceSha256);
            soft.assertThat(took).as(what + "time taken").isLessThanOrEqualTo(scenario.bound);
            soft.assertThat(result.stderr()).as(what + "stderr").doesNotContain("Exception")
                    .contains("interface " + net.clientInterface() + ": IPv6 " + CLIENT);
        });
    }

    private static void in(String ns, String... command) throws Exception {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(List.of(command));
        Command.check(all, SHORT);
    }
}
