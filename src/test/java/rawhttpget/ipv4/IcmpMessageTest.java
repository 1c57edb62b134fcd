package rawhttpget.ipv4;

import org.junit.jupiter.api.Test;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IcmpV4DestinationUnreachablePacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV4Rfc791Tos;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.IcmpV4Code;
import org.pcap4j.packet.namednumber.IcmpV4Type;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.IpVersion;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.testing.ArbitraryBytes;
import rawhttpget.testing.CapturedFrames;
import rawhttpget.testing.Hex;
import rawhttpget.testing.Pcap4jValues;
import rawhttpget.testing.ReferenceChecksum;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IcmpMessageTest {
    private final Ipv4Packet ip = new Ipv4Packet();
    private final IcmpMessage icmp = new IcmpMessage();

    private byte[] wrapCaptured() {
        byte[] frame = CapturedFrames.frame(CapturedFrames.ICMP_FRAGMENTATION_NEEDED);
        assertThat(ip.wrap(frame, 14, frame.length - 14)).isNull();
        assertThat(icmp.wrap(frame, ip.payloadOffset(), ip.payloadLength())).isNull();
        return frame;
    }

    @Test
    void readsTheCapturedFragmentationNeeded() {
        wrapCaptured();

        assertThat(icmp.type()).isEqualTo(IcmpMessage.TYPE_DEST_UNREACHABLE);
        assertThat(icmp.code()).isEqualTo(IcmpMessage.CODE_FRAGMENTATION_NEEDED);
        assertThat(icmp.nextHopMtu()).isEqualTo(1280);
        assertThat(icmp.quotedOffset()).isEqualTo(14 + 20 + 8);
        assertThat(icmp.quotedLength()).isEqualTo(548);
        assertThat(icmp.describe()).isEqualTo("fragmentation needed, next-hop MTU 1280");
    }

    @Test
    void quotesTheHeaderOfTheSegmentThatWasTooBig() {
        byte[] frame = wrapCaptured();
        int q = icmp.quotedOffset();

        assertThat(frame[q] & 0xFF).isEqualTo(0x45);
        assertThat(((frame[q + 2] & 0xFF) << 8) | (frame[q + 3] & 0xFF)).as("original total length").isEqualTo(1500);
        assertThat(frame[q + 9]).isEqualTo((byte) Ipv4Packet.PROTOCOL_TCP);
        assertThat(Ipv4Address.readBits(frame, q + 12)).isEqualTo(CapturedFrames.SERVER_IP);
        assertThat(Ipv4Address.readBits(frame, q + 16)).isEqualTo(CapturedFrames.CLIENT_IP);
        assertThat(InternetChecksum.fold(InternetChecksum.add(0, frame, q, 20))).as("quoted header checksum").isEqualTo(0xffff);
    }

    @Test
    void theQuotedPacketIsTruncatedSoIpv4PacketRefusesIt() {
        // Linux quotes as much as fits in 576 bytes; the quoted total length still says 1500. A stack matching
        // ICMP errors to connections must read the quoted header's fields directly.
        byte[] frame = wrapCaptured();

        assertThat(new Ipv4Packet().wrap(frame, icmp.quotedOffset(), icmp.quotedLength()))
                .isEqualTo("ip: total length 1500 does not fit header 20 and frame 548");
    }

    @Test
    void pcap4jAgreesOnTheCapturedMessage() {
        EthernetPacket eth = Pcap4jValues.parseFrame(CapturedFrames.frame(CapturedFrames.ICMP_FRAGMENTATION_NEEDED));
        IcmpV4CommonPacket common = eth.get(IcmpV4CommonPacket.class);
        wrapCaptured();

        assertThat(common.hasValidChecksum(false)).isTrue();
        assertThat(common.getHeader().getType().value()).isEqualTo((byte) icmp.type());
        assertThat(common.getHeader().getCode().value()).isEqualTo((byte) icmp.code());
        assertThat(eth.get(IcmpV4DestinationUnreachablePacket.class).getHeader().getUnused()).isEqualTo(icmp.nextHopMtu());
    }

    @Test
    void rejectsEveryLengthShorterThanAHeader() {
        byte[] frame = CapturedFrames.frame(CapturedFrames.ICMP_FRAGMENTATION_NEEDED);
        for (int n = 0; n < 8; n++) {
            assertThat(icmp.wrap(frame, 34, n)).as("length %d", n).isEqualTo("icmp: " + n + " bytes, shorter than a header");
        }
    }

    @Test
    void rejectsABadChecksumAnywhereInTheMessage() {
        byte[] good = CapturedFrames.frame(CapturedFrames.ICMP_FRAGMENTATION_NEEDED);
        for (int i = 34; i < good.length; i += 37) {
            byte[] frame = good.clone();
            frame[i] ^= 0x10;
            assertThat(icmp.wrap(frame, 34, 556)).as("byte %d changed", i).isEqualTo("icmp: bad checksum");
        }
        byte[] frame = good.clone();
        frame[good.length - 1] ^= 0x01;
        assertThat(icmp.wrap(frame, 34, 556)).isEqualTo("icmp: bad checksum");
    }

    @Test
    void checksumsAnOddLengthMessage() {
        // Echo reply, id 1, seq 2, one byte of data: the byte is summed as its own word padded with zero.
        byte[] msg = Hex.bytes("00 00 00 00 00 01 00 02 41");
        int c = ReferenceChecksum.checksum(msg, 0, msg.length);
        msg[2] = (byte) (c >>> 8);
        msg[3] = (byte) c;

        assertThat(icmp.wrap(msg, 0, msg.length)).isNull();
        assertThat(icmp.describe()).isEqualTo("echo reply");
        assertThat(icmp.wrap(msg, 0, msg.length - 1)).isEqualTo("icmp: bad checksum");
    }

    @Test
    void describesTheMessagesItMeets() {
        assertThat(describe(3, 0)).isEqualTo("net unreachable");
        assertThat(describe(3, 1)).isEqualTo("host unreachable");
        assertThat(describe(3, 2)).isEqualTo("protocol unreachable");
        assertThat(describe(3, 3)).isEqualTo("port unreachable");
        assertThat(describe(3, 4)).isEqualTo("fragmentation needed, next-hop MTU 0");
        assertThat(describe(3, 5)).isEqualTo("destination unreachable (code 5)");
        assertThat(describe(3, 9)).isEqualTo("communication administratively prohibited");
        assertThat(describe(3, 10)).isEqualTo("communication administratively prohibited");
        assertThat(describe(3, 13)).isEqualTo("communication administratively prohibited");
        assertThat(describe(11, 0)).isEqualTo("time exceeded in transit");
        assertThat(describe(8, 0)).isEqualTo("echo request");
        assertThat(describe(0, 0)).isEqualTo("echo reply");
        assertThat(describe(5, 1)).isEqualTo("type 5 code 1");
    }

    private String describe(int type, int code) {
        byte[] msg = new byte[8];
        msg[0] = (byte) type;
        msg[1] = (byte) code;
        int c = ReferenceChecksum.checksum(msg, 0, 8);
        msg[2] = (byte) (c >>> 8);
        msg[3] = (byte) c;
        assertThat(icmp.wrap(msg, 0, 8)).isNull();
        assertThat(icmp.type()).isEqualTo(type);
        assertThat(icmp.code()).isEqualTo(code);
        return icmp.describe();
    }

    @Test
    void weReadAFragmentationNeededBuiltByPcap4j() {
        IpV4Packet.Builder quoted = new IpV4Packet.Builder()
                .version(IpVersion.IPV4)
                .tos(IpV4Rfc791Tos.newInstance((byte) 0))
                .identification((short) 0x1234)
                .dontFragmentFlag(true)
                .ttl((byte) 64)
                .protocol(IpNumber.TCP)
                .srcAddr(Pcap4jValues.inet(CapturedFrames.CLIENT_IP))
                .dstAddr(Pcap4jValues.inet(CapturedFrames.SERVER_IP))
                .payloadBuilder(new UnknownPacket.Builder().rawData(Hex.bytes("9d 54 00 50 c7 71 ea 46")))
                .correctChecksumAtBuild(true)
                .correctLengthAtBuild(true);
        IcmpV4DestinationUnreachablePacket.Builder unreachable = new IcmpV4DestinationUnreachablePacket.Builder()
                .unused(1400)
                .payload(quoted.build());
        byte[] msg = new IcmpV4CommonPacket.Builder()
                .type(IcmpV4Type.DESTINATION_UNREACHABLE)
                .code(IcmpV4Code.FRAGMENTATION_BLOCKED)
                .payloadBuilder(unreachable)
                .correctChecksumAtBuild(true)
                .build()
                .getRawData();
        byte[] buf = new byte[msg.length + 5];
        System.arraycopy(msg, 0, buf, 5, msg.length);

        assertThat(icmp.wrap(buf, 5, msg.length)).isNull();

        assertThat(icmp.type()).isEqualTo(3);
        assertThat(icmp.code()).isEqualTo(4);
        assertThat(icmp.nextHopMtu()).isEqualTo(1400);
        assertThat(icmp.quotedOffset()).isEqualTo(13);
        assertThat(icmp.quotedLength()).isEqualTo(28);
        assertThat(ip.wrap(buf, icmp.quotedOffset(), icmp.quotedLength())).isNull();
        assertThat(ip.identification()).isEqualTo(0x1234);
        assertThat(Hex.of(buf, ip.payloadOffset(), ip.payloadLength())).isEqualTo("9d 54 00 50 c7 71 ea 46");
    }

    @Test
    void neverThrowsOnArbitraryBytes() {
        byte[] captured = CapturedFrames.frame(CapturedFrames.ICMP_FRAGMENTATION_NEEDED);
        List<byte[]> seeds = List.of(Arrays.copyOfRange(captured, 34, 34 + 60), Hex.bytes("00 00 ff fc 00 01 00 02"));
        int accepted = ArbitraryBytes.forEachSlice(seeds, s -> {
            boolean asIs = checkInvariants(s.buffer(), s.offset(), s.length());
            // Again with a repaired checksum, so that mutated messages reach the accessors.
            if (s.length() >= 8) {
                s.buffer()[s.offset() + 2] = 0;
                s.buffer()[s.offset() + 3] = 0;
                int c = ReferenceChecksum.checksum(s.buffer(), s.offset(), s.length());
                s.buffer()[s.offset() + 2] = (byte) (c >>> 8);
                s.buffer()[s.offset() + 3] = (byte) c;
                assertThat(checkInvariants(s.buffer(), s.offset(), s.length())).isTrue();
                return true;
            }
            return asIs;
        });
        assertThat(accepted).isGreaterThan(ArbitraryBytes.ROUNDS / 2);
    }

    private boolean checkInvariants(byte[] b, int off, int len) {
        String reason = icmp.wrap(b, off, len);
        if (len < 8) {
            assertThat(reason).isNotNull();
        }
        if (reason != null) {
            return false;
        }
        icmp.type();
        icmp.code();
        icmp.nextHopMtu();
        icmp.describe();
        assertThat(icmp.quotedOffset() + icmp.quotedLength()).isEqualTo(off + len);
        return true;
    }
}
