package rawhttpget.tcp;

import org.junit.jupiter.api.Test;
import rawhttpget.tcp.ScriptedPeer.In;
import rawhttpget.tcp.ScriptedPeer.PeerSyn;

import static org.assertj.core.api.Assertions.assertThat;
import static rawhttpget.tcp.ScriptedPeer.MS;
import static rawhttpget.tcp.ScriptedPeer.bytes;
import static rawhttpget.tcp.ScriptedPeer.concat;
import static rawhttpget.tcp.ScriptedPeer.slice;
import static rawhttpget.tcp.Seg.block;
import static rawhttpget.tcp.TcpFlags.ACK;
import static rawhttpget.tcp.TcpFlags.FIN;
import static rawhttpget.tcp.TcpFlags.PSH;

/** Out-of-order arrival: SACK (RFC 2018), D-SACK (RFC 2883), immediate ACKs (RFC 5681 §4.2), first copy wins. */
class ReassemblyTest {
    /** The server's stream: ten 100-byte segments, segment k at relative sequence 1 + 100k. */
    private static final byte[] STREAM = bytes(1000, 3);
    private static final PeerSyn SACK_NO_TS = new PeerSyn(1460, -1, true, false, 65535);

    private static ScriptedPeer sackPeer() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig(), SACK_NO_TS);
        peer.at(20 * MS);
        return peer;
    }

    private static In segment(ScriptedPeer peer, int k) {
        return peer.seg().flags(ACK | PSH).seq(1 + 100 * k).payload(slice(STREAM, 100 * k, 100 * k + 100));
    }

    private static Seg ackOf(int ack, int window) {
        return Seg.ack(1, ack).window(window);
    }

    @Test
    void outOfOrderSegmentsAreAckedAtOnceWithSackBlocksNewestFirst() {
        ScriptedPeer peer = sackPeer();

        peer.receive(segment(peer, 1));
        peer.poll();
        assertThat(peer.take()).containsExactly(ackOf(1, 60000).sack(block(101, 201)));

        peer.receive(segment(peer, 3));
        peer.poll();
        assertThat(peer.take()).containsExactly(ackOf(1, 60000).sack(block(301, 401), block(101, 201)));

        for (int k : new int[] {5, 7, 9}) {
            peer.receive(segment(peer, k));
            peer.poll();
            peer.take();
        }
        peer.receive(segment(peer, 9)); // a duplicate: D-SACK first, then the four newest blocks' first three
        peer.poll();
        assertThat(peer.take()).containsExactly(ackOf(1, 60000)
                .sack(block(901, 1001), block(901, 1001), block(701, 801), block(501, 601)));
        peer.receive(segment(peer, 2)); // joins blocks 1 and 3: the merged block grew last, so it goes first
        peer.poll();
        assertThat(peer.take()).containsExactly(ackOf(1, 60000)
                .sack(block(101, 401), block(901, 1001), block(701, 801), block(501, 601)));
        assertThat(peer.drain()).as("nothing is in order yet").isEmpty();

        peer.receive(segment(peer, 0)); // fills the first hole: immediate ACK, the rest still SACKed
        peer.poll();
        assertThat(peer.take()).containsExactly(ackOf(401, 59600)
                .sack(block(901, 1001), block(701, 801), block(501, 601)));
        assertThat(peer.drain()).isEqualTo(slice(STREAM, 0, 400));
        assertThat(peer.conn.stats().outOfOrderSegments).isEqualTo(6);
    }

    @Test
    void withTimestampsAtMostThreeSackBlocksFit() {
        ScriptedPeer peer = ScriptedPeer.established(TcpConfig.defaults(1460), PeerSyn.linux());
        peer.at(20 * MS);

        for (int k : new int[] {1, 3, 5, 7}) {
            peer.receive(segment(peer, k));
            peer.poll();
        }
        // Options: 12 bytes of NOP NOP TS, then NOP NOP SACK with 3 blocks = 28: the 40-byte limit.
        // The out-of-order segments do not advance TS.Recent (RFC 7323 §4.3): the echo stays 5010.
        assertThat(peer.take()).last().isEqualTo(Seg.ack(1, 1).window(32768).ts(20, 5010)
                .sack(block(701, 801), block(501, 601), block(301, 401)));
        assertThat(peer.lastRaw).hasSize(60);
    }

    @Test
    void filledHoleIsAckedAtOnceEvenWhenHolesRemain() {
        ScriptedPeer peer = sackPeer();
        peer.receive(segment(peer, 2));
        peer.poll();
        peer.take();

        peer.receive(segment(peer, 0));
        peer.poll();

        assertThat(peer.take()).containsExactly(ackOf(101, 59900).sack(block(201, 301)));
        assertThat(peer.drain()).isEqualTo(slice(STREAM, 0, 100));
        peer.receive(segment(peer, 1));
        peer.poll();
        assertThat(peer.take()).containsExactly(ackOf(301, 59700));
        assertThat(peer.drain()).isEqualTo(slice(STREAM, 100, 300));
    }

    @Test
    void duplicateOfDeliveredDataIsDroppedAndReacknowledgedWithDsack() {
        ScriptedPeer peer = sackPeer();
        peer.receive(segment(peer, 0));
        peer.receive(segment(peer, 1));
        peer.runUntil(60 * MS);
        assertThat(peer.take()).containsExactly(ackOf(201, 59800));
        assertThat(peer.drain()).isEqualTo(slice(STREAM, 0, 200));

        peer.at(70 * MS);
        peer.receive(segment(peer, 0).payload(bytes(100, 99))); // a stale copy, even with other bytes
        peer.poll();

        // RFC 2883: the duplicate range is the first (and here only) block, below the cumulative ACK.
        assertThat(peer.take()).containsExactly(ackOf(201, 59800).sack(block(1, 101)));
        assertThat(peer.delivered()).isEqualTo(slice(STREAM, 0, 200));
        assertThat(peer.conn.stats().duplicateSegments).isEqualTo(1);

        peer.at(80 * MS);
        peer.receive(segment(peer, 2));
        peer.runUntil(120 * MS);
        assertThat(peer.take()).as("the D-SACK is reported once").containsExactly(ackOf(301, 59700));
    }

    @Test
    void duplicateOfOutOfOrderDataIsReportedOnceAsDsackThenAsSack() {
        ScriptedPeer peer = sackPeer();
        peer.receive(segment(peer, 1));
        peer.poll();
        peer.take();

        peer.receive(segment(peer, 1));
        peer.poll();
        // RFC 2883 §4: the D-SACK block first, then the SACK block that contains it.
        assertThat(peer.take()).containsExactly(ackOf(1, 60000).sack(block(101, 201), block(101, 201)));

        peer.receive(segment(peer, 3));
        peer.poll();
        assertThat(peer.take()).as("the D-SACK block is not repeated")
                .containsExactly(ackOf(1, 60000).sack(block(301, 401), block(101, 201)));
    }

    @Test
    void overlappingRetransmissionWithDifferentBytesDoesNotChangeDeliveredBytes() {
        ScriptedPeer peer = sackPeer();
        byte[] first = bytes(100, 50);
        byte[] overlap = bytes(200, 90);
        byte[] head = bytes(50, 17);

        peer.receive(peer.seg().flags(ACK | PSH).seq(101).payload(first));
        peer.receive(peer.seg().flags(ACK | PSH).seq(51).payload(overlap)); // covers [51, 251), other bytes
        peer.receive(peer.seg().flags(ACK | PSH).seq(1).payload(head));
        peer.poll();

        assertThat(peer.take()).last().isEqualTo(ackOf(251, 59750));
        assertThat(peer.drain()).isEqualTo(concat(head, slice(overlap, 0, 50), first, slice(overlap, 150, 200)));

        byte[] later = bytes(100, 200); // [201, 301): its first half was delivered already
        peer.receive(peer.seg().flags(ACK | PSH).seq(201).payload(later));
        assertThat(peer.drain()).isEqualTo(slice(later, 50, 100));
    }

    @Test
    void finBeforeTheHoleIsProcessedOnlyWhenTheHoleFills() {
        ScriptedPeer peer = sackPeer();

        peer.receive(segment(peer, 1).flags(FIN | PSH | ACK));
        peer.poll();
        assertThat(peer.take()).containsExactly(ackOf(1, 60000).sack(block(101, 201)));
        assertThat(peer.conn.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(peer.conn.isReceiveFinished()).isFalse();

        peer.receive(segment(peer, 0));
        peer.poll();
        assertThat(peer.take()).containsExactly(ackOf(202, 59800));
        assertThat(peer.conn.state()).isEqualTo(TcpState.CLOSE_WAIT);
        assertThat(peer.drain()).isEqualTo(slice(STREAM, 0, 200));
        assertThat(peer.conn.isReceiveFinished()).isTrue();
    }

    @Test
    void withoutSackAgreedOutOfOrderDataGetsAPlainDuplicateAck() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig(), PeerSyn.mssOnly(1460));
        peer.at(20 * MS);

        peer.receive(segment(peer, 1));
        peer.poll();
        peer.receive(segment(peer, 1));
        peer.poll();

        assertThat(peer.take()).containsExactly(ackOf(1, 60000), ackOf(1, 60000));
    }
}
