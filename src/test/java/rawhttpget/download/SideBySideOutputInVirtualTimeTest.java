package rawhttpget.download;

import org.junit.jupiter.api.Test;
import rawhttpget.testing.VirtualNetwork;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What -j says on stderr, in virtual time, three URLs two at a time at 100 KB/s each. Each download's lines and
 * dots come together in URL order. Where the progress would be a bar, one summary line of every active download
 * is kept below the status lines instead, and taking its drawing away leaves exactly what the same run says
 * without any progress.
 */
class SideBySideOutputInVirtualTimeTest extends VirtualTimeDownloads {
    /** The line drawn: a carriage return, then the brackets and what covers a longer line before it. */
    private static final Pattern DRAWN = Pattern.compile("\r\\[#[^\r\n]*");
    /** The line erased: spaces over it between carriage returns. */
    private static final Pattern ERASED = Pattern.compile("\r +\r");

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
    void theStatusLinesComeInUrlOrderWithEveryActiveDownloadOnOneLineBelowThem() throws Exception {
        run(serving(), arguments("bar:force"));
        String withSummary = said();
        errText.getBuffer().setLength(0);
        String elsewhere = dir.resolve("none").toString();
        run(serving(), arguments("none", "-P", elsewhere));
        String withoutProgress = said().replace(elsewhere, dir.toString());

        String stripped = ERASED.matcher(DRAWN.matcher(withSummary).replaceAll("")).replaceAll("");
        assertThat(stripped).isEqualTo(withoutProgress);
        assertThat(stripped.indexOf("--  " + SERVER + "/f1")).isLessThan(stripped.indexOf("f1' saved"));
        assertThat(stripped.indexOf("f1' saved")).isLessThan(stripped.indexOf("--  " + SERVER + "/f2"));
        assertThat(stripped.indexOf("f2' saved")).isLessThan(stripped.indexOf("--  " + SERVER + "/f3"));
        assertThat(stripped).contains("FINISHED --DATE--\nTotal wall clock time: 2.4s\n");

        assertThat(withSummary).containsPattern("\r\\[#1 [0-9.]+K/107K\\(\\d+%\\) DL:[0-9.]+KB/s\\]"
                + "\\[#2 [0-9.]+K/244K\\(\\d+%\\) DL:[0-9.]+KB/s\\]");
        assertThat(withSummary).containsPattern("\r\\[#2 [0-9.]+K/244K\\(\\d+%\\) DL:[0-9.]+KB/s\\]"
                + "\\[#3 [0-9.]+K/127K\\(\\d+%\\) DL:[0-9.]+KB/s\\]");
        // Paced by the clock, not once a write: the run's 2.4 s allow 13, and one more after each time lines were
        // written (a handful).
        assertThat(DRAWN.matcher(withSummary).results().count()).isBetween(10L, 20L);
        // Every line drawn is drawn over or erased before anything else is written: none is left in the text.
        Matcher each = DRAWN.matcher(withSummary);
        while (each.find()) {
            assertThat(each.end()).isLessThan(withSummary.length());
            assertThat(withSummary.charAt(each.end())).isEqualTo('\r');
        }
    }

    @Test
    void eachDownloadSaysItsOwnConnectionBeforeItsResponse() throws Exception {
        // The "Connecting to ..." line waits for its outcome; two downloads at once each wait for their own.
        run(serving(), arguments("none"));
        String said = said();
        for (int i = 1; i <= 3; i++) {
            String block = said.substring(said.indexOf("--  " + SERVER + "/f" + i + "\n"),
                    said.indexOf("f" + i + "' saved"));
            assertThat(block).as(said).containsPattern("\n(Connecting to 198\\.18\\.0\\.2:80\\.\\.\\. connected\\.|"
                    + "Reusing existing connection to 198\\.18\\.0\\.2:80\\.)\n"
                    + "HTTP request sent, awaiting response\\.\\.\\. 200 OK\n");
        }
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
