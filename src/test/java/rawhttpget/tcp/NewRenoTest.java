package rawhttpget.tcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 5681 slow start and congestion avoidance, RFC 6582 fast recovery, in bytes with a 1000-byte MSS. */
class NewRenoTest {
    private static final int MSS = 1000;

    @Test
    void startsWithTenSegmentsAndNoThreshold() {
        NewReno cc = new NewReno(MSS);

        assertThat(cc.window()).isEqualTo(10 * MSS);
        assertThat(cc.slowStartThreshold()).isEqualTo(Integer.MAX_VALUE);
        assertThat(cc.name()).isEqualTo("newreno");
    }

    @Test
    void slowStartGrowsByTheBytesAckedButAtMostOneMssPerAck() {
        NewReno cc = new NewReno(MSS);

        cc.onAck(400, 0);
        assertThat(cc.window()).isEqualTo(10_400);
        cc.onAck(5000, 0); // RFC 5681 §3.1 / RFC 3465 with L = 1: a stretch ACK still adds one MSS
        assertThat(cc.window()).isEqualTo(11_400);
    }

    @Test
    void timeoutCollapsesToOneSegmentAndHalvesTheFlightIntoTheThreshold() {
        NewReno cc = new NewReno(MSS);

        cc.onTimeout(20_000, 0);

        assertThat(cc.window()).isEqualTo(MSS);
        assertThat(cc.slowStartThreshold()).isEqualTo(10_000);
    }

    @Test
    void thresholdNeverFallsBelowTwoSegments() {
        NewReno cc = new NewReno(MSS);

        cc.onTimeout(1500, 0);

        assertThat(cc.slowStartThreshold()).isEqualTo(2 * MSS);
    }

    @Test
    void slowStartUpToTheThresholdThenOneMssPerWindowOfBytes() {
        NewReno cc = new NewReno(MSS);
        cc.onTimeout(20_000, 0); // cwnd 1000, ssthresh 10000
        for (int i = 0; i < 9; i++) {
            cc.onAck(MSS, 0);
        }
        assertThat(cc.window()).isEqualTo(10_000);

        cc.onAck(5000, 0);
        assertThat(cc.window()).as("5000 of the 10000 bytes a window needs").isEqualTo(10_000);
        cc.onAck(5000, 0);
        assertThat(cc.window()).isEqualTo(11_000);
        cc.onAck(10_999, 0);
        assertThat(cc.window()).as("the count starts again from zero").isEqualTo(11_000);
        cc.onAck(1, 0);
        assertThat(cc.window()).isEqualTo(12_000);
    }

    @Test
    void fastRecoveryInflatesOnDuplicatesDeflatesOnPartialAcksAndEndsAtTheThreshold() {
        NewReno cc = new NewReno(MSS);

        cc.onFastRetransmit(8000, 0);
        assertThat(cc.slowStartThreshold()).isEqualTo(4000);
        assertThat(cc.window()).as("ssthresh + 3 MSS for the three segments that left").isEqualTo(7000);

        cc.onDuplicateAckInRecovery(0);
        assertThat(cc.window()).isEqualTo(8000);

        cc.onRecoveryAck(2500, false, 0); // RFC 6582 §3.2 step 5: minus 2500, plus one MSS back
        assertThat(cc.window()).isEqualTo(6500);
        cc.onRecoveryAck(500, false, 0); // less than one MSS acked: nothing added back
        assertThat(cc.window()).isEqualTo(6000);

        cc.onRecoveryAck(3000, true, 0); // full ACK: deflate to ssthresh (step 6, option 2)
        assertThat(cc.window()).isEqualTo(4000);
    }

    @Test
    void partialAckNeverDeflatesBelowOneSegment() {
        NewReno cc = new NewReno(MSS);
        cc.onFastRetransmit(4000, 0); // ssthresh 2000, cwnd 5000

        cc.onRecoveryAck(9000, false, 0);

        assertThat(cc.window()).isEqualTo(MSS);
    }

    @Test
    void windowSaturatesInsteadOfOverflowing() {
        NewReno cc = new NewReno(MSS);
        for (int i = 0; i < 3_000_000; i++) {
            cc.onAck(MSS, 0);
        }

        assertThat(cc.window()).isEqualTo(Integer.MAX_VALUE);
    }
}
