package rawhttpget.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/**
 * The bar in virtual time, frame by frame against wget 1.21.3's: each expected line was captured from real wget
 * in a pseudo-terminal of the width named (script -qfc "stty cols N; wget ..."), downloading a 1 MiB file from
 * nginx at about 200 KB/s, and each case here feeds the bytes and times that give wget's numbers.
 */
class BarProgressTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 5_000 * MS; // any origin: only differences count
    private static final long MIB = 1 << 20;

    private final StringWriter text = new StringWriter();

    private BarProgress bar(int columns) {
        return new BarProgress(new PrintWriter(text), () -> columns);
    }

    /** A bar that has received {@code bytes} at a steady {@code bytesPerSecond}, asked for its line then. */
    private static String frame(BarProgress bar, String name, long alreadyHave, long received, double bytesPerSecond,
                                int columns) {
        bar.start(name, alreadyHave, MIB, T0);
        long at = T0 + (long) (received / bytesPerSecond * 1e9);
        bar.update(received, at);
        return bar.line(at, false, columns);
    }

    @Test
    void theFirstFrameHasNoRateYet() {
        assertThat(frame(bar(100), "f100", 0, 0, 1, 100)).isEqualTo(
                "f100                       0%[                                   ]       0  --.-KB/s               ");
        assertThat(frame(bar(80), "f80", 0, 0, 1, 80)).isEqualTo(
                "f80                   0%[                    ]       0  --.-KB/s               ");
    }

    @Test
    void aQuarterOfTheWidthIsTheNameAndTheBarTakesWhatTheFixedFieldsLeave() {
        assertThat(frame(bar(100), "f100", 0, 122_583, 214 * 1024, 100)).isEqualTo(
                "f100                      11%[===>                               ] 119.71K   214KB/s               ");
        assertThat(frame(bar(80), "f80", 0, 122_583, 214 * 1024, 80)).isEqualTo(
                "f80                  11%[=>                  ] 119.71K   214KB/s               ");
    }

    @Test
    void afterThreeSecondsTheEtaAppears() {
        assertThat(frame(bar(100), "f100", 0, 819_200, 201 * 1024, 100)).isEqualTo(
                "f100                      78%[==========================>        ] 800.00K   201KB/s    eta 1s     ");
        assertThat(frame(bar(80), "f80", 0, 819_200, 202 * 1024, 80)).isEqualTo(
                "f80                  78%[==============>     ] 800.00K   202KB/s    eta 1s     ");
        assertThat(frame(bar(100), "f100", 0, 1_024_000, 201 * 1024, 100)).isEqualTo(
                "f100                      97%[=================================> ]   1000K   201KB/s    eta 0s     ");
    }

    @Test
    void theLastFrameSaysHowLongItTook() {
        assertThat(lastFrame(bar(100), "f100", 5_100 * MS, 100)).isEqualTo(
                "f100                     100%[==================================>]   1.00M   201KB/s    in 5.1s    \n");
        text.getBuffer().setLength(0);
        assertThat(lastFrame(bar(80), "f80", 5_000 * MS, 80)).isEqualTo(
                "f80                 100%[===================>]   1.00M   205KB/s    in 5.0s    \n");
    }

    private String lastFrame(BarProgress bar, String name, long took, int columns) {
        bar.start(name, 0, MIB, T0);
        bar.update(MIB, T0 + took);
        bar.finish(T0 + took, true);
        String[] frames = text.toString().split("\r");
        return frames[frames.length - 1];
    }

    @Test
    void aResumedDownloadDrawsTheBytesItHadAsPlusSigns() {
        BarProgress resumed = bar(80);
        assertThat(frame(resumed, "fr", 300_000, 0, 1, 80)).isEqualTo(
                "fr                   28%[+++++               ] 292.97K  --.-KB/s               ");
        assertThat(frame(bar(80), "fr", 300_000, 122_584, 214 * 1024, 80)).isEqualTo(
                "fr                   40%[+++++==>            ] 412.68K   214KB/s               ");

        BarProgress done = bar(80);
        done.start("fr", 300_000, MIB, T0);
        long at = T0 + (long) (748_576 / (242.0 * 1024) * 1e9);
        done.update(748_576, at);
        done.finish(at, true);
        String[] frames = text.toString().split("\r");
        assertThat(frames[frames.length - 1]).isEqualTo(
                "fr                  100%[+++++==============>]   1.00M   242KB/s    in 3.0s    \n");
    }

    @Test
    void withoutALengthAWalkerMovesOneColumnAFrameAndABurstHasNoRate() {
        BarProgress walker = bar(80);
        walker.start("ch", 0, -1, T0);
        walker.update(MIB, T0 + 8 * MS);
        walker.finish(T0 + 8 * MS, true);

        assertThat(text.toString()).isEqualTo(
                "\n\rch                      [<=>                 ]       0  --.-KB/s               "
                + "\rch                      [ <=>                ]   1.00M  --.-KB/s    in 0.008s  \n");
    }

    @Test
    void theWalkerTurnsAtEachEnd() {
        BarProgress walker = bar(80);
        walker.start("w", 0, -1, T0);
        List<Integer> positions = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            positions.add(walker.line(T0, false, 80).indexOf("<=>") - 25);
        }
        assertThat(positions).startsWith(1, 2, 3).contains(17).doesNotContain(18, -1);
        assertThat(positions.subList(16, 21)).containsExactly(17, 16, 15, 14, 13);
        assertThat(positions.get(34 - 1)).isEqualTo(0); // back at the left end after 2 * 20 - 6 frames
    }

    @Test
    void theEtaChangesAtMostOnceASecond() {
        BarProgress b = bar(80);
        b.start("f", 0, 10_000, T0);
        b.update(4_000, T0 + 4_000 * MS);
        assertThat(b.line(T0 + 4_000 * MS, false, 80)).contains("eta 6s");
        b.update(5_000, T0 + 4_500 * MS);
        assertThat(b.line(T0 + 4_500 * MS, false, 80)).contains("eta 6s"); // would be 5s
        b.update(5_500, T0 + 5_000 * MS);
        assertThat(b.line(T0 + 5_000 * MS, false, 80)).contains("eta 4s");
    }

    @Test
    void noEtaInTheFirstThreeSeconds() {
        BarProgress b = bar(80);
        b.start("f", 0, 10_000, T0);
        b.update(3_000, T0 + 3_000 * MS);
        assertThat(b.line(T0 + 3_000 * MS, false, 80)).doesNotContain("eta");
    }

    @Test
    void everyFrameFillsTheTerminalLessOneColumnEvenAsItIsResized() {
        Queue<Integer> widths = new ArrayDeque<>(List.of(100, 100, 60, 60, 120, 120, 80, 80, 80, 80, 80, 80, 80));
        int[] last = {100};
        BarProgress b = new BarProgress(new PrintWriter(text), () -> last[0] = widths.isEmpty() ? last[0] : widths.poll());
        b.start("a-name-that-is-far-too-long-for-its-column.iso", 0, MIB, T0);
        for (int i = 1; i <= 10; i++) {
            b.update(i * 100_000L, T0 + i * 250 * MS);
        }
        b.finish(T0 + 2_600 * MS, true);

        assertThat(text.toString()).startsWith("\n\r").endsWith("\n");
        List<String> frames = Arrays.asList(text.toString().replace("\n", "").split("\r"));
        assertThat(frames.get(0)).isEmpty();
        assertThat(frames.subList(1, frames.size())).extracting(String::length)
                .containsExactly(99, 99, 59, 59, 119, 119, 79, 79, 79, 79, 79, 79);
    }

    @Test
    void aLongNameIsCutToAQuarterOfTheWidth() {
        assertThat(frame(bar(80), "a-very-long-file-name-indeed.tar.gz", 0, 0, 1, 80))
                .startsWith("a-very-long-file-na   0%[                    ]");
    }

    @Test
    void redrawsAtMostFiveTimesASecond() {
        BarProgress b = bar(80);
        b.start("f", 0, 1000, T0);
        for (int ms = 1; ms <= 1000; ms++) {
            b.update(ms, T0 + ms * MS);
        }

        assertThat(text.toString().chars().filter(c -> c == '\r').count()).isEqualTo(1 + 5);
    }
}
