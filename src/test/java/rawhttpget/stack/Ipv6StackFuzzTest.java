package rawhttpget.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.inet.MacAddress;
import rawhttpget.ipv4.Route;
import rawhttpget.ipv6.Icmpv6Message;
import rawhttpget.ipv6.Ipv6Packet;
import rawhttpget.ipv6.Ipv6Route;
import rawhttpget.link.MemoryLink;
import rawhttpget.tcp.IsnGenerator;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpSegment;

/**
 * Hostile IPv6 frames against a stack speaking IPv6, with one IPv6 connection waiting for its neighbour and one
 * past it: the fuzzer's frames arrive raw, or with the IPv6 framing and the upper layer's checksum made right (so
 * they reach NDP, ICMPv6 and TCP), between steps of virtual time. Nothing may throw, and every frame the stack
 * sends is well formed: Ethernet from our MAC, IPv6 from our address (or ARP), with a TCP or ICMPv6 checksum that
 * verifies.
 */
class Ipv6StackFuzzTest {
    static final Ipv6Address OURS = Ipv6Address.parse("2001:2::1");
    static final Ipv6Address SERVER = Ipv6Address.parse("2001:2::2");
    static final long OUR_MAC = 0x02_00_00_00_00_01L;
    static final long SERVER_MAC = 0x02_00_00_00_00_02L;

    @FuzzTest(maxDuration = "10m")
    void hostileIpv6FramesNeverThrowAndEverythingSentIsWellFormed(byte[] input) {
        MemoryLink[] cable = MemoryLink.pair();
        NetworkStack stack = new NetworkStack(cable[0], new MacAddress(OUR_MAC),
                new Route(Ipv4Address.parseBits("198.18.0.1"), 24, 0), true, new IsnGenerator(new byte[16]));
        stack.enableIpv6(new Ipv6Route(OURS, 64, Ipv6Address.parse("fe80::1")), true);
        long now = 1_000_000_000L;
        TcpConnection held = stack.connect(TcpConfig.defaults(1460), 40000, SERVER, 80, now);
        TcpConnection routed = stack.connect(TcpConfig.defaults(1460), 40001, Ipv6Address.parse("2001:9::9"), 80, now);
        for (int i = 0; i + 3 <= input.length; ) {
            int kind = input[i] & 3;
            int length = Math.min(((input[i + 1] & 0xFF) << 8) | (input[i + 2] & 0xFF), input.length - i - 3);
            int at = i + 3;
            i = at + length;
            switch (kind) {
                case 0 -> cable[1].send(input, at, length);
                case 1, 2 -> {
                    byte[] f = framed(Arrays.copyOfRange(input, at, at + length), kind == 1
                            ? Ipv6Packet.NEXT_HEADER_TCP : Ipv6Packet.NEXT_HEADER_ICMPV6);
                    cable[1].send(f, 0, f.length);
                }
                default -> {
                    now += (((input[at - 2] & 0xFF) << 8) | (input[at - 1] & 0xFF)) * 1_000_000L;
                    i = at;
                }
            }
            stack.poll(now);
            held.drainTo((b, off, len) -> len);
            routed.drainTo((b, off, len) -> len);
            for (byte[] f; (f = cable[1].poll()) != null; ) {
                checkSent(f);
            }
        }
    }

    /** The fuzzer's bytes as the upper layer of an IPv6 packet from the server to us, its checksum made right. */
    static byte[] framed(byte[] upper, int nextHeader) {
        int min = nextHeader == Ipv6Packet.NEXT_HEADER_TCP ? TcpSegment.MIN_HEADER_LENGTH : Icmpv6Message.HEADER_LENGTH;
        if (upper.length < min) {
            return upper;
        }
        byte[] f = new byte[14 + 40 + upper.length];
        EthernetFrame.emitHeader(f, 0, OUR_MAC, SERVER_MAC, EthernetFrame.TYPE_IPV6);
        Ipv6Packet.emitHeader(f, 14, 0, upper.length, nextHeader, nextHeader == Ipv6Packet.NEXT_HEADER_ICMPV6 ? 255 : 64,
                SERVER, OURS);
        System.arraycopy(upper, 0, f, 54, upper.length);
        if (nextHeader == Ipv6Packet.NEXT_HEADER_TCP) {
            TcpSegment.fillChecksum(f, 54, upper.length, SERVER.checksumWords() + OURS.checksumWords());
        } else {
            Icmpv6Message.writeChecksum(f, 54, upper.length,
                    Ipv6Packet.pseudoHeaderSum(SERVER, OURS, Ipv6Packet.NEXT_HEADER_ICMPV6, upper.length));
        }
        return f;
    }

    private static void checkSent(byte[] f) {
        EthernetFrame eth = new EthernetFrame();
        assertThat(eth.wrap(f, 0, f.length)).isNull();
        assertThat(eth.source()).isEqualTo(OUR_MAC);
        if (eth.etherType() == EthernetFrame.TYPE_ARP) {
            return;
        }
        assertThat(eth.etherType()).isEqualTo(EthernetFrame.TYPE_IPV6);
        Ipv6Packet ip = new Ipv6Packet();
        assertThat(ip.wrap(f, 14, f.length - 14)).isNull();
        assertThat(ip.source()).isEqualTo(OURS);
        if (ip.upperLayerProtocol() == Ipv6Packet.NEXT_HEADER_ICMPV6) {
            assertThat(new Icmpv6Message().wrap(ip)).isNull();
            return;
        }
        assertThat(ip.upperLayerProtocol()).isEqualTo(Ipv6Packet.NEXT_HEADER_TCP);
        TcpSegment tcp = new TcpSegment();
        assertThat(tcp.wrap(f, ip.upperLayerOffset(), ip.upperLayerLength())).isNull();
        assertThat(tcp.checksumValid(ip.pseudoHeaderSum(Ipv6Packet.NEXT_HEADER_TCP, ip.upperLayerLength()))).isTrue();
    }
}
