package rawhttpget.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static rawhttpget.stack.ScriptedServerHost.MS;
import static rawhttpget.stack.ScriptedServerHost.S;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import rawhttpget.arp.ArpPacket;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.MacAddress;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpFailure;
import rawhttpget.tcp.TcpFlags;
import rawhttpget.tcp.TcpState;

/**
 * What a hostile or broken peer (or an off-path attacker who guesses the ports) can send, against the whole stack
 * in virtual time: none of it may end the connection, corrupt the bytes the application reads, or move our frames
 * to another MAC. The same scenarios run end to end in {@code e2e.HostileTcpEndToEndTest}.
 */
class AdversarialSegmentsTest {
    private static final String REQUEST = "GET /f HTTP/1.1\r\nHost: x\r\n\r\n";

    @Test
    void blindResetOutsideTheWindowIsIgnoredSilently() {
        ScriptedServerHost h = ScriptedServerHost.established(REQUEST);
        h.receive(h.data("abc"));
        h.take();

        h.receive(h.seg(TcpFlags.RST, h.nextSeq + 10_000_000, 0, 0, new byte[0]));

        assertThat(h.take()).as("RFC 5961 §3.2: a RST outside the window is dropped without an answer").isEmpty();
        assertThat(h.connection.state()).isEqualTo(TcpState.ESTABLISHED);
        h.receive(h.data("def"));
        assertThat(h.delivered()).isEqualTo("abcdef");
    }

    @Test
    void resetInTheWindowButNotAtTheNextSequenceDrawsAChallengeAckAndOnlyAnExactOneResets() {
        ScriptedServerHost h = ScriptedServerHost.established(REQUEST);
        h.receive(h.data("abc"));
        h.take();

        h.receive(h.seg(TcpFlags.RST, h.nextSeq + 100, 0, 0, new byte[0]));

        List<ScriptedServerHost.Sent> challenge = h.take();
        assertThat(challenge).hasSize(1);
        assertThat(challenge.get(0).flags()).isEqualTo(TcpFlags.ACK);
        assertThat(challenge.get(0).ack()).as("the challenge ACK names the sequence we expect").isEqualTo(h.nextSeq);
        assertThat(h.connection.state()).isEqualTo(TcpState.ESTABLISHED);

        h.receive(h.seg(TcpFlags.RST, h.nextSeq, 0, 0, new byte[0]));
        assertThat(h.connection.failure()).isEqualTo(TcpFailure.RESET);
        assertThat(h.delivered()).isEqualTo("abc");
    }

    @Test
    void dataBeyondTheWindowIsDroppedAndAnsweredWithTheAckWeExpect() {
        ScriptedServerHost h = ScriptedServerHost.established(REQUEST);
        h.receive(h.data("abc"));
        h.take();
        int window = h.config.receiveBuffer();

        h.receive(h.seg(TcpFlags.ACK, h.nextSeq + window + 1000, 1 + h.requestLength, 65535, bytes("XXXX")));
        h.receive(h.seg(TcpFlags.ACK, h.nextSeq - 2_000_000, 1 + h.requestLength, 65535, bytes("YYYY")));

        List<ScriptedServerHost.Sent> acks = h.take();
        assertThat(acks).hasSize(2).allSatisfy(a -> {
            assertThat(a.flags()).isEqualTo(TcpFlags.ACK);
            assertThat(a.ack()).isEqualTo(h.nextSeq);
            assertThat(a.payload()).isEmpty();
        });
        h.receive(h.data("def"));
        assertThat(h.delivered()).isEqualTo("abcdef");
        assertThat(h.connection.state()).isEqualTo(TcpState.ESTABLISHED);
    }

    @Test
    void retransmissionOverlappingDeliveredDataWithOtherBytesChangesNothing() {
        ScriptedServerHost h = ScriptedServerHost.established(REQUEST);
        h.receive(h.data("0123456789"));

        // Bytes 5..9 again but different, then 5 new bytes.
        h.receive(h.seg(TcpFlags.ACK, 1 + 5, 1 + h.requestLength, 65535, bytes("XXXXXabcde")));

        assertThat(h.delivered()).isEqualTo("0123456789abcde");
    }

    @Test
    void retransmissionOverlappingHeldOutOfOrderDataWithOtherBytesKeepsTheFirstCopy() {
        ScriptedServerHost h = ScriptedServerHost.established(REQUEST);
        h.receive(h.seg(TcpFlags.ACK, 1 + 10, 1 + h.requestLength, 65535, bytes("KLMNOPQRST")));
        assertThat(h.delivered()).isEmpty();

        // Fills the hole, and claims different bytes for the 10 held beyond it, and 5 more.
        h.receive(h.seg(TcpFlags.ACK, 1, 1 + h.requestLength, 65535, bytes("ABCDEFGHIJxxxxxxxxxxUVWXY")));

        assertThat(h.delivered()).isEqualTo("ABCDEFGHIJKLMNOPQRSTUVWXY");
    }

    @Test
    void synAckAcknowledgingTheWrongSequenceIsResetAndTheRealOneIsStillAccepted() {
        ScriptedServerHost h = new ScriptedServerHost(TcpConfig.defaults(1460).withReceiveBuffer(60000));
        h.connect(REQUEST);

        h.synAck(1000, 1460, 65535);

        List<ScriptedServerHost.Sent> reset = h.take();
        assertThat(reset).hasSize(1);
        assertThat(reset.get(0).flags()).isEqualTo(TcpFlags.RST);
        assertThat(reset.get(0).seq()).as("RFC 9293 §3.10.7.3: <SEQ=SEG.ACK><CTL=RST>").isEqualTo(1000);
        assertThat(h.connection.state()).isEqualTo(TcpState.SYN_SENT);

        h.synAck(1, 1460, 65535);
        assertThat(h.connection.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(h.take()).anySatisfy(s -> assertThat(new String(s.payload())).isEqualTo(REQUEST));
    }

    @Test
    void mssOfOneIsRaisedToTheFloorSoTheRequestLeavesInSegmentsOf48Bytes() {
        ScriptedServerHost h = new ScriptedServerHost(TcpConfig.defaults(1460).withReceiveBuffer(60000)
                .withOptions(false, false, false));
        String request = "GET /" + "a".repeat(150) + " HTTP/1.1\r\nHost: x\r\n\r\n";
        h.connect(request);

        h.synAck(1, 1, 65535);
        h.runUntil(h.now + 5 * S);
        // Acknowledge whatever arrives so the congestion window lets the rest out.
        StringBuilder sentRequest = new StringBuilder();
        for (int round = 0; round < 20 && sentRequest.length() < request.length(); round++) {
            for (ScriptedServerHost.Sent s : h.take()) {
                assertThat(s.payload().length).isLessThanOrEqualTo(48);
                if (s.payload().length > 0 && s.seq() == 1 + sentRequest.length()) {
                    sentRequest.append(new String(s.payload()));
                }
            }
            h.receive(h.seg(TcpFlags.ACK, 1, 1 + sentRequest.length(), 65535, new byte[0]));
            h.runUntil(h.now + 10 * MS);
        }
        assertThat(sentRequest.toString()).isEqualTo(request);
    }

    @Test
    void zeroWindowHeldForTwoMinutesIsProbedWithBackoffThenTheRequestGoesOut() {
        ScriptedServerHost h = new ScriptedServerHost(TcpConfig.defaults(1460).withReceiveBuffer(60000)
                .withOptions(false, false, false));
        h.connect(REQUEST);
        h.synAck(1, 1460, 0);
        h.take(); // the ACK of the SYN-ACK: no data may go into a zero window

        long opened = h.now + 120 * S;
        int probes = 0;
        while (h.now < opened) {
            long next = Math.min(h.stack.pollAt(), opened);
            h.now = next;
            h.step();
            for (ScriptedServerHost.Sent s : h.take()) {
                assertThat(s.payload().length).as("a probe carries at most one byte").isLessThanOrEqualTo(1);
                probes++;
                // The server keeps its window shut and says so: answering keeps the connection alive.
                h.receive(h.seg(TcpFlags.ACK, 1, 1, 0, new byte[0]));
            }
        }
        assertThat(h.connection.state()).as("answered probes keep it open past the idle timeout")
                .isEqualTo(TcpState.ESTABLISHED);
        assertThat(probes).as("probes back off exponentially (RFC 9293 §3.8.6.1), not one per RTO")
                .isBetween(3, 20);

        h.receive(h.seg(TcpFlags.ACK, 1, 1, 65535, new byte[0]));
        h.runUntil(h.now + 10 * MS);
        StringBuilder out = new StringBuilder();
        h.take().forEach(s -> out.append(new String(s.payload())));
        assertThat(out.toString()).endsWith(REQUEST.substring(1)).contains(REQUEST.substring(0, 1));
    }

    @Test
    void arpReplyClaimingTheServerFromAnotherMacIsLoggedAtWarnAndTheConnectionKeepsItsMac() {
        ListAppender<ILoggingEvent> arpLog = capture("rawhttpget.arp");
        ScriptedServerHost h = ScriptedServerHost.established(REQUEST);
        h.receive(h.data("abc"));
        h.take();
        long impostor = 0x02_66_66_66_66_66L;

        h.receive(ScriptedServerHost.arp(ArpPacket.OP_REPLY, impostor, ScriptedServerHost.OUR_MAC));
        h.receive(ScriptedServerHost.arp(ArpPacket.OP_REQUEST, impostor, MacAddress.BROADCAST.bits()));
        h.receive(h.data("def"));
        h.receive(h.seg(TcpFlags.RST, h.nextSeq + 5, 0, 0, new byte[0])); // draws an immediate ACK

        List<ScriptedServerHost.Sent> after = h.take();
        assertThat(after).isNotEmpty().allSatisfy(s -> {
            assertThat(s.etherType()).isEqualTo(EthernetFrame.TYPE_IPV4);
            assertThat(s.destinationMac()).isEqualTo(ScriptedServerHost.SERVER_MAC);
        });
        assertThat(h.delivered()).isEqualTo("abcdef");
        assertThat(arpLog.list).filteredOn(e -> e.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("198.18.0.2", "02:66:66:66:66:66", "02:00:00:00:00:02"));
        ((Logger) LoggerFactory.getLogger("rawhttpget.arp")).detachAppender(arpLog);
    }

    private static ListAppender<ILoggingEvent> capture(String logger) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(logger)).addAppender(appender);
        return appender;
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
