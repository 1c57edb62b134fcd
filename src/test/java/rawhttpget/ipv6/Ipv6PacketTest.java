package rawhttpget.ipv6;

import org.junit.jupiter.api.Test;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.ipv4.InternetChecksum;
import rawhttpget.testing.Buffers;
import rawhttpget.testing.CapturedIpv6Frames;
import rawhttpget.testing.Hex;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class Ipv6PacketTest {
    private static final Ipv6Address CLIENT = Ipv6Address.parse("2001:2::2");
    private static final Ipv6Address SERVER = Ipv6Address.parse("2001:2:0:1::1");
    private final Ipv6Packet ip = new Ipv6Packet();

    @Test
    void readsEveryFieldOfTheCapturedSyn() {
        byte[] frame = Buffers.placed(CapturedIpv6Frames.frame(CapturedIpv6Frames.SYN));
        int at = Buffers.OFFSET + 14;

        assertThat(ip.wrap(frame, at, 80)).isNull();

        assertThat(ip.buffer()).isSameAs(frame);
        assertThat(ip.offset()).isEqualTo(at);
        assertThat(ip.trafficClass()).isZero();
        assertThat(ip.flowLabel()).isEqualTo(0x25caa);
        assertThat(ip.payloadLength()).isEqualTo(40);
        assertThat(ip.nextHeader()).isEqualTo(Ipv6Packet.NEXT_HEADER_TCP);
        assertThat(ip.hopLimit()).isEqualTo(64);
        assertThat(ip.source()).isEqualTo(CLIENT);
        assertThat(ip.destination()).isEqualTo(SERVER);
        assertThat(ip.sourceOffset()).isEqualTo(at + 8);
        assertThat(ip.destinationOffset()).isEqualTo(at + 24);
        assertThat(ip.upperLayerProtocol()).isEqualTo(Ipv6Packet.NEXT_HEADER_TCP);
        assertThat(ip.upperLayerOffset()).isEqualTo(at + 40);
        assertThat(ip.upperLayerLength()).isEqualTo(40);
        assertThat(ip.hasFragmentHeader()).isFalse();
        assertThat(ip.isFragment()).isFalse();
        assertThat(ip.upperLayerChecksumValid()).as("tcpdump: cksum 0x1beb (correct)").isTrue();
    }

    @Test
    void theTcpChecksumOverThePseudoHeaderIsTheCapturedOne() {
        byte[] packet = CapturedIpv6Frames.ipPacket(CapturedIpv6Frames.SYN_ACK);
        assertThat(ip.wrap(packet, 0, packet.length)).isNull();
        assertThat(ip.hopLimit()).isEqualTo(63);
        int captured = ((packet[40 + 16] & 0xFF) << 8) | (packet[40 + 17] & 0xFF);
        packet[40 + 16] = 0;
        packet[40 + 17] = 0;
        long fromView = ip.pseudoHeaderSum(Ipv6Packet.NEXT_HEADER_TCP, 40);
        long fromValues = Ipv6Packet.pseudoHeaderSum(SERVER, CLIENT, Ipv6Packet.NEXT_HEADER_TCP, 40);
        assertThat(InternetChecksum.fold(fromView)).isEqualTo(InternetChecksum.fold(fromValues));
        assertThat(InternetChecksum.finish(InternetChecksum.add(fromValues, packet, 40, 40))).isEqualTo(captured)
                .isEqualTo(0x8b0b);
    }

    @Test
    void stepsOverTheHopByHopHeaderOfAnMldReport() {
        byte[] packet = CapturedIpv6Frames.ipPacket(CapturedIpv6Frames.MLD_REPORT_WITH_HOP_BY_HOP);
        assertThat(ip.wrap(packet, 0, packet.length)).isNull();
        assertThat(ip.nextHeader()).isEqualTo(Ipv6Packet.NEXT_HEADER_HOP_BY_HOP);
        assertThat(ip.hopLimit()).isEqualTo(1);
        assertThat(ip.source()).isEqualTo(Ipv6Address.UNSPECIFIED);
        assertThat(ip.destination().toString()).isEqualTo("ff02::16");
        assertThat(ip.upperLayerProtocol()).isEqualTo(Ipv6Packet.NEXT_HEADER_ICMPV6);
        assertThat(ip.upperLayerOffset()).isEqualTo(48);
        assertThat(ip.upperLayerLength()).isEqualTo(28);
        assertThat(ip.upperLayerChecksumValid()).isTrue();
    }

    @Test
    void readsTheFragmentHeaderOfTheCapturedLastFragment() {
        byte[] packet = CapturedIpv6Frames.ipPacket(CapturedIpv6Frames.LAST_FRAGMENT);
        assertThat(ip.wrap(packet, 0, packet.length)).isNull();
        assertThat(ip.nextHeader()).isEqualTo(Ipv6Packet.NEXT_HEADER_FRAGMENT);
        assertThat(ip.hasFragmentHeader()).isTrue();
        assertThat(ip.isFragment()).isTrue();
        assertThat(ip.fragmentOffset()).isEqualTo(2896);
        assertThat(ip.moreFragments()).isFalse();
        assertThat(ip.fragmentIdentification()).isEqualTo(0x8642ee5f);
        assertThat(ip.upperLayerProtocol()).isEqualTo(Ipv6Packet.NEXT_HEADER_UDP);
        assertThat(ip.upperLayerOffset()).as("a later fragment: data, not a UDP header").isEqualTo(48);
        assertThat(ip.upperLayerLength()).isEqualTo(112);
        assertThat(ip.flowLabel()).isEqualTo(0x3a06c);
    }

    @Test
    void walksRoutingDestinationOptionsAndAFirstFragmentToTheTransport() {
        byte[] packet = packet(new int[] {0, 60, 43, 44, 60}, Ipv6Packet.NEXT_HEADER_TCP, 20);
        assertThat(ip.wrap(packet, 0, packet.length)).isNull();
        assertThat(ip.upperLayerProtocol()).isEqualTo(Ipv6Packet.NEXT_HEADER_TCP);
        assertThat(ip.upperLayerOffset()).isEqualTo(40 + 8 + 16 + 16 + 8 + 16);
        assertThat(ip.upperLayerLength()).isEqualTo(20);
        assertThat(ip.hasFragmentHeader()).isTrue();
        assertThat(ip.isFragment()).as("offset 0, M clear: an atomic fragment").isFalse();
        assertThat(ip.fragmentIdentification()).isEqualTo(0x01020304);
    }

    @Test
    void endsAtNoNextHeader() {
        byte[] packet = packet(new int[] {60}, Ipv6Packet.NEXT_HEADER_NONE, 0);
        assertThat(ip.wrap(packet, 0, packet.length)).isNull();
        assertThat(ip.upperLayerProtocol()).isEqualTo(Ipv6Packet.NEXT_HEADER_NONE);
        assertThat(ip.upperLayerLength()).isZero();
    }

    @Test
    void refusesWithAReason() {
        assertThat(refusal(packet(new int[] {60, 0}, 6, 20))).isEqualTo("ipv6: hop-by-hop header not first, at byte 56");
        assertThat(refusal(packet(new int[] {51}, 6, 20))).isEqualTo("ipv6: unsupported extension header 51 at byte 40");
        assertThat(refusal(packet(new int[] {60, 50}, 6, 20))).isEqualTo("ipv6: unsupported extension header 50 at byte 56");
        byte[] routed = packet(new int[] {43}, 6, 20);
        routed[43] = 2;
        assertThat(refusal(routed)).isEqualTo("ipv6: routing header with 2 segments left");
        byte[] longOptions = packet(new int[] {60}, 6, 0);
        longOptions[41] = 5;
        assertThat(refusal(longOptions)).isEqualTo("ipv6: extension header 60 of 48 bytes overruns the payload");
        byte[] cutFragment = packet(new int[] {}, 44, 4);
        assertThat(refusal(cutFragment)).isEqualTo("ipv6: fragment header cut short at byte 40");
        byte[] syn = CapturedIpv6Frames.ipPacket(CapturedIpv6Frames.SYN);
        assertThat(refusal(Arrays.copyOf(syn, 79))).isEqualTo("ipv6: payload length 40 does not fit frame 79");
        assertThat(refusal(Arrays.copyOf(syn, 39))).isEqualTo("ipv6: 39 bytes, shorter than a header");
        syn[0] = 0x45;
        assertThat(refusal(syn)).isEqualTo("ipv6: version 4");
    }

    @Test
    void trimsEthernetPadding() {
        byte[] padded = Arrays.copyOf(CapturedIpv6Frames.ipPacket(CapturedIpv6Frames.SYN), 100);
        assertThat(ip.wrap(padded, 0, padded.length)).isNull();
        assertThat(ip.upperLayerLength()).isEqualTo(40);
        assertThat(ip.upperLayerChecksumValid()).isTrue();
    }

    @Test
    void emitsTheCapturedSynsHeaderAndWritesNothingElse() {
        byte[] header = Buffers.emitChecked(40, (out, at) ->
                assertThat(Ipv6Packet.emitHeader(out, at, 0x25caa, 40, Ipv6Packet.NEXT_HEADER_TCP, 64, CLIENT, SERVER))
                        .isEqualTo(at + 40));
        byte[] syn = CapturedIpv6Frames.ipPacket(CapturedIpv6Frames.SYN);
        assertThat(Hex.of(header)).isEqualTo(Hex.of(syn, 0, 40));
    }

    /** An IPv6 packet whose extension headers are {@code chain} (8 bytes each; Routing 16, Destination Options 16). */
    private static byte[] packet(int[] chain, int upper, int upperLength) {
        int length = 40 + upperLength;
        for (int type : chain) {
            length += headerLength(type);
        }
        byte[] p = new byte[length];
        p[0] = 0x60;
        p[4] = (byte) ((length - 40) >>> 8);
        p[5] = (byte) (length - 40);
        p[6] = (byte) (chain.length == 0 ? upper : chain[0]);
        p[7] = 64;
        CLIENT.write(p, 8);
        SERVER.write(p, 24);
        int at = 40;
        for (int i = 0; i < chain.length; i++) {
            int h = headerLength(chain[i]);
            p[at] = (byte) (i + 1 < chain.length ? chain[i + 1] : upper);
            if (chain[i] == 44) {
                p[at + 4] = 1;
                p[at + 5] = 2;
                p[at + 6] = 3;
                p[at + 7] = 4;
            } else {
                p[at + 1] = (byte) (h / 8 - 1);
            }
            at += h;
        }
        return p;
    }

    private static int headerLength(int type) {
        return type == 43 || type == 60 ? 16 : 8;
    }

    private String refusal(byte[] packet) {
        return ip.wrap(packet, 0, packet.length);
    }
}
