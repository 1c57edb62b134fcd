package rawhttpget.stack;

import org.junit.jupiter.api.Test;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IpNumber;
import rawhttpget.arp.ArpCache;
import rawhttpget.arp.ArpPacket;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.MacAddress;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.ipv4.Ipv4Packet;
import rawhttpget.ipv4.Route;
import rawhttpget.link.MemoryLink;
import rawhttpget.tcp.IsnGenerator;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpFlags;
import rawhttpget.tcp.TcpOptions;
import rawhttpget.tcp.TcpSegment;
import rawhttpget.tcp.TcpState;

import java.net.InetAddress;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack over an in-memory cable, in own-address mode, with the test playing the server's host on
 * the other end. Frames are checked with the project's views and, independently, with Pcap4J's parser.
 */
class NetworkStackTest {
    private static final long MS = 1_000_000L;
    private static final int OUR_IP = Ipv4Address.parseBits("198.18.0.1");
    private static final int PEER_IP = Ipv4Address.parseBits("198.18.1.2");
    private static final MacAddress OUR_MAC = MacAddress.parse("02:00:00:00:00:01");
    private static final MacAddress PEER_MAC = MacAddress.parse("02:00:00:00:00:02");
    private static final int TCP_AT = EthernetFrame.HEADER_LENGTH + Ipv4Packet.MIN_HEADER_LENGTH;

    private final MemoryLink[] cable = MemoryLink.pair();
    private final MemoryLink wire = cable[1];
    private final IsnGenerator isns = new IsnGenerator(new byte[16]);
    private final NetworkStack stack = new NetworkStack(cable[0], OUR_MAC, new Route(OUR_IP, 15, 0), true, isns);

    @Test
    void resolvesThePeerByArpThenSendsTheSynInACorrectFrame() throws Exception {
        assertThat(stack.resolve(PEER_IP, 0)).isEqualTo(ArpCache.NO_ENTRY);
        byte[] request = wire.poll();
        assertThat(wire.poll()).isNull();
        assertArp(request, MacAddress.BROADCAST, ArpPacket.OP_REQUEST, 0, PEER_IP);

        wire.send(arpFrame(ArpPacket.OP_REPLY, PEER_MAC, PEER_IP, OUR_MAC, OUR_IP, OUR_MAC), 0, 60);
        stack.poll(1 * MS);
        assertThat(stack.resolve(PEER_IP, 1 * MS)).isEqualTo(PEER_MAC.bits());
        assertThat(stack.pollAt()).as("nothing pending once resolved").isEqualTo(Long.MAX_VALUE);

        TcpConnection c = stack.connect(TcpConfig.defaults(1460), 40000, PEER_IP, 80, 1 * MS);
        stack.poll(1 * MS);
        byte[] syn = wire.poll();
        assertThat(wire.poll()).isNull();
        int iss = isns.isn(OUR_IP, 40000, PEER_IP, 80, 1 * MS);

        // Our own views.
        assertThat(syn).hasSize(14 + 20 + 40);
        EthernetFrame eth = new EthernetFrame();
        assertThat(eth.wrap(syn, 0, syn.length)).isNull();
        assertThat(eth.destination()).isEqualTo(PEER_MAC.bits());
        assertThat(eth.source()).isEqualTo(OUR_MAC.bits());
        assertThat(eth.etherType()).isEqualTo(EthernetFrame.TYPE_IPV4);
        Ipv4Packet ip = new Ipv4Packet();
        assertThat(ip.wrap(syn, 14, syn.length - 14)).as("header checksum and lengths").isNull();
        assertThat(ip.totalLength()).isEqualTo(60);
        assertThat(ip.dontFragment()).isTrue();
        assertThat(ip.isFragment()).isFalse();
        assertThat(ip.ttl()).isEqualTo(64);
        assertThat(ip.protocol()).isEqualTo(Ipv4Packet.PROTOCOL_TCP);
        assertThat(ip.source()).isEqualTo(OUR_IP);
        assertThat(ip.destination()).isEqualTo(PEER_IP);
        TcpSegment tcp = new TcpSegment();
        assertThat(tcp.wrap(syn, TCP_AT, 40)).isNull();
        assertThat(tcp.checksumValid(OUR_IP, PEER_IP)).isTrue();
        assertThat(tcp.flags()).isEqualTo(TcpFlags.SYN);
        assertThat(tcp.seq()).isEqualTo(iss);
        assertThat(tcp.sourcePort()).isEqualTo(40000);
        assertThat(tcp.destinationPort()).isEqualTo(80);
        TcpOptions opts = new TcpOptions();
        assertThat(tcp.parseOptions(opts)).isNull();
        assertThat(opts.describe()).startsWith("[mss 1460,sackOK,TS val ").endsWith(" ecr 0,nop,wscale 7]");

        // Pcap4J, an independent parser, agrees.
        EthernetPacket parsed = EthernetPacket.newPacket(syn, 0, syn.length);
        assertThat(parsed.getHeader().getType()).isEqualTo(EtherType.IPV4);
        IpV4Packet ip4 = parsed.get(IpV4Packet.class);
        assertThat(ip4.getHeader().hasValidChecksum(false)).isTrue();
        assertThat(ip4.getHeader().getProtocol()).isEqualTo(IpNumber.TCP);
        TcpPacket t = parsed.get(TcpPacket.class);
        assertThat(t.hasValidChecksum(InetAddress.getByAddress(Ipv4Address.parse("198.18.0.1").toBytes()),
                InetAddress.getByAddress(Ipv4Address.parse("198.18.1.2").toBytes()), false)).isTrue();
        assertThat(t.getHeader().getSyn()).isTrue();
        assertThat(t.getHeader().getAck()).isFalse();
        assertThat(t.getHeader().getSequenceNumber()).isEqualTo(iss);
        assertThat(t.getHeader().getWindowAsInt()).isEqualTo(65535);

        // The server answers; the stack hands the SYN-ACK to the connection and frames its ACK.
        TcpOptions synAckOpts = new TcpOptions();
        synAckOpts.mss = 1460;
        wire.send(tcpFrame(80, 40000, 7000, iss + 1, TcpFlags.SYN | TcpFlags.ACK, 65535, synAckOpts), 0, 60);
        stack.poll(11 * MS);
        assertThat(c.state()).isEqualTo(TcpState.ESTABLISHED);
        byte[] ack = wire.poll();
        assertThat(ack).as("a bare ACK, padded to the Ethernet minimum").hasSize(60);
        assertThat(ip.wrap(ack, 14, ack.length - 14)).isNull();
        assertThat(ip.totalLength()).isEqualTo(40);
        assertThat(tcp.wrap(ack, TCP_AT, ip.payloadLength())).isNull();
        assertThat(tcp.checksumValid(OUR_IP, PEER_IP)).isTrue();
        assertThat(tcp.flags()).isEqualTo(TcpFlags.ACK);
        assertThat(tcp.seq()).isEqualTo(iss + 1);
        assertThat(tcp.ack()).isEqualTo(7001);
        assertThat(Arrays.copyOfRange(ack, 54, 60)).as("padding is zero").containsOnly(0);
    }

    @Test
    void answersArpRequestsForItsOwnAddress() {
        wire.send(arpFrame(ArpPacket.OP_REQUEST, PEER_MAC, PEER_IP, MacAddress.ZERO, OUR_IP, MacAddress.BROADCAST), 0, 60);
        stack.poll(0);

        byte[] reply = wire.poll();
        assertArp(reply, PEER_MAC, ArpPacket.OP_REPLY, PEER_MAC.bits(), PEER_IP);
        assertThat(wire.poll()).isNull();
        assertThat(stack.resolve(PEER_IP, 0)).as("learned from the request").isEqualTo(PEER_MAC.bits());
    }

    @Test
    void ignoresArpRequestsForOtherAddresses() {
        int other = Ipv4Address.parseBits("198.18.0.99");
        wire.send(arpFrame(ArpPacket.OP_REQUEST, PEER_MAC, PEER_IP, MacAddress.ZERO, other, MacAddress.BROADCAST), 0, 60);
        stack.poll(0);

        assertThat(wire.poll()).isNull();
    }

    @Test
    void resetsSegmentsForNoConnection() {
        learnPeer();

        // A SYN: RST+ACK, seq 0, acknowledging the SYN (RFC 9293 §3.10.7.1).
        wire.send(tcpFrame(5555, 8080, 1000, 0, TcpFlags.SYN, 65535, null), 0, 60);
        stack.poll(1 * MS);
        TcpSegment rst = tcpOf(wire.poll());
        assertThat(rst.flags()).isEqualTo(TcpFlags.RST | TcpFlags.ACK);
        assertThat(rst.seq()).isZero();
        assertThat(rst.ack()).isEqualTo(1001);
        assertThat(rst.window()).isZero();
        assertThat(rst.sourcePort()).isEqualTo(8080);
        assertThat(rst.destinationPort()).isEqualTo(5555);

        // An ACK with data: RST at its acknowledgement number, no ACK.
        byte[] withData = tcpFrame(5555, 8080, 1000, 777, TcpFlags.ACK | TcpFlags.PSH, 65535, null, "hi".getBytes());
        wire.send(withData, 0, withData.length);
        stack.poll(2 * MS);
        rst = tcpOf(wire.poll());
        assertThat(rst.flags()).isEqualTo(TcpFlags.RST);
        assertThat(rst.seq()).isEqualTo(777);

        // A RST is never answered.
        wire.send(tcpFrame(5555, 8080, 1000, 0, TcpFlags.RST, 0, null), 0, 60);
        stack.poll(3 * MS);
        assertThat(wire.poll()).isNull();
    }

    @Test
    void dropsASegmentWithABadChecksumWithoutAnswering() {
        learnPeer();
        byte[] frame = tcpFrame(5555, 8080, 1000, 0, TcpFlags.SYN, 65535, null);
        frame[TCP_AT + 4] ^= 1; // the sequence number changes; the checksum does not

        wire.send(frame, 0, frame.length);
        stack.poll(1 * MS);

        assertThat(wire.poll()).isNull();
        assertThat(stack.stats().dropped(DropReason.TCP_CHECKSUM)).isEqualTo(1);
    }

    // ---------------------------------------------------------------- the server's host

    private void learnPeer() {
        wire.send(arpFrame(ArpPacket.OP_REQUEST, PEER_MAC, PEER_IP, MacAddress.ZERO, OUR_IP, MacAddress.BROADCAST), 0, 60);
        stack.poll(0);
        assertThat(wire.poll()).isNotNull();
    }

    private static byte[] arpFrame(int op, MacAddress senderMac, int senderIp, MacAddress targetMac, int targetIp,
                                   MacAddress to) {
        byte[] f = new byte[60];
        int at = EthernetFrame.emitHeader(f, 0, to.bits(), senderMac.bits(), EthernetFrame.TYPE_ARP);
        ArpPacket.emit(f, at, op, senderMac.bits(), senderIp, targetMac.bits(), targetIp);
        return f;
    }

    private static byte[] tcpFrame(int srcPort, int dstPort, int seq, int ack, int flags, int window, TcpOptions opts) {
        return tcpFrame(srcPort, dstPort, seq, ack, flags, window, opts, new byte[0]);
    }

    private static byte[] tcpFrame(int srcPort, int dstPort, int seq, int ack, int flags, int window, TcpOptions opts,
                                   byte[] payload) {
        byte[] f = new byte[TCP_AT + 60 + payload.length];
        int payloadAt = TcpSegment.emitHeader(f, TCP_AT, srcPort, dstPort, seq, ack, flags, window, opts);
        System.arraycopy(payload, 0, f, payloadAt, payload.length);
        int tcpLength = payloadAt - TCP_AT + payload.length;
        TcpSegment.fillChecksum(f, TCP_AT, tcpLength, PEER_IP, OUR_IP);
        Ipv4Packet.emitHeader(f, EthernetFrame.HEADER_LENGTH, PEER_IP, OUR_IP, Ipv4Packet.PROTOCOL_TCP, tcpLength, 1, 64);
        EthernetFrame.emitHeader(f, 0, OUR_MAC.bits(), PEER_MAC.bits(), EthernetFrame.TYPE_IPV4);
        return Arrays.copyOf(f, Math.max(60, TCP_AT + tcpLength));
    }

    private static TcpSegment tcpOf(byte[] frame) {
        assertThat(frame).isNotNull();
        EthernetFrame eth = new EthernetFrame();
        assertThat(eth.wrap(frame, 0, frame.length)).isNull();
        assertThat(eth.destination()).isEqualTo(PEER_MAC.bits());
        assertThat(eth.source()).isEqualTo(OUR_MAC.bits());
        Ipv4Packet ip = new Ipv4Packet();
        assertThat(ip.wrap(frame, 14, frame.length - 14)).isNull();
        assertThat(ip.source()).isEqualTo(OUR_IP);
        assertThat(ip.destination()).isEqualTo(PEER_IP);
        TcpSegment tcp = new TcpSegment();
        assertThat(tcp.wrap(frame, ip.payloadOffset(), ip.payloadLength())).isNull();
        assertThat(tcp.checksumValid(OUR_IP, PEER_IP)).isTrue();
        return tcp;
    }

    private static void assertArp(byte[] frame, MacAddress to, int op, long targetMac, int targetIp) {
        assertThat(frame).isNotNull().hasSize(60);
        EthernetFrame eth = new EthernetFrame();
        assertThat(eth.wrap(frame, 0, frame.length)).isNull();
        assertThat(eth.destination()).isEqualTo(to.bits());
        assertThat(eth.source()).isEqualTo(OUR_MAC.bits());
        assertThat(eth.etherType()).isEqualTo(EthernetFrame.TYPE_ARP);
        ArpPacket arp = new ArpPacket();
        assertThat(arp.wrap(frame, 14, frame.length - 14)).isNull();
        assertThat(arp.operation()).isEqualTo(op);
        assertThat(arp.senderMac()).isEqualTo(OUR_MAC.bits());
        assertThat(arp.senderIp()).isEqualTo(OUR_IP);
        assertThat(arp.targetMac()).isEqualTo(targetMac);
        assertThat(arp.targetIp()).isEqualTo(targetIp);
    }
}
