package rawhttpget.tcp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of the RFC 9293 §3.10.7.4 acceptance table, at its edges, once near zero and once where the
 * window straddles the wrap of the sequence space (RCV.NXT = 2^32 - 10).
 */
class SegmentAcceptanceTableTest {
    private static final int WRAP = -10; // 4294967286: ten below the wrap

    record Row(String name, int rcvNxt, long rcvWnd, int segSeq, int segLen, boolean acceptable) {
        @Override
        public String toString() {
            return name + " (RCV.NXT " + Integer.toUnsignedString(rcvNxt) + ")";
        }
    }

    static Stream<Row> rows() {
        return Stream.of(1000, WRAP).flatMap(n -> Stream.of(
                // SEG.LEN 0, RCV.WND 0: only SEG.SEQ = RCV.NXT
                new Row("empty segment, closed window, at RCV.NXT", n, 0, n, 0, true),
                new Row("empty segment, closed window, one past RCV.NXT", n, 0, n + 1, 0, false),
                new Row("empty segment, closed window, one before RCV.NXT", n, 0, n - 1, 0, false),
                // SEG.LEN 0, RCV.WND > 0: RCV.NXT =< SEG.SEQ < RCV.NXT + RCV.WND
                new Row("empty segment at the left edge", n, 100, n, 0, true),
                new Row("empty segment at the last byte of the window", n, 100, n + 99, 0, true),
                new Row("empty segment at the right edge", n, 100, n + 100, 0, false),
                new Row("empty segment one before the left edge", n, 100, n - 1, 0, false),
                // SEG.LEN > 0, RCV.WND 0: never
                new Row("data at RCV.NXT, closed window", n, 0, n, 1, false),
                new Row("data before RCV.NXT, closed window", n, 0, n - 5, 10, false),
                // SEG.LEN > 0, RCV.WND > 0: the first or the last byte in the window
                new Row("data starting at the left edge", n, 100, n, 10, true),
                new Row("data whose last byte is at the left edge", n, 100, n - 9, 10, true),
                new Row("data ending just before the left edge", n, 100, n - 10, 10, false),
                new Row("data starting at the last byte of the window", n, 100, n + 99, 10, true),
                new Row("data starting at the right edge", n, 100, n + 100, 10, false),
                // The table tests only the first and last bytes: a segment overhanging both edges fails it.
                new Row("data overhanging both edges of the window", n, 100, n - 1, 102, false),
                new Row("one byte at the left edge", n, 100, n, 1, true),
                new Row("one byte before the left edge", n, 100, n - 1, 1, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void followsTheRfcTable(Row row) {
        assertThat(SegmentAcceptance.acceptable(row.rcvNxt(), row.rcvWnd(), row.segSeq(), row.segLen()))
                .isEqualTo(row.acceptable());
    }
}
