package rawhttpget.tcp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 6675's scoreboard routines, and NextSeg's later rules, with a 100-byte SMSS so numbers stay short. */
class SackScoreboardTest {
    private static final int SMSS = 100;

    /** "100-200 300-400": SACKed ranges of stream offsets. */
    private static SackScoreboard board(String ranges) {
        SackScoreboard b = new SackScoreboard();
        for (String r : ranges.trim().split(" +")) {
            if (!r.isEmpty()) {
                String[] e = r.split("-");
                b.add(Long.parseLong(e[0]), Long.parseLong(e[1]));
            }
        }
        return b;
    }

    @ParameterizedTest(name = "SACK {0}, then {1}-{2}: {3} new bytes, board {4}")
    @CsvSource({
            "'',              100, 200, 100, [100-200]",
            "100-200,         100, 200,   0, [100-200]",
            "100-200,         200, 300, 100, [100-300]",
            "100-200,         300, 400, 100, [100-200 300-400]",
            "100-200 300-400, 150, 350, 100, [100-400]",
            "100-200 300-400,  50, 450, 200, [50-450]",
            "300-400,         100, 200, 100, [100-200 300-400]",
    })
    void addMergesRangesAndCountsOnlyNewBytes(String before, long start, long end, long fresh, String after) {
        SackScoreboard b = board(before);
        assertThat(b.add(start, end)).isEqualTo(fresh);
        assertThat(b.toString()).isEqualTo(after);
    }

    @ParameterizedTest(name = "SACK {0}: IsLost({1}) = {2}")
    @CsvSource({
            "100-200,                 0, false",   // one segment above: not yet
            "100-300,                 0, false",   // 200 bytes: not more than (3 - 1) * 100
            "100-301,                 0, true",    // more than 200 bytes
            "100-150 200-250 300-350, 0, true",    // three discontiguous ranges, 150 bytes
            "100-150 200-250 300-350, 160, false", // only two ranges above 160
            "100-400,                 400, false", // nothing SACKed above
    })
    void isLostWantsThreeRangesOrMoreThanTwoSegmentsAbove(String ranges, long offset, boolean lost) {
        assertThat(board(ranges).isLost(offset, SMSS)).isEqualTo(lost);
    }

    @ParameterizedTest(name = "SACK {0}, HighRxt+1 {1}: pipe {2}")
    @CsvSource({
            "'',              0,   1000", // nothing SACKed: all of [0, 1000) is in the network
            "100-400,         0,    600", // hole 0-100 lost (300 SACKed above): 0; 400-1000: 600
            "100-400,         100,  700", // the lost hole was resent: once more
            "100-200 300-400, 0,    800", // 200 SACKed above 0: not lost; 0-100, 200-300, 400-1000
            "100-200 300-400 500-600, 0, 600", // three ranges above 0: lost; 200-300: two above, not lost
    })
    void pipeCountsUnsackedBytesNotLostAndThoseResent(String ranges, long highRxtEnd, long pipe) {
        assertThat(board(ranges).pipe(0, 1000, highRxtEnd, SMSS)).isEqualTo(pipe);
    }

    @Test
    void advancingTheCumulativeAckDropsAndTrimsRanges() {
        SackScoreboard b = board("100-200 300-400");
        b.advanceTo(350);
        assertThat(b.toString()).isEqualTo("[350-400]");
        b.advanceTo(400);
        assertThat(b.isEmpty()).isTrue();
    }

    /**
     * Segments 0-9 of 100 bytes sent, 1, 3 and 5 SACKed, no new data to send: rule 1 resends 0, then rule 3
     * the holes that are not (yet) lost, then nothing until the cumulative ACK passes RescueRxt, when rule 4
     * resends the highest unSACKed segment once.
     */
    @Test
    void nextSegFallsBackToUnlostHolesThenOneRescueRetransmission() {
        SackRecovery r = new SackRecovery();
        r.scoreboard().add(100, 200);
        r.scoreboard().add(300, 400);
        r.scoreboard().add(500, 600);
        r.enter(0, 1000, SMSS);
        int cwnd = 2000;

        assertThat(next(r, 0, cwnd)).as("entry: the segment at SND.UNA").isEqualTo("0+100");
        r.onSent(1000, 0, 1000, SMSS);
        assertThat(r.highRxtEnd()).isEqualTo(100);
        assertThat(r.pipe()).as("0-100 lost and resent, 200-300, 400-500, 600-1000").isEqualTo(700);

        assertThat(next(r, 0, cwnd)).as("rule 3: 200 is not lost (two ranges above)").isEqualTo("200+100");
        r.onSent(1000, 0, 1000, SMSS);
        assertThat(next(r, 0, cwnd)).as("rule 3 again").isEqualTo("400+100");
        r.onSent(1000, 0, 1000, SMSS);
        assertThat(r.pipe()).isEqualTo(900);
        assertThat(next(r, 0, cwnd)).as("rule 4 waits until HighACK passes RescueRxt").isEqualTo("none");

        assertThat(r.onCumulativeAck(200, 1000, SMSS)).isFalse();
        assertThat(next(r, 200, cwnd)).as("rule 4: the highest unSACKed segment").isEqualTo("900+100 rescue");
        r.onSent(1000, 200, 1000, SMSS);
        assertThat(r.highRxtEnd()).as("a rescue does not move HighRxt").isEqualTo(500);
        assertThat(next(r, 200, cwnd)).as("one rescue per recovery").isEqualTo("none");

        assertThat(r.onCumulativeAck(1000, 1000, SMSS)).as("the RecoveryPoint is covered").isTrue();
        assertThat(r.inRecovery()).isFalse();
    }

    @Test
    void nextSegWaitsForAFullSegmentOfRoomBetweenPipeAndCwnd() {
        SackRecovery r = new SackRecovery();
        r.scoreboard().add(100, 400);
        r.enter(0, 1000, SMSS);
        assertThat(next(r, 0, 0)).as("the first retransmission ignores cwnd").isEqualTo("0+100");
        r.onSent(1000, 0, 1000, SMSS);
        assertThat(r.pipe()).isEqualTo(700);
        assertThat(next(r, 0, 799)).isEqualTo("none");
        assertThat(next(r, 0, 800)).as("new data: rule 2").isEqualTo("1000+100");
    }

    private static String next(SackRecovery r, long una, int cwnd) {
        if (!r.nextSegment(una, 1000, cwnd >= 800 && cwnd < 2000 ? 1100 : 1000, Long.MAX_VALUE, SMSS, cwnd)) {
            return "none";
        }
        return r.nextOffset() + "+" + r.nextLength() + (r.nextIsRescue() ? " rescue" : "");
    }
}
