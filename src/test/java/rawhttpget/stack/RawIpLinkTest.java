package rawhttpget.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
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

/** An L3 link (tun, DLT_RAW): bare IPv4 packets both ways, no Ethernet header, no ARP, every checksum verified. */
class RawIpLinkTest {
    private static final int OUR_IP = 0xC6120602;    // 198.18.6.2
    private static final int SERVER_IP = 0xC6120901; // 198.18.9.1: off our subnet, no gateway: the link takes it
    private static final int LOCAL_PORT = 40000;
    private static final long MS = 1_000_000L;

    private final MemoryLink[] cable = MemoryLink.pair();
    private final NetworkStack stack = new NetworkStack(cable[0], LinkKind.RAW_IP, MacAddress.ZERO,
            new Route(OUR_IP, 0, 0), false, new IsnGenerator(new byte[32]), ReceiveCoalescing.OFF);
    private int ourSeq;

    @Test
    void sendsTheSynAsABareIpv4PacketWithoutArpOrPadding() {
        stack.connect(TcpConfig.defaults(1460), LOCAL_PORT, SERVER_IP, 80, 0);
        stack.poll(0);

        byte[] syn = cable[1].poll();
        assertThat(syn).isNotNull();
        assertThat(syn[0]).as("IPv4, 20-byte header, first").isEqualTo((byte) 0x45);
        Ipv4Packet ip = new Ipv4Packet();
        assertThat(ip.wrap(syn, 0, syn.length)).isNull();
        assertThat(ip.totalLength()).isEqualTo(syn.length);
        assertThat(ip.destination()).isEqualTo(SERVER_IP);
        assertThat(syn[20 + 13] & 0xFF).isEqualTo(TcpFlags.SYN);
        assertThat(cable[1].poll()).isNull();
    }

    @Test
    void receivesBareIpv4PacketsAndStillVerifiesEveryChecksum() {
        TcpConnection c = establish();
        byte[] data = packet(1_000_001, TcpFlags.ACK | TcpFlags.PSH, "hello".getBytes());
        byte[] partial = packet(1_000_006, TcpFlags.ACK, "world".getBytes());
        int sum = InternetChecksum.fold(InternetChecksum.pseudoHeader(SERVER_IP, OUR_IP, Ipv4Packet.PROTOCOL_TCP, 25));
        partial[36] = (byte) (sum >>> 8);
        partial[37] = (byte) sum;

        cable[1].send(data, 0, data.length);
        cable[1].send(partial, 0, partial.length);
        stack.poll(2 * MS);

        assertThat(drain(c)).isEqualTo("hello");
        assertThat(stack.stats().dropped(DropReason.TCP_CHECKSUM)).as("a tun's packets may have crossed a wire")
                .isEqualTo(1);
    }

    private TcpConnection establish() {
        TcpConnection c = stack.connect(TcpConfig.defaults(1460), LOCAL_PORT, SERVER_IP, 80, 0);
        stack.poll(0);
        byte[] syn = cable[1].poll();
        ourSeq = (syn[24] & 0xFF) << 24 | (syn[25] & 0xFF) << 16 | (syn[26] & 0xFF) << 8 | (syn[27] & 0xFF);
        ourSeq++;
        byte[] synAck = packet(1_000_000, TcpFlags.SYN | TcpFlags.ACK, new byte[0]);
        cable[1].send(synAck, 0, synAck.length);
        stack.poll(MS);
        assertThat(c.state()).isEqualTo(TcpState.ESTABLISHED);
        while (cable[1].poll() != null) {
            // the handshake's ACK
        }
        return c;
    }

    private byte[] packet(int seq, int flags, byte[] payload) {
        int tcpLength = TcpSegment.MIN_HEADER_LENGTH + payload.length;
        byte[] p = new byte[Ipv4Packet.MIN_HEADER_LENGTH + tcpLength];
        int at = Ipv4Packet.emitHeader(p, 0, SERVER_IP, OUR_IP, Ipv4Packet.PROTOCOL_TCP, tcpLength, 9, 64);
        int data = TcpSegment.emitHeader(p, at, 80, LOCAL_PORT, seq, ourSeq, flags, 65535, null);
        System.arraycopy(payload, 0, p, data, payload.length);
        TcpSegment.fillChecksum(p, at, tcpLength, SERVER_IP, OUR_IP);
        return p;
    }

    private static String drain(TcpConnection c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.drainTo((b, off, len) -> {
            out.write(b, off, len);
            return len;
        });
        return out.toString();
    }
}
