package rawhttpget.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The bar in virtual time: every line is an exact function of the calls and their times. */
class BarProgressTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 5_000 * MS; // any origin: only differences count

    private final StringWriter text = new StringWriter();
    private final BarProgress bar = new BarProgress(new PrintWriter(text));

    @Test
    void drawsNamePercentBarSizeRateAndEta() {
        bar.start("1M.bin", 0, 1 << 20, T0);
        for (int i = 1; i <= 5; i++) {
            bar.update(i * 100_000L, T0 + i * 100 * MS);
        }

        assertThat(bar.line(T0 + 500 * MS, false))
                .isEqualTo("1M.bin               47%[========>           ] 488.28K  977KB/s    eta 0.5s");
    }

    @Test
    void theFinalLineSaysHowLongItTookWithTheAverageRate() {
        bar.start("1M.bin", 0, 1 << 20, T0);
        bar.update(1 << 20, T0 + 2000 * MS);
        bar.finish(T0 + 2000 * MS, true);

        String[] redraws = text.toString().split("\r");
        assertThat(redraws[redraws.length - 1])
                .isEqualTo("1M.bin              100%[===================>]   1.00M  512KB/s    in 2s\n");
    }

    @Test
    void redrawsAtMostFiveTimesASecond() {
        bar.start("f", 0, 1000, T0);
        for (int ms = 1; ms <= 1000; ms++) {
            bar.update(ms, T0 + ms * MS);
        }

        assertThat(text.toString().chars().filter(c -> c == '\r').count()).isEqualTo(1 + 5);
    }

    @Test
    void withoutALengthAWalkerMovesAlongTheBarAndThereIsNoEta() {
        bar.start("stream", 0, -1, T0);
        bar.update(2048, T0 + 400 * MS);

        assertThat(bar.line(T0 + 400 * MS, false))
                .isEqualTo("stream                  [  <=>               ]   2.00K 5.00KB/s");
    }

    @Test
    void aResumedDownloadCountsTheBytesItAlreadyHad() {
        bar.start("f.bin", 750, 1000, T0);
        bar.update(50, T0 + 1000 * MS);

        assertThat(bar.line(T0 + 1000 * MS, false))
                .isEqualTo("f.bin                80%[===============>    ]     800    50B/s    eta 4s");
    }

    @Test
    void aLongNameIsCutToItsColumn() {
        bar.start("a-very-long-file-name-indeed.tar.gz", 0, 10, T0);

        assertThat(bar.line(T0, false)).startsWith("a-very-long-file-na   0%[                    ]");
    }

    @Test
    void beforeAnyRateIsKnownItShowsDashes() {
        bar.start("f", 0, 10, T0);

        assertThat(bar.line(T0, false))
                .isEqualTo("f                     0%[                    ]       0 --.-KB/s");
    }
}
