package rawhttpget.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Downloads through an emulated WAN ({@code scripts/wannet.sh}): 20 ms each way at 100 Mbit/s, then the same
 * path with loss, reordering, duplication and corruption. Every copy must be the served file byte for byte and
 * every run must end within its bound. Needs root, and tc netem or target/wanem ({@code make wanem}); without
 * either the class is skipped with a message saying so. About a minute in all (budget: 4).
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WanEndToEndTest {
    private static final String FILE = "wan-20M.bin";
    private static final long SIZE = 20L << 20;

    /**
     * wannet.sh options per scenario, and how long a 20 MB download (JVM start included) may take. At the time
     * of writing the slowest, 5 % loss, took about 5 s here (~50 Mbit/s), the clean path about 3 s: the bounds
     * leave room for a busy machine, and still fail a transfer that crawls on timeouts.
     */
    enum Scenario {
        CLEAN(List.of(), 20),
        LOSS_1_PERCENT(List.of("-l", "1"), 30),
        LOSS_5_PERCENT(List.of("-l", "5"), 45),
        JITTER_REORDERS(List.of("-j", "2"), 30),
        DUPLICATE_1_PERCENT(List.of("-u", "1"), 20),
        CORRUPT_0_1_PERCENT(List.of("-c", "0.1"), 30);

        final List<String> impairment;
        final Duration bound;

        Scenario(List<String> impairment, int boundSeconds) {
            this.impairment = impairment;
            this.bound = Duration.ofSeconds(boundSeconds);
        }

        List<String> wannetOptions() {
            return Stream.concat(Stream.of("-d", "20", "-r", "100", "-s", "7"), impairment.stream()).toList();
        }
    }

    @RegisterExtension
    static final NetworkFixture<WanNetwork> fixture =
            NetworkFixture.wanNetwork("wan", docroot -> TestFiles.random(docroot.resolve(FILE), SIZE, 20));

    private String sourceSha256;

    @BeforeAll
    void hashTheFile() throws Exception {
        sourceSha256 = Sha256.of(fixture.docroot().resolve(FILE));
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void downloadsAnIdenticalFileWithinTheBound(Scenario scenario) throws Exception {
        WanNetwork net = fixture.net();
        net.impair(scenario.wannetOptions());
        long start = System.nanoTime();
        CommandResult result = net.execInClient(fixture.work(), scenario.bound.plusSeconds(30), Rawhttpget.command(
                "-v", "-i", net.clientInterface(), "-O", "copy.bin", "http://" + WanNetwork.SERVER_IP + "/" + FILE));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Path copy = fixture.work().resolve("copy.bin");
        String copySha256 = Files.isRegularFile(copy) ? Sha256.of(copy) : "(no copy.bin)";
        String what = scenario + " " + scenario.wannetOptions() + ": ";
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(result.exitCode()).as(what + "exit code\n%s", result.describe()).isZero();
            soft.assertThat(copySha256).as(what + "sha256 of the copy").isEqualTo(sourceSha256);
            soft.assertThat(took).as(what + "time taken").isLessThanOrEqualTo(scenario.bound);
            soft.assertThat(result.stderr()).as(what + "stderr").doesNotContain("Exception");
        });
    }
}
