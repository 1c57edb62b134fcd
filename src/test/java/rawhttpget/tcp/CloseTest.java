package rawhttpget.tcp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static rawhttpget.tcp.ScriptedPeer.MS;
import static rawhttpget.tcp.ScriptedPeer.S;
import static rawhttpget.tcp.ScriptedPeer.bytes;
import static rawhttpget.tcp.ScriptedPeer.slice;
import static rawhttpget.tcp.TcpFlags.ACK;
import static rawhttpget.tcp.TcpFlags.FIN;
import static rawhttpget.tcp.TcpFlags.PSH;

/** Closing (RFC 9293 §3.6): our FIN first, theirs first, both at once, TIME-WAIT, and abort. */
class CloseTest {
    private static final long TIME_WAIT = 2 * S;

    private static Seg finAck(int seq, int ack) {
        return Seg.ack(seq, ack).flags(FIN | ACK).window(60000);
    }

    @Test
    void ourCloseWalksFinWait1FinWait2TimeWaitThenClosed() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        peer.at(20 * MS);
        peer.conn.close();
        peer.poll();
        assertThat(peer.take()).containsExactly(finAck(1, 1));
        assertThat(peer.conn.state()).isEqualTo(TcpState.FIN_WAIT_1);

        peer.at(30 * MS);
        peer.receive(peer.seg().ack(2));
        assertThat(peer.conn.state()).isEqualTo(TcpState.FIN_WAIT_2);
        assertThat(peer.conn.pollAt()).as("no retransmission pending").isEqualTo(30 * MS + 60 * S);

        peer.at(40 * MS);
        peer.receive(peer.data("bye"));
        peer.receive(peer.fin());
        peer.poll();
        assertThat(peer.take()).containsExactly(Seg.ack(2, 5).window(59997));
        assertThat(peer.conn.state()).isEqualTo(TcpState.TIME_WAIT);
        assertThat(peer.conn.pollAt()).isEqualTo(40 * MS + TIME_WAIT);

        peer.pollAt(40 * MS + TIME_WAIT - 1);
        assertThat(peer.conn.state()).isEqualTo(TcpState.TIME_WAIT);
        peer.pollAt(40 * MS + TIME_WAIT);
        assertThat(peer.conn.state()).isEqualTo(TcpState.CLOSED);
        assertThat(peer.conn.failure()).isNull();
        assertThat(peer.take()).isEmpty();
        assertThat(peer.drainAscii()).isEqualTo("bye");
        assertThat(peer.conn.pollAt()).isEqualTo(ScriptedPeer.NEVER);
    }

    @Test
    void finFollowsTheQueuedRequest() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        peer.at(20 * MS);
        peer.write("GET");
        peer.conn.close();
        peer.poll();

        assertThat(peer.take()).containsExactly(
                Seg.ack(1, 1).flags(ACK | PSH).window(60000).payload("GET"),
                finAck(4, 1));
    }

    @Test
    void peerClosingFirstWalksCloseWaitLastAckThenClosed() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        peer.at(20 * MS);
        peer.receive(peer.fin());
        peer.poll();
        assertThat(peer.take()).containsExactly(Seg.ack(1, 2).window(60000));
        assertThat(peer.conn.state()).isEqualTo(TcpState.CLOSE_WAIT);

        peer.at(30 * MS);
        peer.conn.close();
        peer.poll();
        assertThat(peer.take()).containsExactly(finAck(1, 2));
        assertThat(peer.conn.state()).isEqualTo(TcpState.LAST_ACK);

        peer.at(40 * MS);
        peer.receive(peer.seg().ack(2));
        assertThat(peer.conn.state()).isEqualTo(TcpState.CLOSED);
        assertThat(peer.conn.failure()).isNull();
        assertThat(peer.conn.pollAt()).isEqualTo(ScriptedPeer.NEVER);
    }

    @Test
    void lastAckResendsTheFinUntilItIsAcknowledged() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        peer.at(20 * MS);
        peer.receive(peer.fin());
        peer.conn.close();
        peer.poll();
        assertThat(peer.take()).containsExactly(finAck(1, 2));

        peer.runUntil(220 * MS);
        assertThat(peer.take()).containsExactly(finAck(1, 2));
        assertThat(peer.conn.state()).isEqualTo(TcpState.LAST_ACK);
    }

    @Test
    void simultaneousCloseWalksClosingThenTimeWait() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        peer.at(20 * MS);
        peer.conn.close();
        peer.poll();
        assertThat(peer.take()).containsExactly(finAck(1, 1));

        peer.at(25 * MS);
        peer.receive(peer.fin().ack(1)); // their FIN crossed ours: it does not acknowledge it
        peer.poll();
        assertThat(peer.conn.state()).isEqualTo(TcpState.CLOSING);
        assertThat(peer.take()).containsExactly(Seg.ack(2, 2).window(60000));

        peer.at(30 * MS);
        peer.receive(peer.seg().ack(2));
        assertThat(peer.conn.state()).isEqualTo(TcpState.TIME_WAIT);
        assertThat(peer.conn.pollAt()).isEqualTo(30 * MS + TIME_WAIT);
    }

    @Test
    void timeWaitReacknowledgesARetransmittedFinAndRestartsItsTimer() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        peer.at(20 * MS);
        peer.conn.close();
        peer.poll();
        peer.receive(peer.fin());
        peer.poll();
        assertThat(peer.conn.state()).isEqualTo(TcpState.TIME_WAIT);
        peer.take();

        peer.at(1 * S);
        peer.receive(peer.seg().flags(FIN | ACK).seq(1)); // our ACK was lost: the same FIN again
        peer.poll();

        assertThat(peer.take()).containsExactly(Seg.ack(2, 2).window(60000));
        assertThat(peer.conn.state()).isEqualTo(TcpState.TIME_WAIT);
        // RFC 9293 §3.10.7.4, TIME-WAIT: acknowledge it, and restart the 2 MSL timeout.
        assertThat(peer.conn.pollAt()).isEqualTo(1 * S + TIME_WAIT);
    }

    @ParameterizedTest(name = "TIME-WAIT of {0} ms")
    @ValueSource(longs = {0, 1, 5_000})
    void timeWaitLastsExactlyAsLongAsConfigured(long millis) {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig().withTimeWait(millis * MS));
        peer.at(20 * MS);
        peer.conn.close();
        peer.poll();
        peer.take();
        peer.receive(peer.fin());
        peer.poll();
        assertThat(peer.take()).as("their FIN acknowledged, whatever the TIME-WAIT").containsExactly(
                Seg.ack(2, 2).window(60000));

        if (millis > 0) {
            assertThat(peer.conn.pollAt()).isEqualTo(20 * MS + millis * MS);
            peer.pollAt(20 * MS + millis * MS - 1);
            assertThat(peer.conn.state()).isEqualTo(TcpState.TIME_WAIT);
            peer.pollAt(20 * MS + millis * MS);
        }
        assertThat(peer.conn.state()).isEqualTo(TcpState.CLOSED);
        assertThat(peer.conn.failure()).isNull();
        assertThat(peer.take()).as("TIME-WAIT ends without a segment").isEmpty();
    }

    @Test
    void finAcknowledgedAfterATimeoutStillCompletesTheClose() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        byte[] request = bytes(3000, 1);
        peer.at(20 * MS);
        peer.write(request);
        peer.conn.close();
        peer.poll();
        assertThat(peer.take()).hasSize(4).last().isEqualTo(finAck(3001, 1));

        peer.pollAt(220 * MS); // timeout: cwnd of one segment, so only the first is resent, not the FIN yet
        assertThat(peer.take()).containsExactly(Seg.ack(1, 1).window(60000).payload(slice(request, 0, 1460)));

        peer.at(230 * MS);
        peer.receive(peer.seg().ack(3002)); // the originals had all arrived, FIN included
        peer.poll();

        assertThat(peer.conn.state()).isEqualTo(TcpState.FIN_WAIT_2);
        assertThat(peer.take()).isEmpty();
        assertThat(peer.conn.pollAt()).as("nothing left to resend").isEqualTo(230 * MS + 60 * S);

        peer.receive(peer.fin());
        peer.poll();
        assertThat(peer.take()).containsExactly(Seg.ack(3002, 2).window(60000));
        assertThat(peer.conn.state()).isEqualTo(TcpState.TIME_WAIT);
    }

    @Test
    void abortSendsResetAtSndNxt() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        peer.at(20 * MS);
        peer.write("GET");
        peer.poll();
        peer.take();

        peer.conn.abort();
        assertThat(peer.conn.state()).isEqualTo(TcpState.CLOSED);
        assertThat(peer.conn.failure()).isEqualTo(TcpFailure.ABORTED);
        assertThat(peer.conn.pollAt()).as("the RST is due at once").isZero();
        peer.poll();

        assertThat(peer.take()).containsExactly(Seg.rst(4));
        assertThat(peer.conn.pollAt()).isEqualTo(ScriptedPeer.NEVER);
    }

    @Test
    void abortInTimeWaitSendsNothing() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        peer.at(20 * MS);
        peer.conn.close();
        peer.poll();
        peer.receive(peer.fin());
        peer.poll();
        peer.take();

        peer.conn.abort();
        peer.poll();

        assertThat(peer.take()).isEmpty();
        assertThat(peer.conn.state()).isEqualTo(TcpState.CLOSED);
    }
}
