package rawhttpget.tcp;

import org.junit.jupiter.api.Test;
import rawhttpget.tcp.ScriptedPeer.PeerSyn;

import static org.assertj.core.api.Assertions.assertThat;
import static rawhttpget.tcp.ScriptedPeer.MS;
import static rawhttpget.tcp.ScriptedPeer.bytes;
import static rawhttpget.tcp.TcpFlags.ACK;
import static rawhttpget.tcp.TcpFlags.FIN;
import static rawhttpget.tcp.TcpFlags.PSH;

/** In-order data: delivery, the ACK policy of RFC 5681 §4.2 / RFC 9293 §3.8.6.3, and the peer's FIN. */
class ReceiveTest {

    @Test
    void inOrderDataIsDeliveredExactlyThroughDrainTo() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        peer.at(20 * MS);

        peer.receive(peer.data("GET reply, "));
        peer.receive(peer.data("part two"));

        assertThat(peer.conn.readable()).isEqualTo(19);
        assertThat(peer.drainAscii()).isEqualTo("GET reply, part two");
        assertThat(peer.conn.readable()).isZero();
        assertThat(peer.conn.stats().payloadBytesIn).isEqualTo(19);
    }

    @Test
    void acksEverySecondFullSizedSegment() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        peer.at(20 * MS);

        peer.receive(peer.data(bytes(1460, 1)));
        peer.poll();
        assertThat(peer.take()).as("one full segment waits for the delayed ACK").isEmpty();

        peer.receive(peer.data(bytes(1460, 2)));
        peer.poll();
        assertThat(peer.take()).containsExactly(Seg.ack(1, 2921).window(60000 - 2920));

        peer.receive(peer.data(bytes(1460, 3)));
        peer.poll();
        assertThat(peer.take()).isEmpty();
        peer.receive(peer.data(bytes(1460, 4)));
        peer.poll();
        assertThat(peer.take()).containsExactly(Seg.ack(1, 5841).window(60000 - 5840));
    }

    @Test
    void acksEverySecondFullSizedSegmentWhenTimestampsShrinkTheSegment() {
        // With timestamps a full-sized segment carries 1448 bytes, not 1460: two of them must still be acked.
        ScriptedPeer peer = ScriptedPeer.established(TcpConfig.defaults(1460), PeerSyn.linux());
        peer.at(20 * MS);

        peer.receive(peer.data(bytes(1448, 1)));
        peer.poll();
        assertThat(peer.take()).isEmpty();
        peer.receive(peer.data(bytes(1448, 2)));
        peer.poll();

        // 4 MiB less 2896 bytes, >> 7, rounded up so the edge does not move left: 32745.375 -> 32746.
        assertThat(peer.take()).containsExactly(Seg.ack(1, 2897).window(32746).ts(20, 5020));
    }

    @Test
    void singleSegmentIsAckedByTheDelayedAckTimerAtExactly40ms() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        peer.at(20 * MS);

        peer.receive(peer.data(bytes(100, 1)));
        peer.poll();
        assertThat(peer.take()).isEmpty();
        assertThat(peer.conn.pollAt()).isEqualTo(60 * MS);

        peer.pollAt(60 * MS - 1);
        assertThat(peer.take()).isEmpty();
        peer.pollAt(60 * MS);
        assertThat(peer.take()).containsExactly(Seg.ack(1, 101).window(59900));
        assertThat(peer.conn.pollAt()).as("only the idle timeout is left").isEqualTo(20 * MS + 60_000 * MS);
    }

    @Test
    void delayedAckTimerRunsFromTheFirstUnacknowledgedSegment() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        peer.pollAt(20 * MS);
        peer.receive(peer.data(bytes(100, 1)));
        peer.pollAt(50 * MS);
        peer.receive(peer.data(bytes(100, 2)));
        peer.poll();

        assertThat(peer.take()).isEmpty();
        assertThat(peer.conn.pollAt()).as("a second small segment does not push the timer back").isEqualTo(60 * MS);
        peer.runUntil(60 * MS);
        assertThat(peer.take()).containsExactly(Seg.ack(1, 201).window(59800));
    }

    @Test
    void finIsAckedAtOnceAndReceiveFinishesAfterDraining() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        peer.at(20 * MS);

        peer.receive(peer.data("abc").flags(FIN | PSH | ACK));
        peer.nextSeq++;
        peer.poll();

        assertThat(peer.take()).containsExactly(Seg.ack(1, 5).window(59997));
        assertThat(peer.conn.state()).isEqualTo(TcpState.CLOSE_WAIT);
        assertThat(peer.conn.isReceiveFinished()).as("three bytes still unread").isFalse();
        assertThat(peer.drainAscii()).isEqualTo("abc");
        assertThat(peer.conn.isReceiveFinished()).isTrue();
    }

    @Test
    void bareFinAfterDataIsAckedAtOnce() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        peer.at(20 * MS);
        peer.receive(peer.data(bytes(100, 1)));
        peer.poll();
        assertThat(peer.take()).isEmpty();

        peer.at(21 * MS);
        peer.receive(peer.fin());
        peer.poll();

        assertThat(peer.take()).containsExactly(Seg.ack(1, 102).window(59900));
        assertThat(peer.conn.state()).isEqualTo(TcpState.CLOSE_WAIT);
    }

    @Test
    void dataInTheSynAckIsDelivered() {
        ScriptedPeer peer = ScriptedPeer.synSent(ScriptedPeer.plainConfig());
        peer.take();
        peer.at(10 * MS);

        peer.receive(peer.synAck(PeerSyn.mssOnly(1460)).payload("early"));
        peer.poll();

        assertThat(peer.take()).containsExactly(Seg.ack(1, 6).window(59995));
        assertThat(peer.drainAscii()).isEqualTo("early");
    }
}
