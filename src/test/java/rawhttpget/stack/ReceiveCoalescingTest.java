package rawhttpget.stack;

import static rawhttpget.stack.StackTestBytes.drain;
import static rawhttpget.stack.StackTestBytes.pattern;
import static rawhttpget.stack.StackTestBytes.sequenceOf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.MacAddress;
import rawhttpget.ipv4.Ipv4Packet;
import rawhttpget.ipv4.Route;
import rawhttpget.link.MemoryLink;
import rawhttpget.tcp.IsnGenerator;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpFlags;
import rawhttpget.tcp.TcpSegment;
import rawhttpget.tcp.TcpState;

/**
 * GRO/LRO super-frames: accepted without a verifiable checksum only when the interface coalesces and the
 * frame could not have crossed the wire in one piece; every other bad checksum is still dropped.
 */
class ReceiveCoalescingTest {
    private static final int OUR_IP = 0xC6120102;  // 198.18.1.2
    private static final int SERVER_IP = 0xC6120101; // 198.18.1.1
    private static final long OUR_MAC = 0x02_00_00_00_00_02L;
    private static final long SERVER_MAC = 0x02_00_00_00_00_01L;
    private static final int LOCAL_PORT = 40000;
    private static final int MTU = 1500;
    private static final long MS = 1_000_000L;

    private MemoryLink ours;
    private MemoryLink server;
    private int serverSeq;
    private int ourSeq;

    @BeforeEach
    void links() {
        MemoryLink[] pair = MemoryLink.pair();
        ours = pair[0];
        server = pair[1];
    }

    @Test
    void acceptsASuperFrameWithAnUnverifiableChecksumWhenGroIsOn() {
        NetworkStack stack = stack(ReceiveCoalescing.aboveMtu(MTU));
        TcpConnection c = establish(stack);
        byte[] payload = pattern(2 * 1448 + 100);

        server.send(withBrokenChecksum(segment(serverSeq, TcpFlags.ACK | TcpFlags.PSH, payload)), 0,
                frameLength(payload));
        stack.poll(2 * MS);

        assertThat(drain(c)).isEqualTo(payload);
        assertThat(stack.stats().coalescedSegments).isEqualTo(1);
        assertThat(stack.stats().dropped(DropReason.TCP_CHECKSUM)).isZero();
    }

    @Test
    void dropsTheSameSuperFrameWhenTheInterfaceDoesNotCoalesce() {
        NetworkStack stack = stack(ReceiveCoalescing.OFF);
        TcpConnection c = establish(stack);
        byte[] payload = pattern(2 * 1448 + 100);

        byte[] frame = withBrokenChecksum(segment(serverSeq, TcpFlags.ACK | TcpFlags.PSH, payload));
        server.send(frame, 0, frame.length);
        stack.poll(2 * MS);

        assertThat(c.readable()).isZero();
        assertThat(stack.stats().dropped(DropReason.TCP_CHECKSUM)).isEqualTo(1);
        assertThat(stack.stats().coalescedSegments).isZero();
    }

    @Test
    void stillDropsAFrameThatFitsTheMtuAndFailsItsChecksum() {
        NetworkStack stack = stack(ReceiveCoalescing.aboveMtu(MTU));
        TcpConnection c = establish(stack);
        byte[] payload = pattern(MTU - 40); // exactly one MTU: could have come off the wire, so must verify

        byte[] frame = withBrokenChecksum(segment(serverSeq, TcpFlags.ACK, payload));
        server.send(frame, 0, frame.length);
        stack.poll(2 * MS);

        assertThat(c.readable()).isZero();
        assertThat(stack.stats().dropped(DropReason.TCP_CHECKSUM)).isEqualTo(1);
    }

    @ParameterizedTest(name = "flags {0}, payload {1}, trailing {2}: vouched {3}")
    @CsvSource({
        "ACK,         2000, 0, true",
        "ACK|PSH|FIN, 2000, 0, true",
        "ACK,         1461, 0, true",
        "ACK,         1460, 0, false",   // IPv4 total 1500: fits the MTU
        "ACK,         2000, 4, false",   // bytes after the IPv4 packet: not how GRO builds a frame
        "PSH,         2000, 0, false",   // no ACK
        "ACK|SYN,     2000, 0, false",
        "ACK|RST,     2000, 0, false",
        "ACK|URG,     2000, 0, false",
        "ACK,            0, 0, false",   // no data: nothing to coalesce
    })
    void vouchesOnlyForWhatGroCouldHaveBuilt(String flags, int payloadLength, int trailing, boolean vouched) {
        int tcpFlags = Arrays.stream(flags.split("\\|")).mapToInt(ReceiveCoalescingTest::flag).reduce(0, (a, b) -> a | b);
        byte[] frame = Arrays.copyOf(segment(1, tcpFlags, pattern(payloadLength)), frameLength(pattern(payloadLength)) + trailing);
        EthernetFrame ethernet = new EthernetFrame();
        Ipv4Packet ip = new Ipv4Packet();
        TcpSegment tcp = new TcpSegment();
        assertThat(ethernet.wrap(frame, 0, frame.length)).isNull();
        assertThat(ip.wrap(frame, ethernet.payloadOffset(), ethernet.payloadLength())).isNull();
        assertThat(tcp.wrap(frame, ip.payloadOffset(), ip.payloadLength())).isNull();

        assertThat(ReceiveCoalescing.aboveMtu(MTU).vouchesFor(ip, ethernet.payloadLength(), tcp)).isEqualTo(vouched);
        assertThat(ReceiveCoalescing.OFF.vouchesFor(ip, ethernet.payloadLength(), tcp)).isFalse();
    }

    @Test
    void neverVouchesForAPacketWithIpOptionsWhichGroDoesNotMerge() {
        byte[] plain = segment(1, TcpFlags.ACK, pattern(2000));
        // Rebuild with a 24-byte IPv4 header (one 4-byte NOP/EOL option word).
        byte[] frame = new byte[plain.length + 4];
        System.arraycopy(plain, 0, frame, 0, 14);
        System.arraycopy(plain, 14, frame, 14, 20);
        System.arraycopy(plain, 34, frame, 38, plain.length - 34);
        frame[14] = 0x46;
        int total = plain.length - 14 + 4;
        frame[16] = (byte) (total >>> 8);
        frame[17] = (byte) total;
        frame[24] = 0;
        frame[25] = 0;
        int sum = 0;
        for (int i = 14; i < 38; i += 2) {
            sum += ((frame[i] & 0xFF) << 8) | (frame[i + 1] & 0xFF);
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        frame[24] = (byte) (~sum >>> 8);
        frame[25] = (byte) ~sum;
        Ipv4Packet ip = new Ipv4Packet();
        TcpSegment tcp = new TcpSegment();
        assertThat(ip.wrap(frame, 14, frame.length - 14)).isNull();
        assertThat(ip.headerLength()).isEqualTo(24);
        assertThat(tcp.wrap(frame, ip.payloadOffset(), ip.payloadLength())).isNull();

        assertThat(ReceiveCoalescing.aboveMtu(MTU).vouchesFor(ip, frame.length - 14, tcp)).isFalse();
    }

    private static int flag(String name) {
        return switch (name.strip()) {
            case "ACK" -> TcpFlags.ACK;
            case "PSH" -> TcpFlags.PSH;
            case "FIN" -> TcpFlags.FIN;
            case "SYN" -> TcpFlags.SYN;
            case "RST" -> TcpFlags.RST;
            case "URG" -> TcpFlags.URG;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private NetworkStack stack(ReceiveCoalescing coalescing) {
        return new NetworkStack(ours, LinkKind.ETHERNET, new MacAddress(OUR_MAC), new Route(OUR_IP, 24, 0), false,
                new IsnGenerator(new byte[32]), coalescing);
    }

    /** Connects, answers the SYN with a SYN-ACK from the server, and checks the connection is up. */
    private TcpConnection establish(NetworkStack stack) {
        stack.pinNextHop(SERVER_IP, SERVER_MAC);
        TcpConnection c = stack.connect(TcpConfig.defaults(MTU - 40), LOCAL_PORT, SERVER_IP, 80, 0);
        stack.poll(0);
        byte[] syn = server.poll();
        assertThat(syn).as("SYN sent").isNotNull();
        ourSeq = sequenceOf(syn) + 1;
        serverSeq = 1_000_000;
        byte[] synAck = segment(serverSeq, TcpFlags.SYN | TcpFlags.ACK, new byte[0]);
        server.send(synAck, 0, synAck.length);
        serverSeq++;
        stack.poll(MS);
        assertThat(c.state()).isEqualTo(TcpState.ESTABLISHED);
        while (server.poll() != null) {
            // the handshake's ACK
        }
        return c;
    }

    /** A server-to-us frame with a correct checksum. */
    private byte[] segment(int seq, int flags, byte[] payload) {
        byte[] frame = new byte[frameLength(payload)];
        int tcpAt = EthernetFrame.emitHeader(frame, 0, OUR_MAC, SERVER_MAC, EthernetFrame.TYPE_IPV4);
        int tcpLength = TcpSegment.MIN_HEADER_LENGTH + payload.length;
        int at = Ipv4Packet.emitHeader(frame, tcpAt, SERVER_IP, OUR_IP, Ipv4Packet.PROTOCOL_TCP, tcpLength, 7, 64);
        int data = TcpSegment.emitHeader(frame, at, 80, LOCAL_PORT, seq, ourSeq, flags, 65535, null);
        System.arraycopy(payload, 0, frame, data, payload.length);
        TcpSegment.fillChecksum(frame, at, tcpLength, SERVER_IP, OUR_IP);
        return frame;
    }

    private static int frameLength(byte[] payload) {
        return EthernetFrame.HEADER_LENGTH + Ipv4Packet.MIN_HEADER_LENGTH + TcpSegment.MIN_HEADER_LENGTH + payload.length;
    }

    /** What GRO leaves in the checksum field: not the checksum of the bytes. */
    private static byte[] withBrokenChecksum(byte[] frame) {
        int at = EthernetFrame.HEADER_LENGTH + Ipv4Packet.MIN_HEADER_LENGTH + 16;
        frame[at] ^= 0x5A;
        return frame;
    }
}
