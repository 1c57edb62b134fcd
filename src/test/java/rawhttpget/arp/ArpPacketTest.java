package rawhttpget.arp;

import org.junit.jupiter.api.Test;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.namednumber.ArpHardwareType;
import org.pcap4j.packet.namednumber.ArpOperation;
import org.pcap4j.packet.namednumber.EtherType;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.MacAddress;
import rawhttpget.testing.ArbitraryBytes;
import rawhttpget.testing.Buffers;
import rawhttpget.testing.CapturedFrames;
import rawhttpget.testing.Hex;
import rawhttpget.testing.Pcap4jValues;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static rawhttpget.testing.CapturedFrames.CLIENT_IP;
import static rawhttpget.testing.CapturedFrames.CLIENT_MAC;
import static rawhttpget.testing.CapturedFrames.GATEWAY_IP;
import static rawhttpget.testing.CapturedFrames.ROUTER_MAC;

class ArpPacketTest {
    private static final int ARP_AT = EthernetFrame.HEADER_LENGTH;
    private final ArpPacket arp = new ArpPacket();

    @Test
    void readsACapturedRequest() {
        byte[] frame = CapturedFrames.frame(CapturedFrames.ARP_REQUEST);

        assertThat(arp.wrap(frame, ARP_AT, 28)).isNull();

        assertThat(arp.operation()).isEqualTo(ArpPacket.OP_REQUEST);
        assertThat(arp.senderMac()).isEqualTo(CLIENT_MAC);
        assertThat(arp.senderIp()).isEqualTo(CLIENT_IP);
        assertThat(arp.targetMac()).isZero();
        assertThat(arp.targetIp()).isEqualTo(GATEWAY_IP);
        assertThat(arp.describe()).isEqualTo("ARP, Request who-has 198.18.0.254 tell 198.18.0.1");
    }

    @Test
    void readsACapturedReply() {
        byte[] frame = Buffers.placed(CapturedFrames.frame(CapturedFrames.ARP_REPLY));

        assertThat(arp.wrap(frame, Buffers.OFFSET + ARP_AT, 28)).isNull();

        assertThat(arp.operation()).isEqualTo(ArpPacket.OP_REPLY);
        assertThat(arp.senderMac()).isEqualTo(ROUTER_MAC);
        assertThat(arp.senderIp()).isEqualTo(GATEWAY_IP);
        assertThat(arp.targetMac()).isEqualTo(CLIENT_MAC);
        assertThat(arp.targetIp()).isEqualTo(CLIENT_IP);
        assertThat(arp.describe()).isEqualTo("ARP, Reply 198.18.0.254 is-at 8e:1b:cb:58:f2:39");
    }

    @Test
    void emitsTheCapturedRequestAndReplyByteForByte() {
        byte[] request = Buffers.emitChecked(42, (b, off) -> {
            int at = EthernetFrame.emitHeader(b, off, MacAddress.BROADCAST.bits(), CLIENT_MAC, EthernetFrame.TYPE_ARP);
            assertThat(ArpPacket.emit(b, at, ArpPacket.OP_REQUEST, CLIENT_MAC, CLIENT_IP, 0, GATEWAY_IP)).isEqualTo(off + 42);
        });
        byte[] reply = Buffers.emitChecked(42, (b, off) -> {
            int at = EthernetFrame.emitHeader(b, off, CLIENT_MAC, ROUTER_MAC, EthernetFrame.TYPE_ARP);
            assertThat(ArpPacket.emit(b, at, ArpPacket.OP_REPLY, ROUTER_MAC, GATEWAY_IP, CLIENT_MAC, CLIENT_IP)).isEqualTo(off + 42);
        });

        assertThat(Hex.of(request)).isEqualTo(Hex.of(CapturedFrames.frame(CapturedFrames.ARP_REQUEST)));
        assertThat(Hex.of(reply)).isEqualTo(Hex.of(CapturedFrames.frame(CapturedFrames.ARP_REPLY)));
    }

    @Test
    void emittedPacketReadsBackWithTheSameFields() {
        long[][] cases = {
                {ArpPacket.OP_REQUEST, 0x020000000001L, 0xc6120001L, 0, 0xc6120002L},
                {ArpPacket.OP_REPLY, 0xffffffffffffL, 0xffffffffL, 0x800000000001L, 0x80000000L},
                {ArpPacket.OP_REPLY, 0, 0, 0, 0}};
        for (long[] c : cases) {
            byte[] out = Buffers.emitChecked(28, (b, off) -> ArpPacket.emit(b, off, (int) c[0], c[1], (int) c[2], c[3], (int) c[4]));
            assertThat(arp.wrap(out, 0, 28)).isNull();
            assertThat(arp.operation()).isEqualTo((int) c[0]);
            assertThat(arp.senderMac()).isEqualTo(c[1]);
            assertThat(arp.senderIp()).isEqualTo((int) c[2]);
            assertThat(arp.targetMac()).isEqualTo(c[3]);
            assertThat(arp.targetIp()).isEqualTo((int) c[4]);
        }
    }

    @Test
    void rejectsEveryLengthShorterThan28() {
        byte[] frame = CapturedFrames.frame(CapturedFrames.ARP_REPLY);
        for (int n = 0; n < 28; n++) {
            assertThat(arp.wrap(frame, ARP_AT, n)).as("length %d", n).isEqualTo("arp: " + n + " bytes, shorter than 28");
        }
    }

    @Test
    void acceptsTheTrailingPaddingOfAMinimumSizeFrame() {
        byte[] padded = new byte[60];
        System.arraycopy(CapturedFrames.frame(CapturedFrames.ARP_REPLY), 0, padded, 0, 42);

        assertThat(arp.wrap(padded, ARP_AT, 46)).isNull();
        assertThat(arp.targetIp()).isEqualTo(CLIENT_IP);
    }

    @Test
    void rejectsAnythingButIpv4OverEthernet() {
        assertThat(wrapWith(1, 0x00)).isEqualTo("arp: not IPv4 over Ethernet (htype 0, ptype 0x800)");
        assertThat(wrapWith(1, 0x06)).isEqualTo("arp: not IPv4 over Ethernet (htype 6, ptype 0x800)");
        assertThat(wrapWith(2, 0x86)).isEqualTo("arp: not IPv4 over Ethernet (htype 1, ptype 0x8600)");
        assertThat(wrapWith(4, 8)).isEqualTo("arp: not IPv4 over Ethernet (htype 1, ptype 0x800)");
        assertThat(wrapWith(5, 16)).isEqualTo("arp: not IPv4 over Ethernet (htype 1, ptype 0x800)");
    }

    @Test
    void rejectsOperationsOtherThanRequestAndReply() {
        assertThat(wrapWith(7, 0)).isEqualTo("arp: unknown operation 0");
        assertThat(wrapWith(7, 3)).isEqualTo("arp: unknown operation 3");
        assertThat(wrapWith(6, 1)).isEqualTo("arp: unknown operation 257");
    }

    private String wrapWith(int index, int value) {
        byte[] packet = CapturedFrames.ipPacket(CapturedFrames.ARP_REQUEST);
        packet[index] = (byte) value;
        return arp.wrap(packet, 0, packet.length);
    }

    @Test
    void pcap4jReadsWhatWeEmit() {
        byte[] frame = new byte[42];
        int at = EthernetFrame.emitHeader(frame, 0, MacAddress.BROADCAST.bits(), 0x020000c0ffeeL, EthernetFrame.TYPE_ARP);
        ArpPacket.emit(frame, at, ArpPacket.OP_REQUEST, 0x020000c0ffeeL, 0xc6120002, 0, 0xc61200fe);

        EthernetPacket eth = Pcap4jValues.parseFrame(frame);
        org.pcap4j.packet.ArpPacket.ArpHeader h = eth.get(org.pcap4j.packet.ArpPacket.class).getHeader();

        assertThat(eth.getHeader().getType()).isEqualTo(EtherType.ARP);
        assertThat(Pcap4jValues.bits(eth.getHeader().getDstAddr())).isEqualTo(0xffffffffffffL);
        assertThat(h.getHardwareType()).isEqualTo(ArpHardwareType.ETHERNET);
        assertThat(h.getProtocolType()).isEqualTo(EtherType.IPV4);
        assertThat(h.getHardwareAddrLengthAsInt()).isEqualTo(6);
        assertThat(h.getProtocolAddrLengthAsInt()).isEqualTo(4);
        assertThat(h.getOperation()).isEqualTo(ArpOperation.REQUEST);
        assertThat(Pcap4jValues.bits(h.getSrcHardwareAddr())).isEqualTo(0x020000c0ffeeL);
        assertThat(Pcap4jValues.bits(h.getSrcProtocolAddr())).isEqualTo(0xc6120002);
        assertThat(Pcap4jValues.bits(h.getDstHardwareAddr())).isZero();
        assertThat(Pcap4jValues.bits(h.getDstProtocolAddr())).isEqualTo(0xc61200fe);
    }

    @Test
    void weReadWhatPcap4jBuilds() {
        org.pcap4j.packet.ArpPacket.Builder arpBuilder = new org.pcap4j.packet.ArpPacket.Builder()
                .hardwareType(ArpHardwareType.ETHERNET)
                .protocolType(EtherType.IPV4)
                .hardwareAddrLength((byte) 6)
                .protocolAddrLength((byte) 4)
                .operation(ArpOperation.REPLY)
                .srcHardwareAddr(Pcap4jValues.mac(ROUTER_MAC))
                .srcProtocolAddr(Pcap4jValues.inet(GATEWAY_IP))
                .dstHardwareAddr(Pcap4jValues.mac(CLIENT_MAC))
                .dstProtocolAddr(Pcap4jValues.inet(CLIENT_IP));
        byte[] frame = new EthernetPacket.Builder()
                .dstAddr(Pcap4jValues.mac(CLIENT_MAC))
                .srcAddr(Pcap4jValues.mac(ROUTER_MAC))
                .type(EtherType.ARP)
                .payloadBuilder(arpBuilder)
                .paddingAtBuild(true)
                .build()
                .getRawData();
        assertThat(frame).hasSize(60);

        EthernetFrame eth = new EthernetFrame();
        assertThat(eth.wrap(frame, 0, frame.length)).isNull();
        assertThat(eth.etherType()).isEqualTo(EthernetFrame.TYPE_ARP);
        assertThat(arp.wrap(frame, eth.payloadOffset(), eth.payloadLength())).isNull();
        assertThat(arp.operation()).isEqualTo(ArpPacket.OP_REPLY);
        assertThat(arp.senderMac()).isEqualTo(ROUTER_MAC);
        assertThat(arp.senderIp()).isEqualTo(GATEWAY_IP);
        assertThat(arp.targetMac()).isEqualTo(CLIENT_MAC);
        assertThat(arp.targetIp()).isEqualTo(CLIENT_IP);
    }

    @Test
    void neverThrowsOnArbitraryBytes() {
        List<byte[]> seeds = List.of(CapturedFrames.ipPacket(CapturedFrames.ARP_REQUEST), CapturedFrames.ipPacket(CapturedFrames.ARP_REPLY));
        int accepted = ArbitraryBytes.forEachSlice(seeds, s -> {
            String reason = arp.wrap(s.buffer(), s.offset(), s.length());
            if (s.length() < 28) {
                assertThat(reason).isNotNull();
            }
            if (reason == null) {
                assertThat(arp.operation()).isIn(ArpPacket.OP_REQUEST, ArpPacket.OP_REPLY);
                arp.senderMac();
                arp.senderIp();
                arp.targetMac();
                arp.targetIp();
                arp.describe();
            }
            return reason == null;
        });
        assertThat(accepted).isGreaterThan(ArbitraryBytes.ROUNDS / 10);
    }
}
