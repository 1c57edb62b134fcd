package rawhttpget.stack;

import static rawhttpget.stack.StackTestBytes.drain;
import static rawhttpget.stack.StackTestBytes.pattern;
import static rawhttpget.stack.StackTestBytes.sequenceOf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.MacAddress;
import rawhttpget.ipv4.InternetChecksum;
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
 * Segments from a local peer with checksum offload on (a container's veth, lo) carry only the pseudo-header sum
 * in their checksum field, and with TSO may be longer than the MTU: accepted on a link whose frames are all
 * local, refused on a NIC's; a segment that is simply corrupt is refused on both.
 */
class PartialChecksumTest {
    private static final int OUR_IP = 0xC6120102;  // 198.18.1.2
    private static final int SERVER_IP = 0xC6120101; // 198.18.1.1
    private static final long OUR_MAC = 0x02_00_00_00_00_02L;
    private static final long SERVER_MAC = 0x02_00_00_00_00_01L;
    private static final int LOCAL_PORT = 40000;
    private static final int MTU = 1500;
    private static final long MS = 1_000_000L;
    private static final int TCP_AT = EthernetFrame.HEADER_LENGTH + Ipv4Packet.MIN_HEADER_LENGTH;

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
    void acceptsAPartialChecksumOnALinkWhoseFramesAreAllLocal() {
        NetworkStack stack = stack(LinkKind.LOCAL_ETHERNET, OUR_MAC, SERVER_MAC);
        TcpConnection c = establish(stack, SERVER_MAC);
        byte[] payload = pattern(1000);

        byte[] frame = withPartialChecksum(segment(OUR_MAC, SERVER_MAC, serverSeq, TcpFlags.ACK | TcpFlags.PSH, payload));
        server.send(frame, 0, frame.length);
        stack.poll(2 * MS);

        assertThat(drain(c)).isEqualTo(payload);
        assertThat(stack.stats().partialChecksumSegments).isEqualTo(1);
        assertThat(stack.stats().dropped(DropReason.TCP_CHECKSUM)).isZero();
    }

    @Test
    void acceptsATsoSegmentLongerThanTheMtuWithAPartialChecksumFromALocalPeer() {
        NetworkStack stack = stack(LinkKind.LOCAL_ETHERNET, OUR_MAC, SERVER_MAC);
        TcpConnection c = establish(stack, SERVER_MAC);
        byte[] payload = pattern(20 * 1448);

        byte[] frame = withPartialChecksum(segment(OUR_MAC, SERVER_MAC, serverSeq, TcpFlags.ACK, payload));
        server.send(frame, 0, frame.length);
        stack.poll(2 * MS);

        assertThat(drain(c)).isEqualTo(payload);
        assertThat(stack.stats().partialChecksumSegments).isEqualTo(1);
    }

    @Test
    void countsAGroSuperFrameOnALocalLinkAsCoalescedAsBefore() {
        NetworkStack stack = new NetworkStack(ours, LinkKind.LOCAL_ETHERNET, new MacAddress(OUR_MAC),
                new Route(OUR_IP, 24, 0), false, new IsnGenerator(new byte[32]), ReceiveCoalescing.aboveMtu(MTU));
        stack.pinNextHop(SERVER_IP, SERVER_MAC);
        TcpConnection c = establish(stack, SERVER_MAC);
        byte[] payload = pattern(3 * 1448);

        byte[] frame = withPartialChecksum(segment(OUR_MAC, SERVER_MAC, serverSeq, TcpFlags.ACK, payload));
        server.send(frame, 0, frame.length);
        stack.poll(2 * MS);

        assertThat(drain(c)).isEqualTo(payload);
        assertThat(stack.stats().coalescedSegments).isEqualTo(1);
        assertThat(stack.stats().partialChecksumSegments).isZero();
    }

    @Test
    void refusesTheSamePartialChecksumOnANicsLink() {
        NetworkStack stack = stack(LinkKind.ETHERNET, OUR_MAC, SERVER_MAC);
        TcpConnection c = establish(stack, SERVER_MAC);

        byte[] frame = withPartialChecksum(segment(OUR_MAC, SERVER_MAC, serverSeq, TcpFlags.ACK, pattern(1000)));
        server.send(frame, 0, frame.length);
        stack.poll(2 * MS);

        assertThat(c.readable()).isZero();
        assertThat(stack.stats().dropped(DropReason.TCP_CHECKSUM)).isEqualTo(1);
        assertThat(stack.stats().partialChecksumSegments).isZero();
    }

    @Test
    void refusesACorruptSegmentOnEveryKindOfLink() {
        // RAW_IP has no Ethernet header: RawIpLinkTest refuses its partial checksums.
        for (LinkKind kind : java.util.List.of(LinkKind.ETHERNET, LinkKind.LOCAL_ETHERNET, LinkKind.LOOPBACK)) {
            links();
            long ourMac = kind == LinkKind.LOOPBACK ? 0 : OUR_MAC;
            long serverMac = kind == LinkKind.LOOPBACK ? 0 : SERVER_MAC;
            NetworkStack stack = stack(kind, ourMac, serverMac);
            TcpConnection c = establish(stack, serverMac);

            byte[] frame = segment(ourMac, serverMac, serverSeq, TcpFlags.ACK, pattern(1000));
            frame[TCP_AT + 20 + 500] ^= 0x01; // one bit flipped in the payload after the checksum was computed
            server.send(frame, 0, frame.length);
            byte[] partialButOff = withPartialChecksum(segment(ourMac, serverMac, serverSeq, TcpFlags.ACK, pattern(1000)));
            partialButOff[TCP_AT + 17] ^= 0x01; // the pseudo-header sum, one bit off
            server.send(partialButOff, 0, partialButOff.length);
            stack.poll(2 * MS);

            assertThat(c.readable()).as(kind.name()).isZero();
            assertThat(stack.stats().dropped(DropReason.TCP_CHECKSUM)).as(kind.name()).isEqualTo(2);
            assertThat(stack.stats().partialChecksumSegments).as(kind.name()).isZero();
        }
    }

    private NetworkStack stack(LinkKind kind, long ourMac, long serverMac) {
        NetworkStack stack = new NetworkStack(ours, kind, new MacAddress(ourMac), new Route(OUR_IP, 24, 0), false,
                new IsnGenerator(new byte[32]), ReceiveCoalescing.OFF);
        if (kind.resolvesNeighboursByArp()) {
            stack.pinNextHop(SERVER_IP, serverMac);
        }
        return stack;
    }

    private TcpConnection establish(NetworkStack stack, long serverMac) {
        long ourMac = serverMac == 0 ? 0 : OUR_MAC;
        TcpConnection c = stack.connect(TcpConfig.defaults(MTU - 40).withReceiveBuffer(1 << 20), LOCAL_PORT, SERVER_IP,
                80, 0);
        stack.poll(0);
        byte[] syn = server.poll();
        assertThat(syn).as("SYN sent").isNotNull();
        ourSeq = sequenceOf(syn) + 1;
        serverSeq = 1_000_000;
        byte[] synAck = segment(ourMac, serverMac, serverSeq, TcpFlags.SYN | TcpFlags.ACK, new byte[0]);
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
    private byte[] segment(long ourMac, long serverMac, int seq, int flags, byte[] payload) {
        int tcpLength = TcpSegment.MIN_HEADER_LENGTH + payload.length;
        byte[] frame = new byte[TCP_AT + tcpLength];
        int ipAt = EthernetFrame.emitHeader(frame, 0, ourMac, serverMac, EthernetFrame.TYPE_IPV4);
        int at = Ipv4Packet.emitHeader(frame, ipAt, SERVER_IP, OUR_IP, Ipv4Packet.PROTOCOL_TCP, tcpLength, 7, 64);
        int data = TcpSegment.emitHeader(frame, at, 80, LOCAL_PORT, seq, ourSeq, flags, 65535, null);
        System.arraycopy(payload, 0, frame, data, payload.length);
        TcpSegment.fillChecksum(frame, at, tcpLength, SERVER_IP, OUR_IP);
        return frame;
    }

    /** What a kernel leaves for checksum offload: the folded pseudo-header sum, not the checksum of the bytes. */
    private static byte[] withPartialChecksum(byte[] frame) {
        int tcpLength = frame.length - TCP_AT;
        int partial = InternetChecksum.fold(InternetChecksum.pseudoHeader(SERVER_IP, OUR_IP, Ipv4Packet.PROTOCOL_TCP,
                tcpLength));
        frame[TCP_AT + 16] = (byte) (partial >>> 8);
        frame[TCP_AT + 17] = (byte) partial;
        return frame;
    }
}
