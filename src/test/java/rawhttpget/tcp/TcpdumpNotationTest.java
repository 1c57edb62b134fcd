package rawhttpget.tcp;

import org.junit.jupiter.api.Test;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.testing.CapturedFrames;
import rawhttpget.testing.Hex;

import static org.assertj.core.api.Assertions.assertThat;
import static rawhttpget.testing.CapturedFrames.CLIENT_IP;
import static rawhttpget.testing.CapturedFrames.SERVER_IP;

/**
 * Every expected line here is what tcpdump 4.99.3 printed ({@code tcpdump -n -t -r F}) for the same frames written
 * to a pcap file in the order shown, with its HTTP decoding after {@code length N} cut off: the captured Linux
 * conversation of {@link CapturedFrames}, and hand-made frames for the corner cases of the options walk.
 */
class TcpdumpNotationTest {
    /** The ISNs of the captured conversation: the client's SYN and the server's SYN-ACK. */
    private static final int CLIENT_ISN = (int) 3346131525L;
    private static final int SERVER_ISN = (int) 4150558236L;
    private static final int CRAFTED_CLIENT = Ipv4Address.parseBits("198.18.1.2");
    private static final int CRAFTED_SERVER = Ipv4Address.parseBits("198.18.1.1");

    private final TcpSegment seg = new TcpSegment();

    /** Wraps the TCP segment of an Ethernet frame carrying IPv4 with a header of any length. */
    private TcpSegment tcpOf(String frameHex) {
        byte[] frame = Hex.bytes(frameHex);
        int ipAt = 14;
        int ihl = (frame[ipAt] & 0x0F) * 4;
        int total = ((frame[ipAt + 2] & 0xFF) << 8) | (frame[ipAt + 3] & 0xFF);
        assertThat(seg.wrap(frame, ipAt + ihl, total - ihl)).isNull();
        return seg;
    }

    private String fromClient(String frameHex) {
        return TcpdumpNotation.segment(CLIENT_IP, SERVER_IP, tcpOf(frameHex), true, CLIENT_ISN, SERVER_ISN);
    }

    @Test
    void synShowsAbsoluteSequenceNumberAndOptionsInWireOrder() {
        assertThat(TcpdumpNotation.segment(CLIENT_IP, SERVER_IP, tcpOf(CapturedFrames.SYN), false, 0, 0))
                .isEqualTo("IP 198.18.0.1.40276 > 198.19.0.1.80: Flags [S], seq 3346131525, win 64240, "
                        + "options [mss 1460,sackOK,TS val 1087227661 ecr 0,nop,wscale 10], length 0");
    }

    @Test
    void synAckStaysAbsoluteEvenWhenBothIsnsAreKnown() {
        assertThat(TcpdumpNotation.segment(SERVER_IP, CLIENT_IP, tcpOf(CapturedFrames.SYN_ACK), true, SERVER_ISN,
                CLIENT_ISN))
                .isEqualTo("IP 198.19.0.1.80 > 198.18.0.1.40276: Flags [S.], seq 4150558236, ack 3346131526, win 65160, "
                        + "options [mss 1460,sackOK,TS val 1785714980 ecr 1087227661,nop,wscale 10], length 0");
    }

    @Test
    void dataSegmentShowsRelativeRangeAndAck() {
        assertThat(fromClient(CapturedFrames.HTTP_GET))
                .isEqualTo("IP 198.18.0.1.40276 > 198.19.0.1.80: Flags [P.], seq 1:78, ack 1, win 63, "
                        + "options [nop,nop,TS val 1087227662 ecr 1785714980], length 77");
    }

    @Test
    void pureAckOmitsTheSequenceNumberAndSackEdgesCountFromThePeersIsn() {
        assertThat(fromClient(CapturedFrames.ACK_WITH_THREE_SACK_BLOCKS))
                .isEqualTo("IP 198.18.0.1.40276 > 198.19.0.1.80: Flags [.], ack 38237, win 63, "
                        + "options [nop,nop,TS val 1087227665 ecr 1785714984,nop,nop,sack 3 {52973:56657}{45605:51745}"
                        + "{39465:44377}], length 0");
    }

    @Test
    void finShowsItsSequenceNumberWithoutPayload() {
        assertThat(fromClient(CapturedFrames.FIN_ACK))
                .isEqualTo("IP 198.18.0.1.40276 > 198.19.0.1.80: Flags [F.], seq 78, ack 300206, win 307, "
                        + "options [nop,nop,TS val 1087227678 ecr 1785714997], length 0");
    }

    @Test
    void segmentBeforeTheHandshakeIsAbsolute() {
        assertThat(TcpdumpNotation.segment(CLIENT_IP, SERVER_IP, tcpOf(CapturedFrames.HTTP_GET), false, CLIENT_ISN,
                SERVER_ISN)).startsWith("IP 198.18.0.1.40276 > 198.19.0.1.80: Flags [P.], seq 3346131526:3346131603, "
                + "ack 4150558237, win 63");
    }

    // Hand-made frames, 198.18.1.2.40000 > 198.18.1.1.80, seq 1000, ack 2000. Relative numbers count from 1000 and
    // 1999, as tcpdump's did in the same file (it took them from the first frame, which it printed absolute).

    private String crafted(String frameHex) {
        return TcpdumpNotation.segment(CRAFTED_CLIENT, CRAFTED_SERVER, tcpOf(frameHex), true, 1000, 1999);
    }

    private static final String HEADERS = "020000000001020000000002 0800";

    @Test
    void unknownOptionIsShownInHexAndUrgentPointerAfterTheWindow() {
        String frame = HEADERS + "450000370001000040060000c6120102c6120101 9c400050000003e8000007d0803803e800000005"
                + "0163040102020405b4000000 616263";
        assertThat(crafted(frame)).isEqualTo("IP 198.18.1.2.40000 > 198.18.1.1.80: Flags [P.U], seq 0:3, ack 1, "
                + "win 1000, urg 5, options [nop,unknown-99 0x0102,mss 1460,eol], length 3");
    }

    @Test
    void optionWhoseLengthDisagreesWithItsKindIsFlagged() {
        String frame = HEADERS + "450000300001000040060000c6120102c6120101 9c400050000003e8000007d0701003e800000000"
                + "0101020305000000";
        assertThat(crafted(frame)).isEqualTo("IP 198.18.1.2.40000 > 198.18.1.1.80: Flags [.], ack 1, win 1000, "
                + "options [nop,nop,mss 1280[len 3],eol], length 0");
    }

    @Test
    void optionRunningPastTheHeaderEndsTheLine() {
        String frame = HEADERS + "4500003c0001000040060000c6120102c6120101 9c400050000003e8000007d0a01003e800000000"
                + "01010814000000000000000000000000000000000000";
        assertThat(crafted(frame)).isEqualTo("IP 198.18.1.2.40000 > 198.18.1.1.80: Flags [.], ack 1, win 1000, "
                + "options [nop,nop,[bad opt]]");
    }

    @Test
    void sackWhoseLengthIsNoMultipleOfEightIsInvalid() {
        String frame = HEADERS + "450000320001000040060000c6120102c6120101 9c400050000003e8000007d0701003e800000000"
                + "01010506000000010000";
        assertThat(crafted(frame)).isEqualTo("IP 198.18.1.2.40000 > 198.18.1.1.80: Flags [.], seq 0:2, ack 1, "
                + "win 1000, options [nop,nop,sack invalid sack], length 2");
    }

    @Test
    void resetWithoutAckIsAbsoluteAndResetWithAckRelative() {
        String bare = HEADERS + "450000280001000040060000c6120102c6120101 9c400050000003e8000000005004 03e800000000";
        String withAck = HEADERS + "450000280001000040060000c6120102c6120101 9c400050000003e8000007d05014 03e800000000";
        assertThat(crafted(bare)).isEqualTo("IP 198.18.1.2.40000 > 198.18.1.1.80: Flags [R], seq 1000, win 1000, length 0");
        assertThat(crafted(withAck)).isEqualTo(
                "IP 198.18.1.2.40000 > 198.18.1.1.80: Flags [R.], seq 0, ack 1, win 1000, length 0");
    }
}
