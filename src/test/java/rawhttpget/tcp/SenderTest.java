package rawhttpget.tcp;

import org.junit.jupiter.api.Test;
import rawhttpget.tcp.ScriptedPeer.PeerSyn;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static rawhttpget.tcp.ScriptedPeer.MS;
import static rawhttpget.tcp.ScriptedPeer.S;
import static rawhttpget.tcp.ScriptedPeer.bytes;
import static rawhttpget.tcp.ScriptedPeer.slice;
import static rawhttpget.tcp.TcpFlags.ACK;
import static rawhttpget.tcp.TcpFlags.PSH;

/** The send side: segmentation, RFC 6298 retransmission with Karn, RFC 5681/6582 congestion control, persist. */
class SenderTest {
    private static final String REQUEST = "GET / HTTP/1.1\r\n\r\n";

    /** Data segment template: seq and payload given, ack 1, our plain window. */
    private static Seg data(int seq, byte[] payload, boolean push) {
        return Seg.ack(1, 1).flags(push ? ACK | PSH : ACK).seq(seq).window(60000).payload(payload);
    }

    @Test
    void requestIsSegmentedAtThePeerMssLessTheTimestampOption() {
        ScriptedPeer peer = ScriptedPeer.established(TcpConfig.defaults(1460), PeerSyn.linux());
        byte[] request = bytes(4000, 5);
        peer.at(20 * MS);

        peer.write(request);
        peer.poll();

        Seg template = Seg.ack(1, 1).window(32768).ts(20, 5010);
        assertThat(peer.take()).containsExactly(
                template.seq(1).payload(slice(request, 0, 1448)),
                template.seq(1449).payload(slice(request, 1448, 2896)),
                template.seq(2897).flags(ACK | PSH).payload(slice(request, 2896, 4000)));
    }

    @Test
    void requestIsSegmentedAtASmallerPeerMss() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig(), PeerSyn.mssOnly(1000));
        byte[] request = bytes(2500, 5);
        peer.at(20 * MS);

        peer.write(request);
        peer.poll();

        assertThat(peer.take()).containsExactly(
                data(1, slice(request, 0, 1000), false),
                data(1001, slice(request, 1000, 2000), false),
                data(2001, slice(request, 2000, 2500), true));
    }

    @Test
    void requestWrittenBeforeTheHandshakeCompletesLeavesWithTheFirstAck() {
        ScriptedPeer peer = ScriptedPeer.synSent(ScriptedPeer.plainConfig());
        peer.take();
        peer.write(REQUEST);
        peer.poll();
        assertThat(peer.take()).as("no data in SYN-SENT").isEmpty();

        peer.at(10 * MS);
        peer.receive(peer.synAck(PeerSyn.mssOnly(1460)));
        peer.poll();

        assertThat(peer.take()).as("the data segment carries the handshake's ACK")
                .containsExactly(data(1, REQUEST.getBytes(), true));
    }

    @Test
    void sendsNoMoreThanThePeersWindow() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig(), PeerSyn.mssOnly(1460).window(1000));
        byte[] request = bytes(2500, 5);
        peer.at(20 * MS);

        peer.write(request);
        peer.poll();
        assertThat(peer.take()).containsExactly(data(1, slice(request, 0, 1000), false));

        peer.at(30 * MS);
        peer.receive(peer.seg().ack(1001).window(1000));
        peer.poll();
        assertThat(peer.take()).containsExactly(data(1001, slice(request, 1000, 2000), false));
    }

    @Test
    void unacknowledgedRequestIsResentAtExactlyTheRtoWithBackoffAndKarn() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        // One sample of 10 ms from the SYN: SRTT 10, RTTVAR 5, RTO = max(200 ms floor, 10 + 4 * 5).
        assertThat(peer.conn.rtt().rto()).isEqualTo(200 * MS);
        peer.at(20 * MS);
        peer.write(REQUEST);
        peer.poll();
        Seg request = data(1, REQUEST.getBytes(), true);
        assertThat(peer.take()).containsExactly(request);
        assertThat(peer.conn.pollAt()).isEqualTo(220 * MS);

        peer.pollAt(220 * MS - 1);
        assertThat(peer.take()).isEmpty();
        peer.pollAt(220 * MS);
        assertThat(peer.take()).containsExactly(request);
        assertThat(peer.conn.pollAt()).as("backed off to 400 ms").isEqualTo(620 * MS);
        peer.runUntil(620 * MS);
        assertThat(peer.take()).containsExactly(request);
        assertThat(peer.conn.pollAt()).as("backed off to 800 ms").isEqualTo(1420 * MS);

        peer.at(700 * MS);
        peer.receive(peer.seg()); // acknowledges the request: which copy, nobody can tell
        assertThat(peer.conn.rtt().samples()).as("Karn: no sample from a retransmitted segment").isEqualTo(1);
        assertThat(peer.conn.rtt().rto()).as("the backed-off RTO stays until a valid sample").isEqualTo(800 * MS);
        assertThat(peer.conn.pollAt()).as("nothing outstanding").isEqualTo(700 * MS + 60 * S);
        assertThat(peer.conn.stats().retransmissions).isEqualTo(2);

        peer.at(800 * MS);
        peer.write("next");
        peer.poll();
        peer.take();
        peer.at(850 * MS);
        peer.receive(peer.seg());
        // A fresh 50 ms sample: RTTVAR = 3/4 * 5 + 1/4 * |10 - 50| = 13.75, SRTT = 7/8 * 10 + 1/8 * 50 = 15.
        assertThat(peer.conn.rtt().samples()).isEqualTo(2);
        assertThat(peer.conn.rtt().srtt()).isEqualTo(15 * MS);
        assertThat(peer.conn.rtt().rto()).as("15 + 4 * 13.75 = 70 ms, raised to the floor").isEqualTo(200 * MS);
        assertThat(peer.conn.rtt().backoffs()).isZero();
    }

    @Test
    void timeoutCollapsesTheCongestionWindowToOneSegmentAndSlowStartsAgain() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        byte[] request = bytes(20000, 1);
        peer.at(20 * MS);
        peer.write(request);
        peer.poll();
        assertThat(peer.take()).as("initial window: ten segments (RFC 6928)").hasSize(10);

        peer.pollAt(220 * MS);
        assertThat(peer.take()).containsExactly(data(1, slice(request, 0, 1460), false));
        NewReno cc = (NewReno) peer.conn.sender.congestion();
        assertThat(cc.window()).isEqualTo(1460);
        assertThat(cc.slowStartThreshold()).as("half of the 14600 bytes in flight").isEqualTo(7300);

        peer.at(230 * MS);
        peer.receive(peer.seg().ack(1461));
        peer.poll();
        assertThat(cc.window()).isEqualTo(2920);
        assertThat(peer.take()).containsExactly(
                data(1461, slice(request, 1460, 2920), false),
                data(2921, slice(request, 2920, 4380), false));
    }

    @Test
    void threeDuplicateAcksTriggerFastRetransmitAndNewRenoRecovery() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        byte[] request = bytes(7300, 1);
        peer.at(20 * MS);
        peer.write(request);
        peer.poll();
        assertThat(peer.take()).hasSize(5);

        peer.at(30 * MS);
        peer.receive(peer.seg().ack(1461));
        for (int i = 0; i < 2; i++) {
            peer.receive(peer.seg().ack(1461));
            peer.poll();
        }
        assertThat(peer.take()).as("two duplicates are not enough").isEmpty();

        peer.receive(peer.seg().ack(1461));
        peer.poll();
        assertThat(peer.take()).containsExactly(data(1461, slice(request, 1460, 2920), true));
        NewReno cc = (NewReno) peer.conn.sender.congestion();
        assertThat(cc.slowStartThreshold()).as("max(5840 in flight / 2, 2 MSS)").isEqualTo(2920);
        assertThat(cc.window()).as("ssthresh + 3 MSS").isEqualTo(7300);

        peer.receive(peer.seg().ack(1461));
        assertThat(cc.window()).as("each further duplicate inflates by one MSS").isEqualTo(8760);

        peer.at(40 * MS);
        peer.receive(peer.seg().ack(2921)); // partial ACK: the next hole is resent at once (RFC 6582 §3.2 step 5)
        peer.poll();
        assertThat(peer.take()).containsExactly(data(2921, slice(request, 2920, 4380), true));
        assertThat(cc.window()).as("deflated by 1460 acked, one MSS added back").isEqualTo(8760);

        peer.receive(peer.seg().ack(7301)); // full ACK: recovery ends at ssthresh
        assertThat(cc.window()).isEqualTo(2920);
        assertThat(peer.conn.stats().retransmissions).isEqualTo(2);
    }

    @Test
    void zeroPeerWindowIsProbedWithBackoffUntilItOpens() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig(), PeerSyn.mssOnly(1460).window(0));
        peer.at(20 * MS);
        peer.write(REQUEST);
        peer.poll();
        assertThat(peer.take()).as("a zero window: nothing may leave").isEmpty();
        assertThat(peer.conn.pollAt()).as("first probe after one RTO").isEqualTo(220 * MS);

        peer.peerWindow = 0;
        Seg probe = Seg.ack(0, 1).window(60000); // Linux's probe: SND.UNA - 1, no data
        peer.runUntil(220 * MS);
        assertThat(peer.take()).containsExactly(probe);
        for (long at : new long[] {620, 1420, 3020}) {
            peer.receive(peer.seg().window(0)); // the server answers each probe: still closed
            peer.runUntil(at * MS);
            assertThat(peer.take()).as("probe at %d ms", at).containsExactly(probe);
            assertThat(peer.now).isEqualTo(at * MS);
        }

        peer.receive(peer.seg().window(1000));
        peer.poll();
        assertThat(peer.take()).containsExactly(data(1, REQUEST.getBytes(), true));
    }

    @Test
    void probesNeverWaitLongerThanHalfTheIdleTimeoutSoAnAnsweringPeerIsNotTimedOut() {
        TcpConfig config = ScriptedPeer.plainConfig().withIdleTimeout(3 * S);
        ScriptedPeer peer = ScriptedPeer.established(config, PeerSyn.mssOnly(1460).window(0));
        peer.at(20 * MS);
        peer.write(REQUEST);
        peer.poll();
        peer.peerWindow = 0;
        Seg probe = Seg.ack(0, 1).window(60000);

        // 220, 620 and 1420 ms as the backoff has it, then every 1.5 s (half of -T 3) instead of 1.6, 3.2 s and more.
        for (long at : new long[] {220, 620, 1420, 2920, 4420, 5920, 7420}) {
            peer.runUntil(at * MS);
            assertThat(peer.take()).as("probe at %d ms", at).containsExactly(probe);
            assertThat(peer.now).isEqualTo(at * MS);
            peer.receive(peer.seg().window(0)); // answered: the peer is alive, its window still shut
        }
        assertThat(peer.conn.state()).isEqualTo(TcpState.ESTABLISHED);

        peer.receive(peer.seg().window(1000));
        peer.poll();
        assertThat(peer.take()).containsExactly(data(1, REQUEST.getBytes(), true));
    }

    @Test
    void zeroWindowProbeCarriesTheCurrentTimestamp() {
        ScriptedPeer peer = ScriptedPeer.established(TcpConfig.defaults(1460), PeerSyn.linux().window(0));
        peer.at(20 * MS);
        peer.write(REQUEST);
        peer.poll();
        int rto = (int) (peer.conn.rtt().rto() / MS);

        peer.runUntil(20 * MS + rto * MS);

        // A TSval from the past would be dropped by the server's PAWS check (RFC 7323 §5.3).
        assertThat(peer.take()).containsExactly(Seg.ack(0, 1).window(32768).ts(20 + rto, 5010));
    }

    @Test
    void idleTimeoutInEstablishedResetsThePeer() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());

        peer.runUntil(200 * S);

        assertThat(peer.now).isEqualTo(10 * MS + 60 * S);
        assertThat(peer.take()).containsExactly(Seg.rst(1));
        assertThat(peer.conn.failure()).isEqualTo(TcpFailure.TIMED_OUT);
    }

    @Test
    void acknowledgedRequestFreesTheSendBuffer() {
        ScriptedPeer peer = ScriptedPeer.established(ScriptedPeer.plainConfig());
        peer.at(20 * MS);
        peer.write(REQUEST);
        peer.poll();
        peer.take();

        peer.at(30 * MS);
        peer.receive(peer.seg());

        assertThat(peer.conn.sender.buffer().base()).isEqualTo(REQUEST.length());
        assertThat(peer.conn.sender.buffer().end()).isEqualTo(REQUEST.length());
        assertThat(peer.conn.pollAt()).isEqualTo(30 * MS + 60 * S);
        assertThat(List.of(peer.conn.rtt().samples())).containsExactly(2L);
    }
}
