package rawhttpget.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The dot lines in virtual time, byte for byte. */
class DotProgressTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 77 * MS;

    private final StringWriter text = new StringWriter();
    private final DotProgress dots = new DotProgress(new PrintWriter(text));

    @Test
    void aDotPerKibibyteFiftyToALineWithPercentRateAndEta() {
        dots.start("f.bin", 0, 100_000, T0);
        dots.update(51_200, T0 + 100 * MS);
        dots.update(100_000, T0 + 200 * MS);
        dots.finish(T0 + 200 * MS, true);

        assertThat(text.toString()).isEqualTo(
                "\n     0K .......... .......... .......... .......... .......... 51%  500K 0s"
                        + "\n    50K .......... .......... .......... .......... .......   100%  477K=0.2s\n");
    }

    @Test
    void aResumedDownloadDrawsTheBytesItHadAsCommas() {
        dots.start("f.bin", 30_000, 100_000, T0);
        dots.update(21_200, T0 + 100 * MS);
        dots.update(70_000, T0 + 200 * MS);
        dots.finish(T0 + 200 * MS, true);

        assertThat(text.toString()).isEqualTo(
                "\n     0K ,,,,,,,,,, ,,,,,,,,,, ,,,,,,,,,. .......... .......... 51%  500K 0s"
                        + "\n    50K .......... .......... .......... .......... .......   100%  477K=0.2s\n");
    }

    @Test
    void withoutALengthOnlyTheRateIsShown() {
        dots.start("stream", 0, -1, T0);
        dots.update(2048, T0 + 1000 * MS);
        dots.finish(T0 + 1000 * MS, true);

        assertThat(text.toString()).isEqualTo(
                "\n     0K ..                                                     2.00K=1.0s\n");
    }

    @Test
    void aBodyEndingOnARowBoundaryGetsARowOfItsOwnForTheSummaryAsInWget() {
        dots.start("f", 0, 51_200, T0);
        dots.update(51_200, T0 + 1000 * MS);
        dots.finish(T0 + 1000 * MS, true);

        assertThat(text.toString()).isEqualTo(
                "\n     0K .......... .......... .......... .......... ..........100% 50.0K 0s"
                        + "\n    50K                                                       100% 0.00 =1.0s\n");
    }

    @Test
    void anEmptyBodyPrintsOneSummaryLine() {
        dots.start("empty", 0, 0, T0);
        dots.finish(T0 + 10 * MS, true);

        assertThat(text.toString()).isEqualTo(
                "\n     0K                                                        0.00 =0.01s\n");
    }

    @Test
    void aResumeOfWholeRowsSaysHowMuchItSkips() {
        dots.start("f", 300_000, 1 << 20, T0);
        dots.update(7_200, T0 + 10 * MS);

        // wget: the skipped rows in one line, the rest of the row as commas.
        assertThat(text.toString()).isEqualTo("\n        [ skipping 250K ]"
                + "\n   250K ,,,,,,,,,, ,,,,,,,,,, ,,,,,,,,,, ,,,,,,,,,, ,,........ 29% 4.88M 1s\n");
    }

    @Test
    void theMegaStyleHasSixtyFourKibibyteDotsFortyEightToARow() {
        DotProgress mega = new DotProgress(new PrintWriter(text), DotProgress.Style.MEGA);
        mega.start("f", 0, 1 << 20, T0);
        mega.update(1 << 20, T0 + 20 * MS);
        mega.finish(T0 + 20 * MS, true);

        assertThat(text.toString()).isEqualTo(
                "\n     0K ........ ........                                    100% 50.0M=0.02s\n");
    }
}
