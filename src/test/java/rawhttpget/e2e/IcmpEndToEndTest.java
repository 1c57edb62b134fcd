package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ICMP from a real Linux router ({@code scripts/testnet.sh}'s): "destination unreachable" ends the download at
 * once with exit 4, and "fragmentation needed" on a narrower path lowers our segment size so the request gets
 * through (path MTU discovery).
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IcmpEndToEndTest {
    /** An address in 198.18.0.0/15 that no namespace has: the router has no route to it. */
    private static final String NOWHERE = "198.18.9.9";
    private static final int NARROW_MTU = 1400;

    @RegisterExtension
    static final NetworkFixture<TestNetwork> fixture =
            NetworkFixture.testNetwork("icmp", docroot -> TestFiles.random(docroot.resolve("1M.bin"), 1 << 20, 31));

    @Test
    void aRouterWithNoRouteEndsTheDownloadAtOnceWithExitFour() throws Exception {
        long start = System.nanoTime();
        CommandResult result = Rawhttpget.run(fixture.net(), fixture.work(), "-i", fixture.net().routedInterface(),
                "http://" + NOWHERE + "/file");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(result.exitCode()).as("exit code\n%s", result.describe()).isEqualTo(4);
            soft.assertThat(result.stderr()).as("the message names the ICMP").contains("unreachable")
                    .doesNotContain("Exception");
            // Without the ICMP the SYN would be retried for the whole 60 s idle timeout.
            soft.assertThat(took).as("time taken").isLessThan(Duration.ofSeconds(15));
        });
    }

    @Test
    void aNarrowerLinkBehindTheRouterLowersOurSegmentSize() throws Exception {
        // The router's link toward the server carries 1400-byte packets. The server keeps its 1500-byte
        // interface (so it announces MSS 1460) but sends at most 1400 bytes toward us (route mtu), so only our
        // direction needs discovery: the router refuses our first full-sized segment with "fragmentation needed".
        TestNetwork net = fixture.net();
        String rtr = net.routerNamespace();
        String srv = net.serverNamespace();
        Command.check(List.of("ip", "-n", rtr, "link", "set", net.prefix() + "r3", "mtu", String.valueOf(NARROW_MTU)),
                Duration.ofSeconds(10));
        Command.check(List.of("ip", "-n", srv, "route", "replace", "198.18.2.0/24", "via", "198.18.3.2", "dev",
                net.prefix() + "s3", "mtu", String.valueOf(NARROW_MTU), "advmss", "1460"), Duration.ofSeconds(10));
        // nginx ignores the query, and it makes the request ~3 kB: two full-sized segments and a bit.
        String url = "http://" + TestNetwork.SERVER_ROUTED_IP + "/1M.bin?pad=" + "p".repeat(3000);

        long start = System.nanoTime();
        CommandResult result = Rawhttpget.run(net, fixture.work(), "-v", "-i", net.routedInterface(), "-O", "copy.bin",
                url);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Path copy = fixture.work().resolve("copy.bin");
        String copySha = Files.isRegularFile(copy) ? Sha256.of(copy) : "(no copy)";
        String want = Sha256.of(fixture.docroot().resolve("1M.bin"));
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(result.exitCode()).as("exit code\n%s", result.describe()).isZero();
            soft.assertThat(copySha).as("sha256 of the copy").isEqualTo(want);
            soft.assertThat(result.stderr()).as("the path MTU is logged").contains("path MTU " + NARROW_MTU);
            soft.assertThat(took).as("no waiting on retransmission timeouts").isLessThan(Duration.ofSeconds(15));
        });
    }
}
