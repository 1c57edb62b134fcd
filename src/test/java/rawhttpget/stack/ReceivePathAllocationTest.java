package rawhttpget.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rawhttpget.arp.ArpPacket;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.inet.MacAddress;
import rawhttpget.ipv4.Ipv4Packet;
import rawhttpget.ipv4.Route;
import rawhttpget.ipv6.Ipv6Packet;
import rawhttpget.ipv6.Ipv6Route;
import rawhttpget.link.FrameHandler;
import rawhttpget.link.Link;
import rawhttpget.link.MemoryLink;
import rawhttpget.ndp.NdpEmit;
import rawhttpget.tcp.IsnGenerator;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpFlags;
import rawhttpget.tcp.TcpOptions;
import rawhttpget.tcp.TcpSegment;
import rawhttpget.tcp.TcpState;

/**
 * The receive path allocates nothing per segment, for either family: in-order data segments through the whole
 * stack (Ethernet, IP, TCP, the ACKs they make due) to an application that drains them. The segments are injected
 * before the measurement and what the stack sends is dropped unread, so only the stack's own allocations count.
 */
class ReceivePathAllocationTest {
    private static final int OUR_IP = Ipv4Address.parseBits("198.18.0.1");
    private static final int SERVER_IP = Ipv4Address.parseBits("198.18.0.2");
    private static final Ipv6Address OURS6 = Ipv6Address.parse("2001:2::1");
    private static final Ipv6Address SERVER6 = Ipv6Address.parse("2001:2::2");
    private static final long OUR_MAC = 0x02_00_00_00_00_01L;
    private static final long SERVER_MAC = 0x02_00_00_00_00_02L;
    private static final int SERVER_ISN = 0x7000_0000;
    private static final int SEGMENTS = 4_000;
    private static final int PAYLOAD = 1_400;

    /** A MemoryLink whose sends can be dropped without a copy. */
    private static final class QuietLink implements Link {
        final MemoryLink inner;
        boolean quiet;

        QuietLink(MemoryLink inner) {
            this.inner = inner;
        }

        @Override
        public int receive(FrameHandler handler) {
            return inner.receive(handler);
        }

        @Override
        public void send(byte[] frame, int offset, int length) {
            if (!quiet) {
                inner.send(frame, offset, length);
            }
        }

        @Override
        public void awaitFrames(long timeoutNanos) {
        }

        @Override
        public void close() {
        }
    }

    @ParameterizedTest(name = "IPv6 {0}")
    @ValueSource(booleans = {false, true})
    void inOrderDataAllocatesNothingPerSegment(boolean ipv6) {
        MemoryLink[] cable = MemoryLink.pair();
        QuietLink link = new QuietLink(cable[0]);
        NetworkStack stack = new NetworkStack(link, new MacAddress(OUR_MAC), new Route(OUR_IP, 24, 0), true,
                new IsnGenerator(new byte[16]));
        stack.enableIpv6(new Ipv6Route(OURS6, 64, null), true);
        long now = 1_000_000_000L;
        TcpConfig config = TcpConfig.defaults(1460).withReceiveBuffer(8 << 20);
        TcpConnection c = ipv6 ? stack.connect(config, 40000, SERVER6, 80, now)
                : stack.connect(config, 40000, SERVER_IP, 80, now);
        byte[] question = cable[1].poll();
        cable[1].send(ipv6 ? advertisement() : arpReply(), 0, ipv6 ? 86 : 42);
        stack.poll(now);
        byte[] syn = cable[1].poll();
        assertThat(question).isNotNull();
        assertThat(syn).as("the SYN, once the neighbour answered").isNotNull();
        TcpSegment view = new TcpSegment();
        int tcpAt = ipv6 ? 54 : 34;
        assertThat(view.wrap(syn, tcpAt, syn.length - tcpAt)).isNull();
        int iss = view.seq();
        cable[1].send(segment(ipv6, SERVER_ISN, iss + 1, TcpFlags.SYN | TcpFlags.ACK, 0), 0, tcpAt + 24);
        stack.poll(now);
        assertThat(c.state()).isEqualTo(TcpState.ESTABLISHED);

        link.quiet = true;
        long least = Long.MAX_VALUE;
        int seq = SERVER_ISN + 1;
        for (int pass = 0; pass < 6; pass++) {
            for (int i = 0; i < SEGMENTS; i++) {
                cable[0].inject(segment(ipv6, seq, iss + 1, TcpFlags.ACK, PAYLOAD));
                seq += PAYLOAD;
            }
            long before = allocated();
            for (int i = 0; i < SEGMENTS / 128; i++) {
                now += 1_000_000L;
                stack.poll(now);
                c.drainTo((b, off, len) -> len);
            }
            stack.poll(now);
            c.drainTo((b, off, len) -> len);
            least = Math.min(least, allocated() - before);
        }
        assertThat(c.report().bytesRead()).isEqualTo(6L * SEGMENTS * PAYLOAD);
        assertThat(least).as("bytes allocated for %d segments", SEGMENTS).isLessThan(SEGMENTS);
    }

    private static byte[] arpReply() {
        byte[] reply = new byte[42];
        EthernetFrame.emitHeader(reply, 0, OUR_MAC, SERVER_MAC, EthernetFrame.TYPE_ARP);
        ArpPacket.emit(reply, 14, ArpPacket.OP_REPLY, SERVER_MAC, SERVER_IP, OUR_MAC, OUR_IP);
        return reply;
    }

    private static byte[] advertisement() {
        byte[] na = new byte[14 + NdpEmit.WITH_LINK_LAYER_ADDRESS];
        EthernetFrame.emitHeader(na, 0, OUR_MAC, SERVER_MAC, EthernetFrame.TYPE_IPV6);
        NdpEmit.neighborAdvertisement(na, 14, SERVER6, OURS6, SERVER_MAC);
        return na;
    }

    /** A segment from the server with {@code payload} bytes, a 65535 window and, with SYN, an MSS option. */
    private static byte[] segment(boolean ipv6, int seq, int ack, int flags, int payload) {
        int tcpAt = ipv6 ? 54 : 34;
        int optionBytes = (flags & TcpFlags.SYN) != 0 ? 4 : 0;
        byte[] f = new byte[tcpAt + 20 + optionBytes + payload];
        TcpOptions options = new TcpOptions();
        if (optionBytes > 0) {
            options.mss = 1440;
        }
        TcpSegment.emitHeader(f, tcpAt, 80, 40000, seq, ack, flags, 65535, optionBytes > 0 ? options : null);
        int tcpLength = f.length - tcpAt;
        if (ipv6) {
            TcpSegment.fillChecksum(f, tcpAt, tcpLength, SERVER6.checksumWords() + OURS6.checksumWords());
            Ipv6Packet.emitHeader(f, 14, 0, tcpLength, Ipv6Packet.NEXT_HEADER_TCP, 64, SERVER6, OURS6);
            EthernetFrame.emitHeader(f, 0, OUR_MAC, SERVER_MAC, EthernetFrame.TYPE_IPV6);
        } else {
            TcpSegment.fillChecksum(f, tcpAt, tcpLength, SERVER_IP, OUR_IP);
            Ipv4Packet.emitHeader(f, 14, SERVER_IP, OUR_IP, Ipv4Packet.PROTOCOL_TCP, tcpLength, 1, 64);
            EthernetFrame.emitHeader(f, 0, OUR_MAC, SERVER_MAC, EthernetFrame.TYPE_IPV4);
        }
        return f;
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
