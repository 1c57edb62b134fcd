package rawhttpget.tcp;

import org.junit.jupiter.api.Test;
import rawhttpget.tcp.ScriptedPeer.PeerSyn;

import static org.assertj.core.api.Assertions.assertThat;
import static rawhttpget.tcp.ScriptedPeer.MS;
import static rawhttpget.tcp.ScriptedPeer.S;
import static rawhttpget.tcp.TcpFlags.ACK;
import static rawhttpget.tcp.TcpFlags.RST;
import static rawhttpget.tcp.TcpFlags.SYN;

class HandshakeTest {

    private static final Seg.Opts LINUX_SYN_OPTIONS = new Seg.Opts(1460, 7, true, new Seg.Ts(0, 0), java.util.List.of());

    @Test
    void synCarriesMssSackTimestampsAndWindowScaleInLinuxOrder() {
        ScriptedPeer peer = ScriptedPeer.synSent(TcpConfig.defaults(1460));

        // 4 MiB of buffer needs shift 7; the SYN's own window is never scaled, so it is capped at 65535.
        assertThat(peer.take()).containsExactly(new Seg(SYN, 0, 0, 65535, LINUX_SYN_OPTIONS, Seg.NO_DATA));
        byte[] options = ScriptedPeer.slice(peer.lastRaw, 20, peer.lastRaw.length);
        int tsVal = peer.iss; // our timestamp clock is milliseconds plus the ISS, and it is time 0
        assertThat(options).containsExactly(
                2, 4, 0x05, (byte) 0xB4,                      // mss 1460
                4, 2,                                          // sackOK
                8, 10, (byte) (tsVal >>> 24), (byte) (tsVal >>> 16), (byte) (tsVal >>> 8), (byte) tsVal, 0, 0, 0, 0,
                1, 3, 3, 7);                                   // nop, wscale 7
        assertThat(peer.conn.state()).isEqualTo(TcpState.SYN_SENT);
    }

    @Test
    void synTimestampIsTheMillisecondClockPlusTheGivenOffset() {
        int offset = 0x5a5a_0000;
        ScriptedPeer peer = new ScriptedPeer(TcpConfig.defaults(1460), ScriptedPeer.DEFAULT_ISS,
                ScriptedPeer.DEFAULT_IRS, offset);
        peer.at(250 * MS);
        peer.conn.connect(250 * MS);
        peer.poll();

        peer.take();
        byte[] options = ScriptedPeer.slice(peer.lastRaw, 20, peer.lastRaw.length);
        int tsVal = offset + 250; // not the ISS: the offset the stack chose for this address pair
        assertThat(ScriptedPeer.slice(options, 6, 16)).containsExactly(
                8, 10, (byte) (tsVal >>> 24), (byte) (tsVal >>> 16), (byte) (tsVal >>> 8), (byte) tsVal, 0, 0, 0, 0);
    }

    @Test
    void synCarriesOnlyTheOptionsTheConfigAllows() {
        ScriptedPeer peer = ScriptedPeer.synSent(TcpConfig.defaults(1400).withOptions(false, false, false));

        assertThat(peer.take()).containsExactly(
                new Seg(SYN, 0, 0, 65535, new Seg.Opts(1400, -1, false, null, java.util.List.of()), Seg.NO_DATA));
    }

    @Test
    void synAckEstablishesAndIsAcknowledgedWithAgreedOptions() {
        ScriptedPeer peer = ScriptedPeer.synSent(TcpConfig.defaults(1460));
        peer.take();

        peer.at(10 * MS);
        peer.receive(peer.synAck(PeerSyn.linux()));
        assertThat(peer.conn.state()).isEqualTo(TcpState.ESTABLISHED);
        peer.poll();

        // Window: 4 MiB >> 7 = 32768. TS: our clock reads 10 ms; we echo the server's SYN-ACK TSval.
        assertThat(peer.take()).containsExactly(Seg.ack(1, 1).window(32768).ts(10, 5010));
        TcpConnection c = peer.conn;
        assertThat(c.sender.sendShift()).isEqualTo(7);
        assertThat(c.receiver.activeShift()).isEqualTo(7);
        assertThat(c.sackOn()).isTrue();
        assertThat(c.timestampsOn()).isTrue();
        assertThat(c.sender.sendMss()).as("peer MSS minus 12 bytes of timestamps").isEqualTo(1448);
        assertThat(c.sender.peerWindow()).as("the SYN-ACK window is never scaled").isEqualTo(65160);
        assertThat(c.rtt().srtt()).as("RTT from the SYN-ACK's echoed timestamp").isEqualTo(10 * MS);
        assertThat(peer.conn.pollAt()).as("nothing outstanding: only the idle timeout").isEqualTo(10 * MS + 60 * S);
    }

    @Test
    void peerWithoutOptionsGetsAnUnscaledWindowCappedAt65535AndNoOptions() {
        ScriptedPeer peer = ScriptedPeer.synSent(TcpConfig.defaults(1460));
        peer.take();

        peer.at(10 * MS);
        peer.receive(peer.synAck(PeerSyn.mssOnly(1400)));
        peer.poll();

        assertThat(peer.take()).containsExactly(Seg.ack(1, 1).window(65535));
        TcpConnection c = peer.conn;
        assertThat(c.sender.sendShift()).isZero();
        assertThat(c.receiver.activeShift()).isZero();
        assertThat(c.sackOn()).isFalse();
        assertThat(c.timestampsOn()).isFalse();
        assertThat(c.sender.sendMss()).isEqualTo(1400);
    }

    @Test
    void peerWithoutMssOptionGetsTheRfcDefault536() {
        ScriptedPeer peer = ScriptedPeer.synSent(ScriptedPeer.plainConfig());
        peer.take();

        peer.receive(peer.synAck(new PeerSyn(-1, -1, false, false, 65535)));

        assertThat(peer.conn.sender.sendMss()).isEqualTo(536);
    }

    @Test
    void retransmitsSynWithExponentialBackoffThenTimesOut() {
        ScriptedPeer peer = ScriptedPeer.synSent(ScriptedPeer.plainConfig());
        Seg syn = new Seg(SYN, 0, 0, 60000, new Seg.Opts(1460, 0, true, null, java.util.List.of()), Seg.NO_DATA);
        assertThat(peer.take()).containsExactly(syn);
        assertThat(peer.conn.pollAt()).isEqualTo(1 * S);

        peer.pollAt(1 * S - 1);
        assertThat(peer.take()).isEmpty();
        peer.pollAt(1 * S);
        assertThat(peer.take()).containsExactly(syn);

        peer.runUntil(1000 * S);

        // 1 s, then doubling: +2 s, +4 s, +8 s, +16 s; the next (at 63 s) never comes: 60 s of silence ends it.
        assertThat(peer.takeTimes()).containsExactly(3 * S, 7 * S, 15 * S, 31 * S);
        assertThat(peer.now).isEqualTo(60 * S);
        assertThat(peer.conn.state()).isEqualTo(TcpState.CLOSED);
        assertThat(peer.conn.failure()).isEqualTo(TcpFailure.TIMED_OUT);
        assertThat(peer.conn.stats().retransmissions).as("five SYNs resent, each counted once").isEqualTo(5);
        assertThat(peer.conn.pollAt()).isEqualTo(ScriptedPeer.NEVER);
    }

    @Test
    void theConnectTimeoutEndsAHandshakeAndTheIdleTimeoutThenCountsOnceConnected() {
        // wget's --connect-timeout=10 with --read-timeout=60: the SYN gets 10 s, not the 60 of silence.
        ScriptedPeer peer = ScriptedPeer.synSent(ScriptedPeer.plainConfig().withConnectTimeout(10 * S));
        peer.take();

        peer.runUntil(1000 * S);

        assertThat(peer.takeTimes()).containsExactly(1 * S, 3 * S, 7 * S);
        assertThat(peer.now).isEqualTo(10 * S);
        assertThat(peer.conn.failure()).isEqualTo(TcpFailure.TIMED_OUT);
    }

    @Test
    void onceConnectedTheConnectTimeoutNoLongerCounts() {
        ScriptedPeer peer = ScriptedPeer.synSent(ScriptedPeer.plainConfig().withConnectTimeout(1 * S - 1));
        peer.take();
        peer.receive(peer.synAck(new PeerSyn(1460, -1, false, false, 65535)));
        assertThat(peer.conn.state()).isEqualTo(TcpState.ESTABLISHED);

        long connectedAt = peer.now;

        peer.runUntil(1000 * S);

        // The read timeout's 60 s of silence end it, not the connect timeout's 1 s.
        assertThat(peer.now - connectedAt).isEqualTo(60 * S);
        assertThat(peer.conn.failure()).isEqualTo(TcpFailure.TIMED_OUT);
    }

    @Test
    void retransmittedSynGivesNoRttSample() {
        ScriptedPeer peer = ScriptedPeer.synSent(ScriptedPeer.plainConfig());
        peer.pollAt(1 * S);
        peer.take();

        peer.at(1 * S + 10 * MS);
        peer.receive(peer.synAck(PeerSyn.mssOnly(1460)));

        // Karn: the SYN-ACK may answer either SYN, so it is not timed; the backed-off RTO stays.
        assertThat(peer.conn.rtt().samples()).isZero();
        assertThat(peer.conn.rtt().rto()).isEqualTo(2 * S);
    }

    @Test
    void synAckAcknowledgingTheWrongSequenceIsResetAndTheConnectionWaits() {
        ScriptedPeer peer = ScriptedPeer.synSent(ScriptedPeer.plainConfig());
        peer.take();

        peer.at(10 * MS);
        peer.receive(peer.synAck(PeerSyn.mssOnly(1460)).ack(5));
        peer.poll();
        // RFC 9293 §3.10.7.3: <SEQ=SEG.ACK><CTL=RST>, and the connection stays in SYN-SENT.
        assertThat(peer.take()).containsExactly(Seg.rst(5));
        assertThat(peer.conn.state()).isEqualTo(TcpState.SYN_SENT);

        peer.receive(peer.synAck(PeerSyn.mssOnly(1460)).ack(0)); // acknowledges the ISS itself: also not ours
        peer.poll();
        assertThat(peer.take()).containsExactly(Seg.rst(0));
        assertThat(peer.conn.state()).isEqualTo(TcpState.SYN_SENT);

        peer.receive(peer.synAck(PeerSyn.mssOnly(1460)));
        peer.poll();
        assertThat(peer.conn.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(peer.take()).containsExactly(Seg.ack(1, 1).window(60000));
    }

    @Test
    void resetWithAnUnacceptableAckInSynSentIsDroppedWithoutAnswer() {
        ScriptedPeer peer = ScriptedPeer.synSent(ScriptedPeer.plainConfig());
        peer.take();

        peer.receive(peer.seg().flags(RST | ACK).seq(0).ack(7));
        peer.poll();

        assertThat(peer.take()).isEmpty();
        assertThat(peer.conn.state()).isEqualTo(TcpState.SYN_SENT);
    }

    @Test
    void resetWithoutAckInSynSentIsIgnored() {
        ScriptedPeer peer = ScriptedPeer.synSent(ScriptedPeer.plainConfig());
        peer.take();

        peer.receive(peer.seg().flags(RST).seq(0).ack(0));
        peer.poll();

        assertThat(peer.take()).isEmpty();
        assertThat(peer.conn.state()).isEqualTo(TcpState.SYN_SENT);
    }

    @Test
    void resetAcknowledgingOurSynIsConnectionRefused() {
        ScriptedPeer peer = ScriptedPeer.synSent(ScriptedPeer.plainConfig());
        peer.take();

        peer.at(10 * MS);
        peer.receive(peer.seg().flags(RST | ACK).seq(0).ack(1));
        peer.poll();

        assertThat(peer.conn.state()).isEqualTo(TcpState.CLOSED);
        assertThat(peer.conn.failure()).isEqualTo(TcpFailure.REFUSED);
        assertThat(peer.take()).isEmpty();
        assertThat(peer.conn.pollAt()).isEqualTo(ScriptedPeer.NEVER);
    }

    @Test
    void synAckWithoutSynIsDroppedInSynSent() {
        ScriptedPeer peer = ScriptedPeer.synSent(ScriptedPeer.plainConfig());
        peer.take();

        peer.receive(peer.seg().flags(ACK).seq(0).ack(1));
        peer.poll();

        assertThat(peer.take()).isEmpty();
        assertThat(peer.conn.state()).isEqualTo(TcpState.SYN_SENT);
    }
}
