package rawhttpget.ipv4;

import org.junit.jupiter.api.Test;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV4Rfc791Tos;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.IpVersion;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.testing.ArbitraryBytes;
import rawhttpget.testing.Buffers;
import rawhttpget.testing.CapturedFrames;
import rawhttpget.testing.Hex;
import rawhttpget.testing.Pcap4jValues;
import rawhttpget.testing.ReferenceChecksum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static rawhttpget.testing.CapturedFrames.CLIENT_IP;
import static rawhttpget.testing.CapturedFrames.SERVER_IP;

class Ipv4PacketTest {
    private final Ipv4Packet ip = new Ipv4Packet();

    @Test
    void readsEveryFieldOfTheCapturedSyn() {
        byte[] frame = Buffers.placed(CapturedFrames.frame(CapturedFrames.SYN));
        int at = Buffers.OFFSET + 14;

        assertThat(ip.wrap(frame, at, 60)).isNull();

        assertThat(ip.buffer()).isSameAs(frame);
        assertThat(ip.offset()).isEqualTo(at);
        assertThat(ip.headerLength()).isEqualTo(20);
        assertThat(ip.totalLength()).isEqualTo(60);
        assertThat(ip.identification()).isEqualTo(0x04c9);
        assertThat(ip.dontFragment()).isTrue();
        assertThat(ip.moreFragments()).isFalse();
        assertThat(ip.fragmentOffset()).isZero();
        assertThat(ip.isFragment()).isFalse();
        assertThat(ip.ttl()).isEqualTo(64);
        assertThat(ip.protocol()).isEqualTo(Ipv4Packet.PROTOCOL_TCP);
        assertThat(ip.checksum()).isEqualTo(0xa9cb);
        assertThat(ip.source()).isEqualTo(CLIENT_IP);
        assertThat(ip.destination()).isEqualTo(SERVER_IP);
        assertThat(ip.payloadOffset()).isEqualTo(at + 20);
        assertThat(ip.payloadLength()).isEqualTo(40);
    }

    @Test
    void readsTheForwardedSynAck() {
        byte[] packet = CapturedFrames.ipPacket(CapturedFrames.SYN_ACK);

        assertThat(ip.wrap(packet, 0, packet.length)).isNull();

        assertThat(ip.identification()).isZero();
        assertThat(ip.ttl()).isEqualTo(63);
        assertThat(ip.checksum()).isEqualTo(0xaf94);
        assertThat(ip.source()).isEqualTo(SERVER_IP);
        assertThat(ip.destination()).isEqualTo(CLIENT_IP);
        assertThat(ip.dontFragment()).isTrue();
    }

    @Test
    void readsTheCapturedIcmpErrorWithoutDontFragment() {
        byte[] packet = CapturedFrames.ipPacket(CapturedFrames.ICMP_FRAGMENTATION_NEEDED);

        assertThat(ip.wrap(packet, 0, packet.length)).isNull();

        assertThat(ip.totalLength()).isEqualTo(576);
        assertThat(ip.identification()).isEqualTo(0x4ccf);
        assertThat(ip.dontFragment()).isFalse();
        assertThat(ip.isFragment()).isFalse();
        assertThat(ip.protocol()).isEqualTo(Ipv4Packet.PROTOCOL_ICMP);
        assertThat(ip.checksum()).isEqualTo(0x9e08);
        assertThat(ip.source()).isEqualTo(CapturedFrames.ROUTER_SERVER_SIDE_IP);
        assertThat(ip.destination()).isEqualTo(SERVER_IP);
        assertThat(ip.payloadLength()).isEqualTo(556);
    }

    @Test
    void trimsEthernetPaddingToTheTotalLength() {
        // The captured bare ACK is a 40-byte IP packet; on a wire it arrives padded to a 60-byte frame.
        byte[] padded = new byte[60];
        Arrays.fill(padded, (byte) 0xA5);
        byte[] ack = CapturedFrames.frame(CapturedFrames.NO_TS_BARE_ACK);
        System.arraycopy(ack, 0, padded, 0, ack.length);
        EthernetFrame eth = new EthernetFrame();
        assertThat(eth.wrap(padded, 0, 60)).isNull();

        assertThat(ip.wrap(padded, eth.payloadOffset(), eth.payloadLength())).isNull();

        assertThat(eth.payloadLength()).isEqualTo(46);
        assertThat(ip.totalLength()).isEqualTo(40);
        assertThat(ip.payloadOffset()).isEqualTo(34);
        assertThat(ip.payloadLength()).isEqualTo(20);
    }

    @Test
    void rejectsEveryTruncation() {
        byte[] packet = Buffers.placed(CapturedFrames.ipPacket(CapturedFrames.HTTP_GET));
        for (int n = 0; n < 20; n++) {
            assertThat(ip.wrap(packet, Buffers.OFFSET, n)).as("length %d", n).isEqualTo("ip: " + n + " bytes, shorter than a header");
        }
        for (int n = 20; n < 129; n++) {
            assertThat(ip.wrap(packet, Buffers.OFFSET, n)).as("length %d", n)
                    .isEqualTo("ip: total length 129 does not fit header 20 and frame " + n);
        }
        assertThat(ip.wrap(packet, Buffers.OFFSET, 129)).isNull();
    }

    @Test
    void rejectsVersionsOtherThan4() {
        for (int version : new int[] {0, 1, 5, 6, 15}) {
            byte[] packet = CapturedFrames.ipPacket(CapturedFrames.SYN);
            packet[0] = (byte) ((version << 4) | 5);
            ReferenceChecksum.fixIpv4HeaderChecksum(packet, 0);
            assertThat(ip.wrap(packet, 0, packet.length)).isEqualTo("ip: version " + version);
        }
    }

    @Test
    void rejectsAHeaderLengthBelow20OrBeyondThePacket() {
        for (int ihl = 0; ihl < 5; ihl++) {
            byte[] packet = CapturedFrames.ipPacket(CapturedFrames.SYN);
            packet[0] = (byte) (0x40 | ihl);
            assertThat(ip.wrap(packet, 0, packet.length)).isEqualTo("ip: bad header length " + ihl * 4);
        }
        byte[] packet = CapturedFrames.ipPacket(CapturedFrames.NO_TS_BARE_ACK);
        packet[0] = 0x4f;
        assertThat(ip.wrap(packet, 0, 40)).isEqualTo("ip: bad header length 60");
    }

    @Test
    void rejectsATotalLengthShorterThanTheHeaderOrLongerThanTheFrame() {
        byte[] packet = CapturedFrames.ipPacket(CapturedFrames.NO_TS_BARE_ACK);
        setTotalLength(packet, 19);
        assertThat(ip.wrap(packet, 0, 40)).isEqualTo("ip: total length 19 does not fit header 20 and frame 40");
        setTotalLength(packet, 0);
        assertThat(ip.wrap(packet, 0, 40)).isEqualTo("ip: total length 0 does not fit header 20 and frame 40");
        setTotalLength(packet, 41);
        assertThat(ip.wrap(packet, 0, 40)).isEqualTo("ip: total length 41 does not fit header 20 and frame 40");
        setTotalLength(packet, 65535);
        assertThat(ip.wrap(packet, 0, 40)).isEqualTo("ip: total length 65535 does not fit header 20 and frame 40");
        setTotalLength(packet, 20);
        assertThat(ip.wrap(packet, 0, 40)).isNull();
        assertThat(ip.payloadLength()).isZero();
    }

    private static void setTotalLength(byte[] packet, int total) {
        packet[2] = (byte) (total >>> 8);
        packet[3] = (byte) total;
        ReferenceChecksum.fixIpv4HeaderChecksum(packet, 0);
    }

    @Test
    void rejectsEverySingleBitErrorInTheHeader() {
        byte[] good = CapturedFrames.ipPacket(CapturedFrames.SYN);
        for (int bit = 0; bit < 160; bit++) {
            byte[] packet = good.clone();
            packet[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
            assertThat(ip.wrap(packet, 0, packet.length)).as("bit %d flipped", bit).isNotNull();
        }
        byte[] packet = good.clone();
        packet[8] ^= 1;
        assertThat(ip.wrap(packet, 0, packet.length)).isEqualTo("ip: bad header checksum");
    }

    @Test
    void acceptsAHeaderWithOptionsAndStartsThePayloadAfterThem() {
        // IHL 6: one word of options (three NOPs and an end-of-list), then 4 bytes of payload.
        byte[] packet = Hex.bytes("46 00 00 1c 12 34 40 00 40 06 00 00 c6 12 00 01 c6 13 00 01 01 01 01 00 de ad be ef");
        ReferenceChecksum.fixIpv4HeaderChecksum(packet, 0);

        assertThat(ip.wrap(packet, 0, packet.length)).isNull();

        assertThat(ip.headerLength()).isEqualTo(24);
        assertThat(ip.payloadOffset()).isEqualTo(24);
        assertThat(ip.payloadLength()).isEqualTo(4);
        assertThat(ip.identification()).isEqualTo(0x1234);
    }

    @Test
    void checksIpOptionsInTheHeaderChecksum() {
        byte[] packet = Hex.bytes("46 00 00 1c 12 34 40 00 40 06 00 00 c6 12 00 01 c6 13 00 01 01 01 01 00 de ad be ef");
        ReferenceChecksum.fixIpv4HeaderChecksum(packet, 0);
        packet[22] = 0x07;

        assertThat(ip.wrap(packet, 0, packet.length)).isEqualTo("ip: bad header checksum");
    }

    @Test
    void recognisesFragmentsBuiltByPcap4j() {
        assertThat(fragmentFlags(false, true, 0)).containsExactly(true, 0, true);
        assertThat(fragmentFlags(false, true, 185)).containsExactly(true, 1480, true);
        assertThat(fragmentFlags(false, false, 185)).containsExactly(false, 1480, true);
        assertThat(fragmentFlags(false, false, 0x1fff)).containsExactly(false, 0x1fff * 8, true);
        assertThat(fragmentFlags(true, false, 0)).containsExactly(false, 0, false);
        assertThat(fragmentFlags(false, false, 0)).containsExactly(false, 0, false);
    }

    private List<Object> fragmentFlags(boolean df, boolean mf, int offsetIn8ByteUnits) {
        byte[] packet = pcap4jIpv4((short) 77, (byte) 33, IpNumber.TCP, df, mf, (short) offsetIn8ByteUnits, new byte[16]).getRawData();
        assertThat(ip.wrap(packet, 0, packet.length)).isNull();
        assertThat(ip.dontFragment()).isEqualTo(df);
        return List.of(ip.moreFragments(), ip.fragmentOffset(), ip.isFragment());
    }

    @Test
    void emitsTheCapturedHeadersByteForByte() {
        byte[] syn = Buffers.emitChecked(20, (b, off) -> assertThat(
                Ipv4Packet.emitHeader(b, off, CLIENT_IP, SERVER_IP, Ipv4Packet.PROTOCOL_TCP, 40, 0x04c9, 64)).isEqualTo(off + 20));
        byte[] synAck = Buffers.emitChecked(20, (b, off) ->
                Ipv4Packet.emitHeader(b, off, SERVER_IP, CLIENT_IP, Ipv4Packet.PROTOCOL_TCP, 40, 0, 63));
        byte[] get = Buffers.emitChecked(20, (b, off) ->
                Ipv4Packet.emitHeader(b, off, CLIENT_IP, SERVER_IP, Ipv4Packet.PROTOCOL_TCP, 109, 0x04cb, 64));

        assertThat(Hex.of(syn)).isEqualTo(Hex.of(CapturedFrames.frame(CapturedFrames.SYN), 14, 20));
        assertThat(Hex.of(synAck)).isEqualTo(Hex.of(CapturedFrames.frame(CapturedFrames.SYN_ACK), 14, 20));
        assertThat(Hex.of(get)).isEqualTo(Hex.of(CapturedFrames.frame(CapturedFrames.HTTP_GET), 14, 20));
    }

    @Test
    void emittedHeaderReadsBackWithTheSameFields() {
        SplittableRandom random = new SplittableRandom(791);
        for (int i = 0; i < 500; i++) {
            int src = random.nextInt();
            int dst = random.nextInt();
            int protocol = random.nextInt(256);
            int payload = random.nextInt(0, 65516);
            int ident = random.nextInt(65536);
            int ttl = random.nextInt(256);
            byte[] b = Buffers.filled(Buffers.OFFSET + 20 + payload);
            Ipv4Packet.emitHeader(b, Buffers.OFFSET, src, dst, protocol, payload, ident, ttl);

            assertThat(ip.wrap(b, Buffers.OFFSET, 20 + payload)).isNull();
            assertThat(ip.source()).isEqualTo(src);
            assertThat(ip.destination()).isEqualTo(dst);
            assertThat(ip.protocol()).isEqualTo(protocol);
            assertThat(ip.totalLength()).isEqualTo(20 + payload);
            assertThat(ip.payloadLength()).isEqualTo(payload);
            assertThat(ip.identification()).isEqualTo(ident);
            assertThat(ip.ttl()).isEqualTo(ttl);
            assertThat(ip.dontFragment()).isTrue();
            assertThat(ip.isFragment()).isFalse();
            assertThat(ip.checksum()).isEqualTo(ReferenceChecksum.checksum(zeroChecksum(b, Buffers.OFFSET), Buffers.OFFSET, 20));
        }
    }

    private static byte[] zeroChecksum(byte[] b, int off) {
        byte[] copy = b.clone();
        copy[off + 10] = 0;
        copy[off + 11] = 0;
        return copy;
    }

    @Test
    void pcap4jReadsWhatWeEmit() {
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 200; i++) {
            int src = random.nextInt();
            int dst = random.nextInt();
            int ident = random.nextInt(65536);
            int ttl = random.nextInt(1, 256);
            int payload = random.nextInt(0, 1481);
            byte[] frame = new byte[14 + 20 + payload];
            int at = EthernetFrame.emitHeader(frame, 0, 0x020000000002L, 0x020000000001L, EthernetFrame.TYPE_IPV4);
            Ipv4Packet.emitHeader(frame, at, src, dst, 253, payload, ident, ttl);

            EthernetPacket eth = Pcap4jValues.parseFrame(frame);
            IpV4Packet.IpV4Header h = eth.get(IpV4Packet.class).getHeader();
            assertThat(h.getVersion()).isEqualTo(IpVersion.IPV4);
            assertThat(h.getIhlAsInt()).isEqualTo(5);
            assertThat(h.getTos().value()).isZero();
            assertThat(h.getTotalLengthAsInt()).isEqualTo(20 + payload);
            assertThat(h.getIdentificationAsInt()).isEqualTo(ident);
            assertThat(h.getReservedFlag()).isFalse();
            assertThat(h.getDontFragmentFlag()).isTrue();
            assertThat(h.getMoreFragmentFlag()).isFalse();
            assertThat(h.getFragmentOffset()).isZero();
            assertThat(h.getTtlAsInt()).isEqualTo(ttl);
            assertThat(h.getProtocol().value()).isEqualTo((byte) 253);
            assertThat(Pcap4jValues.bits(h.getSrcAddr())).isEqualTo(src);
            assertThat(Pcap4jValues.bits(h.getDstAddr())).isEqualTo(dst);
            assertThat(h.getOptions()).isEmpty();
            assertThat(h.hasValidChecksum(false)).isTrue();
        }
    }

    @Test
    void weReadWhatPcap4jBuilds() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            short ident = (short) random.nextInt(65536);
            byte ttl = (byte) random.nextInt(256);
            byte[] payload = new byte[random.nextInt(0, 200)];
            random.nextBytes(payload);
            IpV4Packet built = pcap4jIpv4(ident, ttl, IpNumber.ICMPV4, random.nextBoolean(), false, (short) 0, payload);
            byte[] frame = new EthernetPacket.Builder()
                    .dstAddr(Pcap4jValues.mac(0x020000000002L))
                    .srcAddr(Pcap4jValues.mac(0x020000000001L))
                    .type(EtherType.IPV4)
                    .payloadBuilder(built.getBuilder())
                    .paddingAtBuild(true)
                    .build()
                    .getRawData();
            EthernetFrame eth = new EthernetFrame();
            assertThat(eth.wrap(frame, 0, frame.length)).isNull();

            assertThat(ip.wrap(frame, eth.payloadOffset(), eth.payloadLength())).isNull();

            IpV4Packet.IpV4Header h = built.getHeader();
            assertThat(ip.identification()).isEqualTo(h.getIdentificationAsInt());
            assertThat(ip.ttl()).isEqualTo(h.getTtlAsInt());
            assertThat(ip.dontFragment()).isEqualTo(h.getDontFragmentFlag());
            assertThat(ip.protocol()).isEqualTo(Ipv4Packet.PROTOCOL_ICMP);
            assertThat(ip.checksum()).isEqualTo(h.getHeaderChecksum() & 0xFFFF);
            assertThat(ip.source()).isEqualTo(CLIENT_IP);
            assertThat(ip.destination()).isEqualTo(SERVER_IP);
            assertThat(ip.totalLength()).isEqualTo(20 + payload.length);
            assertThat(ip.payloadLength()).as("padding trimmed").isEqualTo(payload.length);
            assertThat(Arrays.copyOfRange(frame, ip.payloadOffset(), ip.payloadOffset() + ip.payloadLength())).isEqualTo(payload);
        }
    }

    private static IpV4Packet pcap4jIpv4(short ident, byte ttl, IpNumber protocol, boolean df, boolean mf, short fragmentOffset, byte[] payload) {
        return new IpV4Packet.Builder()
                .version(IpVersion.IPV4)
                .tos(IpV4Rfc791Tos.newInstance((byte) 0))
                .identification(ident)
                .dontFragmentFlag(df)
                .moreFragmentFlag(mf)
                .fragmentOffset(fragmentOffset)
                .ttl(ttl)
                .protocol(protocol)
                .srcAddr(Pcap4jValues.inet(CLIENT_IP))
                .dstAddr(Pcap4jValues.inet(SERVER_IP))
                .payloadBuilder(new UnknownPacket.Builder().rawData(payload))
                .correctChecksumAtBuild(true)
                .correctLengthAtBuild(true)
                .build();
    }

    @Test
    void neverThrowsOnArbitraryBytes() {
        List<byte[]> seeds = new ArrayList<>();
        for (byte[] frame : CapturedFrames.allFrames()) {
            seeds.add(Arrays.copyOfRange(frame, 14, frame.length));
        }
        int accepted = ArbitraryBytes.forEachSlice(seeds, s -> {
            boolean asIs = checkInvariants(s.buffer(), s.offset(), s.length());
            // Again with a repaired header checksum, so that mutated headers reach the later checks.
            if (s.length() >= 20 && (s.buffer()[s.offset()] & 0x0F) * 4 <= s.length()) {
                ReferenceChecksum.fixIpv4HeaderChecksum(s.buffer(), s.offset());
                return checkInvariants(s.buffer(), s.offset(), s.length()) || asIs;
            }
            return asIs;
        });
        assertThat(accepted).isGreaterThan(ArbitraryBytes.ROUNDS / 10);
    }

    private boolean checkInvariants(byte[] b, int off, int len) {
        if (ip.wrap(b, off, len) != null) {
            return false;
        }
        assertThat(ip.headerLength()).isBetween(20, 60);
        assertThat(ip.totalLength()).isBetween(ip.headerLength(), len);
        assertThat(ip.payloadOffset() + ip.payloadLength()).isLessThanOrEqualTo(off + len);
        assertThat(ip.payloadLength()).isNotNegative();
        ip.identification();
        ip.isFragment();
        ip.ttl();
        ip.protocol();
        ip.checksum();
        ip.source();
        ip.destination();
        return true;
    }
}
