package rawhttpget.download;

import org.junit.jupiter.api.Test;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.testing.VirtualNetwork;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** -j: several URLs at once over the one stack, in virtual time against the scripted server. */
class SideBySideInVirtualTimeTest extends VirtualTimeDownloads {
    private Map<String, byte[]> files(int count) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            files.put("/f" + i, randomBytes(100_000 + i * 10_000, i));
        }
        return files;
    }

    private void assertSaved(Map<String, byte[]> files) throws Exception {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            byte[] saved = Files.readAllBytes(dir.resolve(f.getKey().substring(1)));
            assertThat(Arrays.mismatch(saved, f.getValue())).as(f.getKey()).isEqualTo(-1);
        }
    }

    @Test
    void threeUrlsRunAtOnceOverThreeConnectionsAndAreReportedInOrder() throws Exception {
        Map<String, byte[]> files = files(4);
        VirtualNetwork network = new VirtualNetwork(List.of());
        network.server.serveFiles(files, true);

        run(network, "-j", "3", "-nv", SERVER + "/f1", SERVER + "/f2", SERVER + "/f3", SERVER + "/f4");

        assertSaved(files);
        // One after another, keep-alive would carry them all over one connection; side by side, three at once.
        assertThat(network.server.connectionsAccepted()).isEqualTo(3);
        List<String> lines = errText.toString().lines().toList();
        assertThat(lines).hasSize(7); // and wget's three summary lines
        for (int i = 0; i < 4; i++) {
            assertThat(lines.get(i)).contains(SERVER + "/f" + (i + 1) + " [").contains("-> \"" + dir.resolve("f" + (i + 1))
                    + "\" [1]");
        }
        assertThat(lines.get(4)).startsWith("FINISHED --");
    }

    @Test
    void theWholeStatusLinesOfEachUrlComeTogetherInTheOrderGiven() throws Exception {
        Map<String, byte[]> files = files(2);
        VirtualNetwork network = new VirtualNetwork(List.of());
        network.server.serveFiles(files, true);

        run(network, "-j", "2", "--progress=dot", SERVER + "/f2", SERVER + "/f1");

        assertSaved(files);
        String said = errText.toString();
        int f2 = said.indexOf("--  " + SERVER + "/f2");
        int saved2 = said.indexOf("'" + dir.resolve("f2") + "' saved");
        int f1 = said.indexOf("--  " + SERVER + "/f1");
        assertThat(f2).as(said).isNotNegative();
        assertThat(said.replace('‘', '\'').replace('’', '\'').indexOf("f2' saved")).as(said).isGreaterThan(f2)
                .isLessThan(f1);
        assertThat(saved2).isLessThan(f1);
    }

    @Test
    void theExitStatusIsWgetsLowestFailingCodeAndTheOthersAreSaved() throws Exception {
        Map<String, byte[]> files = files(2);
        VirtualNetwork network = new VirtualNetwork(List.of());
        network.server.serveFiles(files, true);

        assertThatThrownBy(() -> run(network, "-j", "3", "-nv", SERVER + "/f1", SERVER + "/missing", SERVER + "/f2"))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SERVER_ERROR));
        assertSaved(files);
        List<String> lines = errText.toString().lines().toList();
        assertThat(lines.get(0)).contains("/f1 [");
        assertThat(lines.get(1)).contains("/missing").contains("404");
        assertThat(errText.toString().indexOf("/f2 [")).isGreaterThan(errText.toString().indexOf("/missing"));
    }

    @Test
    void splitAndSideBySideTogether() throws Exception {
        Map<String, byte[]> files = files(2);
        VirtualNetwork network = new VirtualNetwork(List.of());
        network.server.serveFiles(files, true);

        run(network, "-j", "2", "-nv", "--split", "2", "--min-split-size", "20k", SERVER + "/f1", SERVER + "/f2");

        assertSaved(files);
        assertThat(network.server.connectionsAccepted()).isEqualTo(4);
    }
}
