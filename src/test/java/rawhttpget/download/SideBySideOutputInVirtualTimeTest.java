package rawhttpget.download;

import org.junit.jupiter.api.Test;
import rawhttpget.testing.VirtualNetwork;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What -j says on stderr, in virtual time, three URLs two at a time at 100 KB/s each. Each download's lines and
 * dots come together in URL order.
 */
class SideBySideOutputInVirtualTimeTest extends VirtualTimeDownloads {
    private static String[] arguments(String progress, String... more) {
        List<String> args = new ArrayList<>(List.of(more));
        args.addAll(List.of("-j", "2", "--progress=" + progress, "--limit-rate=100k",
                SERVER + "/f1", SERVER + "/f2", SERVER + "/f3"));
        return args.toArray(String[]::new);
    }

    private static VirtualNetwork serving() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        // f2 the longest, so that f3, begun when f1 ends, runs beside it for a while.
        int[] sizes = {110_000, 250_000, 130_000};
        for (int i = 1; i <= 3; i++) {
            files.put("/f" + i, randomBytes(sizes[i - 1], i));
        }
        VirtualNetwork network = new VirtualNetwork(List.of());
        network.server.serveFiles(files, true);
        return network;
    }

    @Test
    void withDotsEachDownloadsResponseAndDotsStayInItsOwnPlace() throws Exception {
        // A response head and the body's dots are handled on the loop's thread, in the download's step: they are
        // that download's output all the same, not the run's.
        run(serving(), arguments("dot"));
        String said = said();
        int firstSaved = said.indexOf("f1' saved");
        assertThat(said.indexOf("Length: 250000")).as(said).isGreaterThan(firstSaved);
        assertThat(said.indexOf("150K .")).as(said).isGreaterThan(firstSaved); // only f2 has a fourth row
        assertThat(said.indexOf("Length: 130000")).as(said).isGreaterThan(said.indexOf("f2' saved"));
    }
}
