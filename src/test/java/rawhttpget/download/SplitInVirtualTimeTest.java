package rawhttpget.download;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.link.LinkFaults;
import rawhttpget.output.SplitState;
import rawhttpget.testing.VirtualNetwork;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * --split over the scripted server in virtual time: several connections at once through the one stack, each asking
 * for its segment with a Range; the saved file must be the body byte for byte, whatever the path does to the frames.
 */
class SplitInVirtualTimeTest extends VirtualTimeDownloads {
    private static final String URL = "http://198.18.0.2/file";
    private static final long MS = 1_000_000L;

    SplitInVirtualTimeTest() {
        super("--progress=dot");
    }

    /** Every run downloads {@link #URL}, after its own arguments. */
    @Override
    void run(VirtualNetwork network, String... args) throws DownloadException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(URL);
        super.run(network, all.toArray(String[]::new));
    }

    /** The saved file is {@code body}; a difference is reported by its first offset, not by dumping both. */
    private void assertSaved(byte[] body) throws Exception {
        byte[] saved = Files.readAllBytes(dir.resolve("file"));
        assertThat(Arrays.mismatch(saved, body)).as("first difference (of %d saved, %d sent)\n%s", saved.length,
                body.length, errText).isEqualTo(-1);
    }

    private static VirtualNetwork serving(byte[] body, boolean ranges) {
        VirtualNetwork network = new VirtualNetwork(List.of());
        network.server.serveFile(body, ranges);
        return network;
    }

    private static List<String> ranges(VirtualNetwork network) {
        return network.server.requests().stream()
                .map(r -> r.lines().filter(l -> l.startsWith("Range: ")).findFirst().orElse("none")).toList();
    }

    @Test
    void fourConnectionsFetchTheFileInSegmentsByteForByte() throws Exception {
        byte[] body = randomBytes(300_000, 1);
        VirtualNetwork network = serving(body, true);

        run(network, "--split", "4", "--min-split-size", "50k");

        assertSaved(body);
        assertThat(Files.exists(dir.resolve("file.part"))).isFalse();
        assertThat(Files.exists(dir.resolve("file.part.split"))).isFalse();
        assertThat(network.server.connectionsAccepted()).isEqualTo(4);
        // The probe asks for the minimum split size; the rest of its segment follows over the same connection.
        assertThat(ranges(network)).startsWith("Range: bytes=0-51199")
                .contains("Range: bytes=75000-149999", "Range: bytes=150000-224999", "Range: bytes=225000-299999",
                        "Range: bytes=51200-74999");
    }

    @Test
    void aConnectionWithNothingLeftStealsHalfOfTheLargestSegment() throws Exception {
        byte[] body = randomBytes(400_000, 2);
        Files.write(dir.resolve("file.part"), new byte[0]);
        // Two segments left, 50 kB and 300 kB: the first connection is done long before the second, and steals.
        new SplitState(400_000, List.of(new long[] {0, 50_000}, new long[] {100_000, 400_000}))
                .write(dir.resolve("file.part.split"));
        byte[] partial = new byte[100_000];
        System.arraycopy(body, 50_000, partial, 50_000, 50_000);
        Files.write(dir.resolve("file.part"), partial);
        VirtualNetwork network = serving(body, true);

        run(network, "-c", "--split", "2", "--min-split-size", "10k");

        assertSaved(body);
        List<String> asked = ranges(network);
        assertThat(asked).as(asked.toString()).startsWith("Range: bytes=0-10239", "Range: bytes=10240-49999",
                "Range: bytes=100000-399999");
        // After its 50 kB the first connection takes the upper half of what the second has left; and so on.
        long stolenFrom = Long.parseLong(asked.get(3).substring("Range: bytes=".length(), asked.get(3).indexOf('-')));
        assertThat(stolenFrom).isBetween(200_000L, 399_999L);
        assertThat(asked.get(3)).endsWith("-399999");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aServerWithoutRangesOrAnsweringTwoHundredFallsBackToOneConnection(boolean twoHundredToRange) throws Exception {
        byte[] body = randomBytes(120_000, 3);
        VirtualNetwork network = serving(body, false);

        run(network, "--split", "4", "--min-split-size", "10k");

        assertSaved(body);
        assertThat(ranges(network)).containsExactly("Range: bytes=0-10239", "none");
        assertThat(errText.toString()).doesNotContain("split").contains("200 OK");
        assertThat(Files.exists(dir.resolve("file.part.split"))).isFalse();
    }

    @Test
    void aStateFileResumesEverySegmentAndOnlyTheMissingBytesAreAsked() throws Exception {
        byte[] body = randomBytes(200_000, 4);
        Files.write(dir.resolve("file.part"), new byte[200_000]);
        byte[] partial = Files.readAllBytes(dir.resolve("file.part"));
        System.arraycopy(body, 0, partial, 0, 50_000);
        System.arraycopy(body, 100_000, partial, 100_000, 60_000);
        Files.write(dir.resolve("file.part"), partial);
        new SplitState(200_000, List.of(new long[] {50_000, 100_000}, new long[] {160_000, 200_000}))
                .write(dir.resolve("file.part.split"));
        VirtualNetwork network = serving(body, true);

        run(network, "-c", "--split", "2", "--min-split-size", "10k");

        assertSaved(body);
        assertThat(ranges(network)).first().isEqualTo("Range: bytes=50000-60239");
        assertThat(ranges(network)).allSatisfy(r -> {
            long first = Long.parseLong(r.substring("Range: bytes=".length(), r.indexOf('-')));
            assertThat(first).satisfiesAnyOf(f -> assertThat(f).isBetween(50_000L, 99_999L),
                    f -> assertThat(f).isBetween(160_000L, 199_999L));
        });
        assertThat(Files.exists(dir.resolve("file.part.split"))).isFalse();
    }

    @Test
    void aStateFileMakesMinusCSegmentedEvenWithoutSplit() throws Exception {
        byte[] body = randomBytes(100_000, 5);
        byte[] partial = new byte[100_000];
        System.arraycopy(body, 0, partial, 0, 30_000);
        Files.write(dir.resolve("file.part"), partial); // full size, with a gap: appending would be wrong
        new SplitState(100_000, List.<long[]>of(new long[] {30_000, 100_000})).write(dir.resolve("file.part.split"));
        VirtualNetwork network = serving(body, true);

        run(network, "-c");

        assertSaved(body);
        assertThat(ranges(network)).first().isEqualTo("Range: bytes=30000-1078575");
    }

    @Test
    void aConnectionResetMidSegmentIsTriedAgainAloneAndTheFileIsWhole() throws Exception {
        byte[] body = randomBytes(300_000, 6);
        VirtualNetwork network = serving(body, true);
        network.server.resetResponse(3, 20_000); // the third request breaks after 20 kB of its body

        run(network, "--split", "3", "--min-split-size", "20k", "-t", "3", "--waitretry", "0");

        assertSaved(body);
        assertThat(network.server.connectionsAccepted()).isGreaterThan(3);
    }

    @Test
    void aConnectionOutOfTriesLeavesItsSegmentToTheOthers() throws Exception {
        byte[] body = randomBytes(300_000, 7);
        VirtualNetwork network = serving(body, true);
        network.server.resetResponse(2, 10_000);

        run(network, "--split", "3", "--min-split-size", "20k");

        assertSaved(body);
    }

    @Test
    void aDownloadWhoseConnectionsAllFailKeepsItsStateAndMinusCFetchesOnlyWhatIsMissing() throws Exception {
        byte[] body = randomBytes(200_000, 9);
        VirtualNetwork failing = serving(body, true);
        for (int n = 1; n <= 10; n++) {
            failing.server.resetResponse(n, 5_000); // every answer breaks after 5000 bytes of its body
        }

        assertThatThrownBy(() -> run(failing, "--split", "2", "--min-split-size", "20k"))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.NETWORK);
                    assertThat(e.getMessage()).contains("bytes kept in '" + dir.resolve("file.part") + "'; -c continues it");
                });
        assertThat(Files.exists(dir.resolve("file"))).as("a file with gaps is never renamed").isFalse();
        SplitState kept = SplitState.read(dir.resolve("file.part.split"));
        assertThat(kept.length()).isEqualTo(200_000);
        assertThat(kept.missing()).hasSize(2);
        assertThat(kept.missing().get(0)).containsExactly(5_000, 100_000);
        assertThat(kept.missing().get(1)).containsExactly(105_000, 200_000);

        VirtualNetwork healthy = serving(body, true);
        run(healthy, "-c", "--split", "2", "--min-split-size", "20k");

        assertSaved(body);
        assertThat(ranges(healthy)).first().isEqualTo("Range: bytes=5000-25479");
        assertThat(ranges(healthy)).noneMatch(r -> r.startsWith("Range: bytes=0-") || r.startsWith("Range: bytes=100000-"));
        assertThat(Files.exists(dir.resolve("file.part.split"))).isFalse();
    }

    @Test
    void theProbeFollowsRedirectsAndTheFileIsSplitAtTheirEndUnderTheOriginalName() throws Exception {
        byte[] body = randomBytes(200_000, 10);
        VirtualNetwork network = new VirtualNetwork(List.of());
        network.server.serveFiles(java.util.Map.of("/real/data.bin", body), true);
        network.server.redirect("/file", "/hop");
        network.server.redirect("/hop", "http://198.18.0.2/real/data.bin");

        run(network, "--split", "3", "--min-split-size", "20k");

        assertSaved(body);
        assertThat(network.server.requests()).hasSizeGreaterThan(4);
        assertThat(network.server.requests().get(2)).startsWith("GET /real/data.bin HTTP/1.1\r\n")
                .contains("\r\nRange: bytes=0-20479\r\n");
        assertThat(network.server.connectionsAccepted()).isGreaterThanOrEqualTo(3);
        assertThat(errText.toString()).contains("Location: /hop [following]")
                .contains("--  http://198.18.0.2/real/data.bin");
    }

    @Test
    void aRedirectLoopEndsTheSplitDownloadAsWithoutSplit() {
        VirtualNetwork network = new VirtualNetwork(List.of());
        network.server.serveFiles(java.util.Map.of(), true);
        network.server.redirect("/file", "/file2");
        network.server.redirect("/file2", "/file");

        assertThatThrownBy(() -> run(network, "--split", "3"))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.SERVER_ERROR); // wget's exit 8, as without --split
                    assertThat(e.getMessage()).startsWith("redirection loop: http://198.18.0.2/file redirects back");
                });
        assertThat(Files.exists(dir.resolve("file"))).isFalse();
    }

    @Test
    void aWrongChecksumLeavesNoFileAndNoState() throws Exception {
        byte[] body = randomBytes(100_000, 8);
        VirtualNetwork network = serving(body, true);

        assertThatThrownBy(() -> run(network, "--split", "2", "--min-split-size", "10k", "--checksum",
                "md5=00000000000000000000000000000000"))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.PROTOCOL));
        assertThat(Files.exists(dir.resolve("file"))).isFalse();
        assertThat(Files.exists(dir.resolve("file.part"))).isFalse();
        assertThat(Files.exists(dir.resolve("file.part.split"))).isFalse();
    }

    @Test
    void splitToStandardOutputIsAUsageError() {
        assertThatThrownBy(() -> run(serving(new byte[1], true), "--split", "2", "-O", "-"))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE));
    }

    /** Several connections at once over a path that loses, duplicates and reorders frames, for several seeds. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void fourConnectionsOverALossyReorderingDuplicatingPathSaveTheExactBody(int seed) throws Exception {
        byte[] body = randomBytes(250_000, 100 + seed);
        LinkFaults faults = LinkFaults.NONE.withDrop(0.02).withDuplicate(0.02).withDelay(5 * MS, 3 * MS);
        VirtualNetwork network = new VirtualNetwork(List.of(), faults, faults, seed);
        network.server.serveFile(body, true);

        run(network, "--split", "4", "--min-split-size", "30k", "-t", "0", "--waitretry", "0");

        assertSaved(body);
        assertThat(network.server.connectionsAccepted()).isGreaterThanOrEqualTo(4);
    }
}
