package rawhttpget.tcp;

import org.junit.jupiter.api.Test;
import rawhttpget.tcp.ScriptedPeer.PeerSyn;

import static org.assertj.core.api.Assertions.assertThat;
import static rawhttpget.tcp.ScriptedPeer.MS;
import static rawhttpget.tcp.ScriptedPeer.bytes;
import static rawhttpget.tcp.TcpFlags.ACK;

/** The window we advertise: free buffer, scaling, never retracting, zero window, updates, probes. */
class ReceiveWindowTest {

    @Test
    void advertisedWindowReflectsFreeBufferAndMovesOnlyInUsefulSteps() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());

        peer.at(20 * MS);
        peer.receive(peer.data(bytes(1000, 1)));
        peer.runUntil(60 * MS);
        assertThat(peer.take()).containsExactly(Seg.ack(1, 1001).window(59000));

        peer.drain();
        peer.at(70 * MS);
        peer.receive(peer.data(bytes(1000, 2)));
        peer.runUntil(110 * MS);
        // Reading 1000 bytes frees room, but the right edge only moves in steps of at least one MSS
        // (receiver-side silly window avoidance, RFC 9293 §3.8.6.2.2): the edge stays at 60000.
        assertThat(peer.take()).containsExactly(Seg.ack(1, 2001).window(58000));

        peer.drain();
        peer.at(120 * MS);
        peer.receive(peer.data(bytes(1000, 3)));
        peer.runUntil(160 * MS);
        // Now 2000 bytes were read: the edge moves to 3000 + 59000 free = 62000.
        assertThat(peer.take()).containsExactly(Seg.ack(1, 3001).window(59000));
    }

    @Test
    void zeroWindowWhenTheApplicationDoesNotDrainAndDataBeyondItIsNotAccepted() {
        ScriptedPeer peer = fillPlainBuffer();

        peer.at(200 * MS);
        peer.receive(peer.seg().flags(ACK).seq(60001).payload(bytes(100, 9)));
        peer.poll();

        assertThat(peer.take()).containsExactly(Seg.ack(1, 60001).window(0));
        assertThat(peer.conn.readable()).isEqualTo(60000);
        assertThat(peer.conn.stats().unacceptableSegments).isEqualTo(1);
    }

    @Test
    void zeroWindowProbesAreAnsweredWithAnAck() {
        ScriptedPeer peer = fillPlainBuffer();

        peer.at(200 * MS);
        peer.receive(peer.seg().seq(60000)); // Linux's probe: an old sequence number, no data
        peer.poll();
        assertThat(peer.take()).containsExactly(Seg.ack(1, 60001).window(0));

        peer.at(400 * MS);
        peer.receive(peer.seg().seq(60001).payload("x")); // the RFC 9293 probe: one byte beyond the window
        peer.poll();
        assertThat(peer.take()).containsExactly(Seg.ack(1, 60001).window(0));
        assertThat(peer.conn.readable()).isEqualTo(60000);
    }

    @Test
    void zeroWindowProbesKeepTheConnectionFromTheIdleTimeout() {
        ScriptedPeer peer = fillPlainBuffer();
        // The idle timeout is 60 s; the window stays shut for 150 s, probed every 40 s.
        for (long at = 40; at <= 160; at += 40) {
            peer.at(at * ScriptedPeer.S);
            peer.receive(peer.seg().seq(60000));
            peer.poll();
            assertThat(peer.take()).containsExactly(Seg.ack(1, 60001).window(0));
        }
        peer.at(170 * ScriptedPeer.S);
        peer.poll();
        assertThat(peer.conn.state()).isEqualTo(TcpState.ESTABLISHED);
        // Silence, though, still ends it.
        peer.at(221 * ScriptedPeer.S);
        peer.poll();
        assertThat(peer.conn.failure()).isEqualTo(TcpFailure.TIMED_OUT);
    }

    @Test
    void windowUpdateIsSentWhenTheApplicationDrainsAtLeastOneSegment() {
        ScriptedPeer peer = fillPlainBuffer();
        peer.at(200 * MS);

        assertThat(peer.drain(1000)).hasSize(1000);
        peer.poll();
        assertThat(peer.take()).as("1000 bytes of room is less than a segment: no update yet").isEmpty();

        assertThat(peer.drain(500)).hasSize(500);
        assertThat(peer.conn.pollAt()).as("an update is due now").isLessThanOrEqualTo(peer.now);
        peer.poll();
        assertThat(peer.take()).containsExactly(Seg.ack(1, 60001).window(1500));
        assertThat(peer.conn.stats().windowUpdates).isEqualTo(1);

        peer.drain();
        peer.poll();
        assertThat(peer.take()).containsExactly(Seg.ack(1, 60001).window(60000));
    }

    /**
     * The peer offered no window scaling, so no window field can say more than 65535, however large our buffer:
     * nothing beyond that may count as room for an update. It did, and every poll sent a window update, an ACK
     * every ~43 µs while such a peer kept its own window shut (3.4 million in 6 s, HostileTcpEndToEndTest).
     */
    @Test
    void withoutScalingA4MiBBufferIsAlwaysOffered65535AndNeverNeedsAnUpdate() {
        ScriptedPeer peer = ScriptedPeer.established(TcpConfig.defaults(1460), PeerSyn.mssOnly(1460));
        peer.at(20 * MS);
        peer.poll();
        peer.poll();
        assertThat(peer.take()).as("idle after the handshake").isEmpty();
        assertThat(peer.conn.pollAt()).as("nothing due").isGreaterThan(peer.now);

        peer.receive(peer.data(bytes(40000, 1)));
        peer.poll();
        // Undrained, 40 000 bytes still leave far more than 65535 free: the edge moves with RCV.NXT.
        assertThat(peer.take()).containsExactly(Seg.ack(1, 40001).window(65535));
        peer.drain();
        peer.poll();
        peer.poll();
        assertThat(peer.take()).as("draining frees nothing the field could say").isEmpty();
    }

    @Test
    void scaledWindowIsTheFreeBufferShiftedAndRoundedUp() {
        ScriptedPeer peer = ScriptedPeer.established(TcpConfig.defaults(1460), PeerSyn.linux());
        peer.at(20 * MS);

        peer.receive(peer.data(bytes(1000, 1)));
        peer.runUntil(60 * MS);

        // (4 MiB - 1000) / 128 = 32760.1875: rounded up to 32761 so the edge (4 MiB) does not move left.
        assertThat(peer.take()).containsExactly(Seg.ack(1, 1001).window(32761).ts(60, 5020));
    }

    /**
     * With a window shift of 2 and segments that are not multiples of 4, every rounded-up window must
     * still describe the same right edge: the edge the peer sees may pass the buffer's end by less than one
     * unit (the buffer's slack), never creep further ACK after ACK, and the window must reach zero. The
     * peer sends up to the furthest edge it was ever shown, and every byte of that is accepted.
     */
    @Test
    void scaledRightEdgeNeverMovesLeftNorPastTheBufferWhenTheApplicationStalls() {
        int buffer = 131072; // 2^17: needs shift 2
        ScriptedPeer peer = ScriptedPeer.established(TcpConfig.defaults(1460).withReceiveBuffer(buffer),
                PeerSyn.linux());
        assertThat(peer.conn.receiver.activeShift()).isEqualTo(2);
        long knownEdge = 1 + buffer; // from the handshake ACK: window 32768 << 2
        long lastEdge = knownEdge;
        boolean zero = false;
        for (int i = 0; i < 1000 && !zero; i++) {
            peer.at(peer.now + MS);
            int room = (int) (knownEdge - peer.nextSeq);
            if (room > 0) {
                peer.receive(peer.data(bytes(Math.min(1001, room), i)));
                peer.poll();
            } else {
                peer.runUntil(peer.now + 40 * MS);
            }
            for (Seg ack : peer.take()) {
                long edge = ack.ack() + ((long) ack.window() << 2);
                // Rounding to the unit can make the edge the peer computes step back by less than a unit;
                // the peer keeps sending up to the furthest edge it was shown, and that is accepted.
                assertThat(edge).as("right edge after %s", ack).isGreaterThan(lastEdge - 4);
                assertThat(edge - 1).as("edge offset after %s", ack).isLessThan(buffer + 4);
                lastEdge = Math.max(lastEdge, edge);
                knownEdge = lastEdge;
                zero = ack.window() == 0;
            }
        }
        assertThat(zero).as("the window closed").isTrue();
        assertThat(peer.conn.readable()).isEqualTo(peer.nextSeq - 1).isBetween(buffer, buffer + 3);
    }

    /** Fills the plain config's 60000-byte buffer without draining; ends with the zero-window ACK taken. */
    private static ScriptedPeer fillPlainBuffer() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        peer.at(20 * MS);
        for (int i = 0; i < 41; i++) {
            peer.receive(peer.data(bytes(1460, i)));
            peer.poll();
        }
        peer.receive(peer.data(bytes(140, 41)));
        peer.poll();
        peer.runUntil(100 * MS);
        assertThat(peer.take()).last().isEqualTo(Seg.ack(1, 60001).window(0));
        assertThat(peer.conn.stats().zeroWindowsAdvertised).isEqualTo(1);
        return peer;
    }
}
