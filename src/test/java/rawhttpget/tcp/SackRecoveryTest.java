package rawhttpget.tcp;

import org.junit.jupiter.api.Test;
import rawhttpget.tcp.ScriptedPeer.PeerSyn;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static rawhttpget.tcp.ScriptedPeer.MS;
import static rawhttpget.tcp.ScriptedPeer.bytes;

/**
 * RFC 6675 loss recovery of our sender, against a scripted peer that SACKs around holes in what we send.
 * We send 30 full segments (numbered 0..29, 1460 bytes each, segment i at relative sequence 1 + 1460 i);
 * the initial window puts 0..9 in flight. Each step is one ACK from the peer, written as the segment it
 * acknowledges up to and the segment ranges it SACKs, with what we must send in answer (segment numbers,
 * each a full segment) and the pipe and congestion window after it.
 *
 * <p>The numbers follow from the RFC: FlightSize 14600 at the loss gives ssthresh = cwnd = 7300; SetPipe
 * counts unSACKed bytes not IsLost, plus those retransmitted; IsLost needs more than 2 · 1460 SACKed bytes
 * (or three SACKed ranges) above a byte; NextSeg sends a lost hole (rule 1) before new data (rule 2).
 */
class SackRecoveryTest {
    private static final int SEG = 1460;
    private static final int SEGMENTS = 30;
    private static final byte[] DATA = bytes(SEGMENTS * SEG, 3);
    private static final PeerSyn SACK_NO_TIMESTAMPS = new PeerSyn(1460, -1, true, false, 65535);

    /** SACKed segments [from, to). */
    record Range(int from, int to) {
        Seg.Block block() {
            return Seg.block(1 + from * SEG, 1 + to * SEG);
        }
    }

    static Range r(int from, int to) {
        return new Range(from, to);
    }

    /**
     * One ACK and its expected consequences.
     *
     * @param ackedUpTo the cumulative ACK, as the first segment not acknowledged
     * @param sacks     SACK blocks, in the order the peer lists them
     * @param sent      the segments we must send in answer, in order
     * @param pipe      RFC 6675 pipe after the answer; -1 when not in recovery
     */
    record Step(int ackedUpTo, List<Range> sacks, List<Integer> sent, long pipe, int cwnd) {
    }

    static Step step(int ackedUpTo, List<Range> sacks, List<Integer> sent, long pipe, int cwnd) {
        return new Step(ackedUpTo, sacks, sent, pipe, cwnd);
    }

    @Test
    void oneHoleIsRetransmittedOnceAndNewDataFollowsThePipe() {
        run(List.of(
                step(0, List.of(r(1, 2)), List.of(), -1, 10 * SEG),
                step(0, List.of(r(1, 3)), List.of(), -1, 10 * SEG),
                // Third duplicate ACK: RecoveryPoint = 14600, ssthresh = cwnd = 14600 / 2; segment 0 resent.
                // pipe = 1460 (segment 0, lost and resent) + 8760 (segments 4-9, not lost).
                step(0, List.of(r(1, 4)), List.of(0), 10_220, 7300),
                step(0, List.of(r(1, 5)), List.of(), 8760, 7300),
                step(0, List.of(r(1, 6)), List.of(), 7300, 7300),
                // cwnd - pipe = one segment: nothing is lost above HighRxt, so new data (rule 2).
                step(0, List.of(r(1, 7)), List.of(10), 7300, 7300),
                step(0, List.of(r(1, 8)), List.of(11), 7300, 7300),
                // Partial ACK: segment 0 arrived; pipe = segments 8-11 not SACKed = 5840, room for one.
                step(8, List.of(), List.of(12), 7300, 7300),
                // Covers the RecoveryPoint: recovery ends at cwnd = ssthresh; 13-14 fill it (18980 - 14600 = 4380 out).
                step(10, List.of(), List.of(13, 14), -1, 7300)));
    }

    @Test
    void twoHolesAreRetransmittedInOrderAsEachBecomesLost() {
        run(List.of(
                step(0, List.of(r(1, 2)), List.of(), -1, 10 * SEG),
                step(0, List.of(r(1, 3)), List.of(), -1, 10 * SEG),
                // Segment 3 missing too. pipe = 1460 (seg 0 resent) + 1460 (seg 3: one segment SACKed above,
                // not lost) + 7300 (segments 5-9).
                step(0, List.of(r(4, 5), r(1, 3)), List.of(0), 10_220, 7300),
                step(0, List.of(r(4, 6), r(1, 3)), List.of(), 8760, 7300),
                // Three segments SACKed above segment 3: it IsLost (rule 1), ahead of any new data.
                step(0, List.of(r(4, 7), r(1, 3)), List.of(3), 7300, 7300),
                step(0, List.of(r(4, 8), r(1, 3)), List.of(10), 7300, 7300),
                step(0, List.of(r(4, 9), r(1, 3)), List.of(11), 7300, 7300),
                step(0, List.of(r(4, 10), r(1, 3)), List.of(12), 7300, 7300),
                // Segment 0 arrived: partial ACK to 3. pipe = 1460 (seg 3 resent) + 4380 (10-12).
                step(3, List.of(r(4, 10)), List.of(13), 7300, 7300),
                step(10, List.of(), List.of(14), -1, 7300)));
    }

    @Test
    void threeHolesAreRetransmittedInOrderAndNoSackedSegmentIsSentAgain() {
        run(List.of(
                step(0, List.of(r(1, 2)), List.of(), -1, 10 * SEG),
                step(0, List.of(r(1, 3)), List.of(), -1, 10 * SEG),
                // Holes at 0, 3 and 6 (the last not yet visible): 3 and 5-9 are not lost.
                step(0, List.of(r(4, 5), r(1, 3)), List.of(0), 10_220, 7300),
                step(0, List.of(r(4, 6), r(1, 3)), List.of(), 8760, 7300),
                // Segment 7 SACKed: three SACKed ranges lie above segment 3, so it IsLost (rule 1).
                step(0, List.of(r(7, 8), r(4, 6), r(1, 3)), List.of(3), 7300, 7300),
                // Only 2920 bytes SACKed above segment 6 (not more than 2 segments): not lost; new data.
                step(0, List.of(r(7, 9), r(4, 6), r(1, 3)), List.of(10), 7300, 7300),
                // 4380 above segment 6: now lost; pipe 4380 leaves room for it (rule 1) and one new segment.
                step(0, List.of(r(7, 10), r(4, 6), r(1, 3)), List.of(6, 11), 7300, 7300),
                // Partial ACKs as the retransmissions arrive: 3 and 6 stay counted once (resent), new data flows.
                step(3, List.of(r(7, 10), r(4, 6)), List.of(12), 7300, 7300),
                step(6, List.of(r(7, 10)), List.of(13), 7300, 7300),
                step(10, List.of(), List.of(14), -1, 7300)));
    }

    @Test
    void aTimeoutInRecoveryClearsTheScoreboardAndGoesBackToTheCumulativeAck() {
        ScriptedPeer peer = start();
        answer(peer, step(0, List.of(r(1, 2)), List.of(), -1, 10 * SEG));
        answer(peer, step(0, List.of(r(1, 3)), List.of(), -1, 10 * SEG));
        answer(peer, step(0, List.of(r(4, 5), r(1, 3)), List.of(0), 10_220, 7300));
        Sender sender = peer.conn.sender;
        assertThat(sender.sack().scoreboard().ranges()).isEqualTo(2);

        // No further ACK: the retransmission timer fires one RTO after the last ACK.
        peer.runUntil(peer.conn.pollAt());

        assertThat(sent(peer.take())).as("go-back from SND.UNA, one segment").containsExactly(0);
        assertThat(sender.sack().inRecovery()).isFalse();
        assertThat(sender.sack().scoreboard().isEmpty()).as("RFC 6675 §5.1: the peer may have reneged").isTrue();
        assertThat(sender.sack().recoveryPointEnd()).as("RecoveryPoint moved to HighData").isEqualTo(10 * SEG);
        assertThat(sender.congestion().window()).isEqualTo(SEG);

        // SACK news after the timeout does not start a second recovery below the RecoveryPoint.
        peer.at(peer.now + MS);
        for (int i = 0; i < 3; i++) {
            peer.receive(peer.seg().ack(1).sack(r(4, 6 + i).block(), r(1, 3).block()));
        }
        peer.poll();
        assertThat(sender.sack().inRecovery()).isFalse();
        assertThat(sent(peer.take())).isEmpty();
        assertThat(peer.conn.stats().fastRetransmits).isEqualTo(1);
    }

    @Test
    void withoutSackTheSameLossIsRecoveredByNewReno() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig(), PeerSyn.mssOnly(1460));
        peer.at(20 * MS);
        peer.write(DATA);
        peer.poll();
        assertThat(sent(peer.take())).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        peer.at(30 * MS);
        for (int i = 0; i < 3; i++) {
            peer.receive(peer.seg().ack(1));
        }
        peer.poll();

        assertThat(sent(peer.take())).containsExactly(0);
        assertThat(peer.conn.sender.sack().inRecovery()).isFalse();
        assertThat(peer.conn.sender.congestion().window()).as("NewReno: ssthresh + 3 MSS").isEqualTo(7300 + 3 * SEG);
        peer.receive(peer.seg().ack(1 + 3 * SEG)); // partial ACK: NewReno resends the next segment at once
        peer.poll();
        assertThat(sent(peer.take())).startsWith(3);
    }

    // ------------------------------------------------------------------ the script

    private static ScriptedPeer start() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig(), SACK_NO_TIMESTAMPS);
        assertThat(peer.conn.sackOn()).isTrue();
        peer.at(20 * MS);
        peer.write(DATA);
        peer.poll();
        assertThat(sent(peer.take())).as("initial window").containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        peer.at(30 * MS);
        return peer;
    }

    private static void run(List<Step> steps) {
        ScriptedPeer peer = start();
        List<Range> sacked = new ArrayList<>();
        int i = 0;
        for (Step s : steps) {
            sacked.addAll(s.sacks());
            List<Integer> answer = answer(peer, s);
            for (int segment : answer) {
                for (Range r : sacked) {
                    assertThat(segment >= r.from() && segment < r.to() && segment >= s.ackedUpTo())
                            .as("step %d resent segment %d, which the peer SACKed", i, segment).isFalse();
                }
            }
            i++;
        }
        assertThat(peer.conn.stats().fastRetransmits).as("one loss event").isEqualTo(1);
    }

    /** Sends the step's ACK, polls, and checks what left, the pipe and cwnd; returns the segments sent. */
    private static List<Integer> answer(ScriptedPeer peer, Step s) {
        Seg.Block[] blocks = s.sacks().stream().map(Range::block).toArray(Seg.Block[]::new);
        peer.receive(peer.seg().ack(1 + s.ackedUpTo() * SEG).sack(blocks));
        peer.poll();
        List<Integer> sent = sent(peer.take());
        Sender sender = peer.conn.sender;
        String at = "after ACK " + s.ackedUpTo() + " SACK " + s.sacks();
        assertThat(sent).as("segments sent " + at).containsExactlyElementsOf(s.sent());
        assertThat(sender.sack().inRecovery()).as("in recovery " + at).isEqualTo(s.pipe() >= 0);
        if (s.pipe() >= 0) {
            assertThat(sender.sack().pipe()).as("pipe " + at).isEqualTo(s.pipe());
        }
        assertThat(sender.congestion().window()).as("cwnd " + at).isEqualTo(s.cwnd());
        return sent;
    }

    /** Segment numbers of what was sent, each checked to be one whole segment of the right bytes. */
    private static List<Integer> sent(List<Seg> segs) {
        List<Integer> numbers = new ArrayList<>();
        for (Seg s : segs) {
            if (s.payload().length == 0) {
                continue; // a pure ACK
            }
            assertThat((s.seq() - 1) % SEG).as("starts on a segment boundary: %s", s).isZero();
            int n = (s.seq() - 1) / SEG;
            assertThat(s.payload()).as("segment %d whole and correct", n)
                    .isEqualTo(ScriptedPeer.slice(DATA, n * SEG, (n + 1) * SEG));
            numbers.add(n);
        }
        return numbers;
    }
}
