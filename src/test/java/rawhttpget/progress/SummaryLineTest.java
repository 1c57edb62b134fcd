package rawhttpget.progress;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The -j summary line: aria2c's brackets, numbered by the URL list, in wget's units, never wider than the terminal. */
class SummaryLineTest {
    private static final SummaryLine.Entry FIRST = new SummaryLine.Entry(1, 122_583, 1_000_000, 214 * 1024);
    private static final SummaryLine.Entry SECOND = new SummaryLine.Entry(2, 5_000_000, 20_000_000, 1.5 * 1024 * 1024);
    /** No Content-Length, no rate yet. */
    private static final SummaryLine.Entry THIRD = new SummaryLine.Entry(3, 800, -1, -1);

    @Test
    void aKnownLengthShowsBytesSizePercentageAndRate() {
        assertThat(SummaryLine.of(List.of(FIRST), 80)).isEqualTo("[#1 120K/977K(12%) DL:214KB/s]");
    }

    @Test
    void anUnknownLengthShowsBytesOnly() {
        assertThat(SummaryLine.of(List.of(new SummaryLine.Entry(4, 3_500_000, -1, 2000)), 80))
                .isEqualTo("[#4 3.3M DL:1.95KB/s]");
        assertThat(SummaryLine.of(List.of(THIRD), 80)).isEqualTo("[#3 800]");
    }

    @Test
    void severalDownloadsShareTheLineInUrlOrder() {
        assertThat(SummaryLine.of(List.of(FIRST, SECOND, THIRD), 80))
                .isEqualTo("[#1 120K/977K(12%) DL:214KB/s][#2 4.8M/19M(25%) DL:1.50MB/s][#3 800]");
    }

    @Test
    void moreThanTheFileAnnouncedStillSaysAHundredPercent() {
        assertThat(SummaryLine.of(List.of(new SummaryLine.Entry(7, 2048, 1024, -1)), 80)).isEqualTo("[#7 2.0K/1.0K(100%)]");
    }

    @Test
    void aNarrowTerminalLosesTheRatesFirst() {
        // 68 characters do not fit in 60 columns (59, as the bar: the last column would wrap).
        assertThat(SummaryLine.of(List.of(FIRST, SECOND, THIRD), 60))
                .isEqualTo("[#1 120K/977K(12%)][#2 4.8M/19M(25%)][#3 800]");
    }

    @Test
    void thenTheLastDownloadsAreCounted() {
        assertThat(SummaryLine.of(List.of(FIRST, SECOND, THIRD), 42)).isEqualTo("[#1 120K/977K(12%)][#2 4.8M/19M(25%)][+1]");
        assertThat(SummaryLine.of(List.of(FIRST, SECOND, THIRD), 41)).isEqualTo("[#1 120K/977K(12%)][+2]");
        assertThat(SummaryLine.of(List.of(FIRST, SECOND, THIRD), 24)).isEqualTo("[#1 120K/977K(12%)][+2]");
        assertThat(SummaryLine.of(List.of(FIRST, SECOND, THIRD), 23)).isEqualTo("[#1 120K/977K(12%)]");
    }

    @Test
    void whenNotOneEntryFitsItIsCut() {
        assertThat(SummaryLine.of(List.of(FIRST, SECOND), 12)).isEqualTo("[#1 120K/97");
        assertThat(SummaryLine.of(List.of(FIRST), 1)).isEmpty();
    }

    @Test
    void noActiveDownloadIsAnEmptyLine() {
        assertThat(SummaryLine.of(List.of(), 80)).isEmpty();
    }
}
