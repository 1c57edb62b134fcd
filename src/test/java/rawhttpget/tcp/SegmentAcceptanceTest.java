package rawhttpget.tcp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static rawhttpget.tcp.ScriptedPeer.MS;
import static rawhttpget.tcp.ScriptedPeer.S;
import static rawhttpget.tcp.ScriptedPeer.bytes;
import static rawhttpget.tcp.TcpFlags.ACK;
import static rawhttpget.tcp.TcpFlags.PSH;
import static rawhttpget.tcp.TcpFlags.RST;
import static rawhttpget.tcp.TcpFlags.SYN;

/**
 * What an ESTABLISHED connection does with one arriving segment, as a table in the manner of gVisor's
 * packetimpact: RFC 9293 §3.10.7.4 acceptance, RFC 5961 (blind RST, SYN and data injection), RFC 7323 PAWS.
 *
 * <p>The fixture: timestamps agreed, 10 bytes received and read, so RCV.NXT is 11, the window 59990 and
 * TS.Recent 5020; the segment under test arrives at 100 ms.
 */
class SegmentAcceptanceTest {
    private static final int RCV_NXT = 11;
    private static final int WINDOW = 59990;
    private static final int TS_RECENT = 5020;

    enum Answer {
        /** Nothing is sent: the segment was dropped silently, or its data waits for the delayed ACK. */
        NOTHING,
        /** One ACK of RCV.NXT (a challenge ACK or the RFC 9293 answer to an unacceptable segment). */
        ACK,
        /** One ACK of RCV.NXT whose D-SACK block names the segment's payload (RFC 2883). */
        DSACK,
        /** The connection is reset: nothing is sent and it is CLOSED with failure RESET. */
        RESET
    }

    /**
     * @param seqOffset from RCV.NXT
     * @param ackOffset from our SND.NXT (1)
     * @param tsVal     the segment's TSval; the server's clock (5100) when null
     */
    record Row(String name, int flags, int seqOffset, String payload, Integer tsVal, int ackOffset, Answer answer,
               int readable) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("in-window data is accepted and waits for the delayed ACK", ACK | PSH, 0, "abc", null, 0, Answer.NOTHING, 3),
                new Row("RST at exactly RCV.NXT resets", RST, 0, "", null, 0, Answer.RESET, 0),
                new Row("RST+ACK at exactly RCV.NXT resets", RST | ACK, 0, "", null, 0, Answer.RESET, 0),
                new Row("RST one past RCV.NXT gets a challenge ACK", RST, 1, "", null, 0, Answer.ACK, 0),
                new Row("RST at the window's last byte gets a challenge ACK", RST, WINDOW - 1, "", null, 0, Answer.ACK, 0),
                new Row("RST just beyond the window is ignored", RST, WINDOW, "", null, 0, Answer.NOTHING, 0),
                new Row("RST below RCV.NXT is ignored", RST, -1, "", null, 0, Answer.NOTHING, 0),
                new Row("RST with an old TSval at RCV.NXT still resets", RST, 0, "", TS_RECENT - 100, 0, Answer.RESET, 0),
                new Row("SYN in the window gets a challenge ACK", SYN, 0, "", null, 0, Answer.ACK, 0),
                new Row("SYN+ACK in the window gets a challenge ACK", SYN | ACK, 5, "", null, 0, Answer.ACK, 0),
                new Row("retransmitted SYN-ACK (old sequence) gets an ACK", SYN | ACK, -RCV_NXT, "", null, 0, Answer.ACK, 0),
                new Row("ACK of data never sent gets an ACK and its data is dropped", ACK | PSH, 0, "zz", null, 1000, Answer.ACK, 0),
                new Row("ACK older than SND.UNA - MAX.SND.WND gets an ACK and is dropped", ACK | PSH, 0, "zz", null, -70000, Answer.ACK, 0),
                new Row("old duplicate ACK within MAX.SND.WND is harmless; its data is accepted", ACK | PSH, 0, "zz", null, -1, Answer.NOTHING, 2),
                new Row("old TSval (PAWS) is dropped and acknowledged", ACK | PSH, 0, "old", TS_RECENT - 1, 0, Answer.ACK, 0),
                new Row("equal TSval passes PAWS", ACK | PSH, 0, "new", TS_RECENT, 0, Answer.NOTHING, 3),
                new Row("segment without ACK is dropped silently", PSH, 0, "noack", null, 0, Answer.NOTHING, 0),
                new Row("data entirely beyond the window is acknowledged, not accepted", ACK, WINDOW, "far", null, 0, Answer.ACK, 0),
                new Row("data entirely before RCV.NXT is acknowledged with a D-SACK", ACK, -5, "dup", null, 0, Answer.DSACK, 0),
                new Row("pure ACK below RCV.NXT is acknowledged", ACK, -1, "", null, 0, Answer.ACK, 0));
    }

    private static ScriptedPeer fixture() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig().withOptions(true, true, true),
                new ScriptedPeer.PeerSyn(1460, -1, true, true, 65535));
        peer.at(20 * MS);
        peer.receive(peer.data("0123456789"));
        peer.runUntil(60 * MS);
        assertThat(peer.take()).containsExactly(Seg.ack(1, RCV_NXT).window(59990).ts(60, TS_RECENT));
        peer.drain();
        peer.at(100 * MS);
        return peer;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void answersOneSegmentInEstablished(Row row) {
        ScriptedPeer peer = fixture();
        ScriptedPeer.In in = peer.seg().flags(row.flags()).seq(RCV_NXT + row.seqOffset()).ack(1 + row.ackOffset())
                .payload(row.payload());
        if (row.tsVal() != null) {
            in.tsVal(row.tsVal());
        }

        peer.receive(in);
        peer.poll();

        switch (row.answer()) {
            case NOTHING -> {
                assertThat(peer.take()).isEmpty();
                assertThat(peer.conn.state()).isEqualTo(TcpState.ESTABLISHED);
            }
            case ACK -> {
                assertThat(peer.take()).containsExactly(Seg.ack(1, RCV_NXT).window(WINDOW).ts(100, TS_RECENT));
                assertThat(peer.conn.state()).isEqualTo(TcpState.ESTABLISHED);
            }
            case DSACK -> {
                int left = RCV_NXT + row.seqOffset();
                assertThat(peer.take()).containsExactly(Seg.ack(1, RCV_NXT).window(WINDOW).ts(100, TS_RECENT)
                        .sack(Seg.block(left, left + row.payload().length())));
                assertThat(peer.conn.state()).isEqualTo(TcpState.ESTABLISHED);
            }
            case RESET -> {
                assertThat(peer.take()).isEmpty();
                assertThat(peer.conn.state()).isEqualTo(TcpState.CLOSED);
                assertThat(peer.conn.failure()).isEqualTo(TcpFailure.RESET);
            }
        }
        assertThat(peer.conn.readable()).isEqualTo(row.readable());
    }

    @Test
    void challengeAcksAreLimitedToOneHundredASecond() {
        ScriptedPeer peer = fixture();
        int acks = 0;
        for (int i = 0; i < 150; i++) {
            peer.receive(peer.seg().flags(RST).seq(RCV_NXT + 1 + i));
            peer.poll();
            acks += peer.take().size();
        }
        assertThat(acks).isEqualTo(100);
        assertThat(peer.conn.stats().challengeAcks).isEqualTo(100);

        // The counting second runs from time 0 here (then from the first challenge after each second ends).
        peer.at(S - 1);
        peer.receive(peer.seg().flags(SYN).seq(RCV_NXT));
        peer.poll();
        assertThat(peer.take()).as("still inside the same second").isEmpty();

        peer.at(S);
        peer.receive(peer.seg().flags(SYN).seq(RCV_NXT));
        peer.poll();
        assertThat(peer.take()).hasSize(1);
        assertThat(peer.conn.state()).isEqualTo(TcpState.ESTABLISHED);
    }

    @Test
    void pawsRejectionIsCountedAndLeavesTsRecentAlone() {
        ScriptedPeer peer = fixture();
        peer.receive(peer.seg().flags(ACK | PSH).seq(RCV_NXT).payload(bytes(10, 1)).tsVal(TS_RECENT - 1));
        peer.poll();
        peer.take();

        assertThat(peer.conn.stats().pawsRejected).isEqualTo(1);
        assertThat(peer.conn.receiver.tsRecent()).isEqualTo(TS_RECENT);
    }

    @Test
    void inOrderSegmentAdvancesTsRecent() {
        ScriptedPeer peer = fixture();
        peer.receive(peer.data("more"));
        peer.runUntil(200 * MS);

        assertThat(peer.take()).containsExactly(Seg.ack(1, RCV_NXT + 4).window(WINDOW - 4).ts(140, 5100));
    }

    @Test
    void withADelayedAckTheEchoIsTheTsvalOfTheEarliestUnacknowledgedSegment() {
        ScriptedPeer peer = fixture();
        peer.receive(peer.data("a").tsVal(6000));
        peer.at(110 * MS);
        peer.receive(peer.data("b").tsVal(6010));
        peer.runUntil(200 * MS);

        // RFC 7323 §4.3: only a segment at or below Last.ACK.sent updates TS.Recent, so the server's RTT
        // measurement includes the time its first segment waited for our delayed ACK.
        assertThat(peer.take()).containsExactly(Seg.ack(1, RCV_NXT + 2).window(WINDOW - 2).ts(140, 6000));
    }

    @Test
    void resetAfterThePeersFinClosesWithoutFailure() {
        ScriptedPeer peer = fixture();
        peer.receive(peer.fin());
        peer.poll();
        peer.take();
        assertThat(peer.conn.state()).isEqualTo(TcpState.CLOSE_WAIT);

        peer.receive(peer.seg().flags(RST).seq(RCV_NXT + 1));

        assertThat(peer.conn.state()).isEqualTo(TcpState.CLOSED);
        assertThat(peer.conn.failure()).as("everything the peer sent has arrived").isNull();
    }
}
