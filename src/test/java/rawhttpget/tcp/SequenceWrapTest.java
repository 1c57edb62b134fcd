package rawhttpget.tcp;

import rawhttpget.inet.NetworkBytes;

import org.junit.jupiter.api.Test;
import rawhttpget.tcp.ScriptedPeer.PeerSyn;

import static org.assertj.core.api.Assertions.assertThat;
import static rawhttpget.tcp.ScriptedPeer.MS;
import static rawhttpget.tcp.ScriptedPeer.bytes;
import static rawhttpget.tcp.ScriptedPeer.slice;
import static rawhttpget.tcp.Seg.block;
import static rawhttpget.tcp.TcpFlags.ACK;
import static rawhttpget.tcp.TcpFlags.PSH;

/** Both sequence spaces start just below 2^32 and wrap during the test (RFC 9293 §3.4). */
class SequenceWrapTest {
    private static final int ISS = 0xFFFF_FFF0;  // our sequence numbers wrap after 16 bytes
    private static final int IRS = 0xFFFF_FF00;  // the server's wrap after 256 bytes
    private static final PeerSyn SACK_NO_TS = new PeerSyn(1460, -1, true, false, 65535);

    @Test
    void dataAndAcksCrossTheWrapInBothDirections() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig(), SACK_NO_TS, ISS, IRS);
        byte[] stream = bytes(600, 11);
        byte[] request = bytes(100, 3);
        peer.at(20 * MS);

        peer.write(request);
        peer.poll();
        assertThat(peer.take()).containsExactly(
                Seg.ack(1, 1).flags(ACK | PSH).window(60000).payload(request));
        assertThat(rawSeq(peer)).isEqualTo(ISS + 1);

        // The server's bytes 200..400 straddle its wrap; send them before 0..200 to make a hole.
        peer.receive(peer.seg().flags(ACK | PSH).seq(201).payload(slice(stream, 200, 400)));
        peer.poll();
        assertThat(peer.take()).containsExactly(Seg.ack(101, 1).window(60000).sack(block(201, 401)));
        assertThat(rawSackLeft(peer)).isEqualTo(IRS + 201).isEqualTo(0xFFFF_FFC9);
        assertThat(rawSackRight(peer)).isEqualTo(IRS + 401).isEqualTo(0x0000_0091);

        peer.receive(peer.seg().flags(ACK | PSH).seq(1).payload(slice(stream, 0, 200)));
        peer.poll();
        assertThat(peer.take()).containsExactly(Seg.ack(101, 401).window(59600));
        assertThat(rawAck(peer)).isEqualTo(IRS + 401).isEqualTo(0x91);
        assertThat(peer.conn.sender.unacknowledged()).as("our request, across our wrap, is acknowledged").isEqualTo(ISS + 101);
        assertThat(peer.conn.pollAt()).as("no retransmission pending").isEqualTo(20 * MS + 60_000 * MS);

        peer.nextSeq = 401;
        peer.receive(peer.data(slice(stream, 400, 600)));
        peer.runUntil(100 * MS);
        assertThat(peer.take()).containsExactly(Seg.ack(101, 601).window(59400));
        assertThat(peer.drain()).isEqualTo(stream);
    }

    @Test
    void segmentsJustBeforeTheWrapAreStillOldDuplicates() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig(), SACK_NO_TS, ISS, IRS);
        peer.at(20 * MS);
        peer.receive(peer.data(bytes(300, 1)));
        peer.runUntil(60 * MS);
        peer.take();

        peer.receive(peer.seg().flags(ACK | PSH).seq(201).payload(bytes(50, 2))); // [201, 251): below the wrap
        peer.poll();

        assertThat(peer.take()).containsExactly(Seg.ack(1, 301).window(59700).sack(block(201, 251)));
        assertThat(peer.conn.readable()).isEqualTo(300);
    }

    @Test
    void timestampsAcrossTheirWrapPassPaws() {
        ScriptedPeer peer = ScriptedPeer.synSent(ScriptedPeer.plainConfig().withOptions(true, true, true), ISS, IRS);
        peer.take();
        peer.at(10 * MS);
        peer.receive(peer.synAck(new PeerSyn(1460, -1, true, true, 65535)).tsVal(0xFFFF_FF00)); // the server's clock
        peer.poll();
        assertThat(peer.take()).containsExactly(Seg.ack(1, 1).window(60000).ts(10, 0xFFFF_FF00));
        peer.at(20 * MS);
        peer.receive(peer.data("a").tsVal(0xFFFF_FFF0));
        peer.runUntil(60 * MS);
        assertThat(peer.take()).containsExactly(Seg.ack(1, 2).window(59999).ts(60, 0xFFFF_FFF0));

        peer.at(70 * MS);
        peer.receive(peer.data("b").tsVal(0x0000_0010)); // the server's clock wrapped: newer, not older
        peer.runUntil(110 * MS);
        assertThat(peer.take()).containsExactly(Seg.ack(1, 3).window(59998).ts(110, 0x10));
        assertThat(peer.conn.stats().pawsRejected).isZero();
        assertThat(peer.drainAscii()).isEqualTo("ab");
    }

    private static int rawSeq(ScriptedPeer peer) {
        return NetworkBytes.i32(peer.lastRaw, 4);
    }

    private static int rawAck(ScriptedPeer peer) {
        return NetworkBytes.i32(peer.lastRaw, 8);
    }

    /** Left edge of the first SACK block: after NOP NOP kind length, at header offset 20 + 4. */
    private static int rawSackLeft(ScriptedPeer peer) {
        return NetworkBytes.i32(peer.lastRaw, 24);
    }

    private static int rawSackRight(ScriptedPeer peer) {
        return NetworkBytes.i32(peer.lastRaw, 28);
    }
}
