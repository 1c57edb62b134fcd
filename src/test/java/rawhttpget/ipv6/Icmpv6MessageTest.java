package rawhttpget.ipv6;

import org.junit.jupiter.api.Test;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.testing.Buffers;
import rawhttpget.testing.CapturedIpv6Frames;

import static org.assertj.core.api.Assertions.assertThat;

class Icmpv6MessageTest {
    private final Ipv6Packet ip = new Ipv6Packet();
    private final Icmpv6Message icmp = new Icmpv6Message();
    private final QuotedIpv6Packet quoted = new QuotedIpv6Packet();

    private void wrapCaptured(String frameHex) {
        byte[] frame = Buffers.placed(CapturedIpv6Frames.frame(frameHex));
        assertThat(ip.wrap(frame, Buffers.OFFSET + 14, frame.length - Buffers.OFFSET - 14 - 9)).isNull();
        assertThat(ip.upperLayerProtocol()).isEqualTo(Ipv6Packet.NEXT_HEADER_ICMPV6);
        assertThat(icmp.wrap(ip)).isNull();
    }

    @Test
    void readsTheCapturedPacketTooBigAndTheSegmentItQuotes() {
        wrapCaptured(CapturedIpv6Frames.PACKET_TOO_BIG);

        assertThat(icmp.type()).isEqualTo(Icmpv6Message.TYPE_PACKET_TOO_BIG);
        assertThat(icmp.code()).isZero();
        assertThat(icmp.isError()).isTrue();
        assertThat(icmp.length()).isEqualTo(1240);
        assertThat(icmp.mtu()).isEqualTo(1280);
        assertThat(icmp.pathMtu()).isEqualTo(1280);
        assertThat(icmp.bodyOffset()).isEqualTo(icmp.offset() + 8);
        assertThat(icmp.bodyLength()).isEqualTo(1232);
        assertThat(icmp.describe()).isEqualTo("ICMP6, packet too big, mtu 1280, length 1240");

        assertThat(icmp.quoted(quoted)).isNull();
        assertThat(quoted.source()).isEqualTo(Ipv6Address.parse("2001:2::2"));
        assertThat(quoted.destination()).isEqualTo(Ipv6Address.parse("2001:2:0:1::1"));
        assertThat(quoted.payloadLength()).as("the whole 1514-byte frame's payload").isEqualTo(1460);
        assertThat(quoted.protocol()).isEqualTo(Ipv6Packet.NEXT_HEADER_TCP);
        assertThat(quoted.transportOffset()).isEqualTo(icmp.bodyOffset() + 40);
        assertThat(quoted.sourcePort()).isEqualTo(57240);
        assertThat(quoted.destinationPort()).isEqualTo(80);
        assertThat(Integer.toUnsignedLong(quoted.tcpSequence())).isEqualTo(2726288659L);
    }

    @Test
    void readsTheCapturedPortUnreachableAndTheDatagramItQuotes() {
        wrapCaptured(CapturedIpv6Frames.PORT_UNREACHABLE);

        assertThat(icmp.type()).isEqualTo(Icmpv6Message.TYPE_DESTINATION_UNREACHABLE);
        assertThat(icmp.code()).isEqualTo(Icmpv6Message.CODE_PORT_UNREACHABLE);
        assertThat(icmp.describe())
                .isEqualTo("ICMP6, destination unreachable, unreachable port, 2001:2::fe udp port 9, length 1240");
        assertThat(icmp.quoted(quoted)).isNull();
        assertThat(quoted.protocol()).isEqualTo(Ipv6Packet.NEXT_HEADER_UDP);
        assertThat(quoted.transportOffset()).isEqualTo(icmp.bodyOffset() + 40);
        assertThat(quoted.payloadLength()).as("the reassembled datagram, 3000 bytes and the UDP header").isEqualTo(3008);
        assertThat(quoted.sourcePort()).isEqualTo(55382);
        assertThat(quoted.destinationPort()).isEqualTo(9);
    }

    /** tcpdump 4.99.3 -n's lines for the captured Neighbor Discovery and MLD messages. */
    @Test
    void describesTheCapturedInformationalMessagesAsTcpdumpDoes() {
        wrapCaptured(CapturedIpv6Frames.NEIGHBOR_SOLICITATION);
        assertThat(icmp.describe()).isEqualTo("ICMP6, neighbor solicitation, who has 2001:2::fe, length 32");
        assertThat(icmp.isError()).isFalse();
        assertThat(icmp.quoted(quoted)).isEqualTo("icmp6: type 135 quotes no packet");
        wrapCaptured(CapturedIpv6Frames.NEIGHBOR_ADVERTISEMENT);
        assertThat(icmp.describe()).isEqualTo("ICMP6, neighbor advertisement, tgt is 2001:2::fe, length 32");
        wrapCaptured(CapturedIpv6Frames.DAD_NEIGHBOR_SOLICITATION);
        assertThat(icmp.describe()).isEqualTo("ICMP6, neighbor solicitation, who has 2001:2::2, length 32");
        wrapCaptured(CapturedIpv6Frames.ROUTER_SOLICITATION);
        assertThat(icmp.describe()).isEqualTo("ICMP6, router solicitation, length 16");
        wrapCaptured(CapturedIpv6Frames.MLD_REPORT_WITH_HOP_BY_HOP);
        assertThat(icmp.describe()).isEqualTo("ICMP6, multicast listener report v2, 1 group record(s), length 28");
    }

    @Test
    void refusesABadChecksumAndAShortMessage() {
        byte[] packet = CapturedIpv6Frames.ipPacket(CapturedIpv6Frames.NEIGHBOR_ADVERTISEMENT);
        packet[packet.length - 1] ^= 1;
        assertThat(ip.wrap(packet, 0, packet.length)).isNull();
        assertThat(icmp.wrap(ip)).isEqualTo(Icmpv6Message.BAD_CHECKSUM);
        assertThat(icmp.wrap(packet, 40, 7, 0)).isEqualTo("icmp6: 7 bytes, shorter than a header");
        byte[] syn = CapturedIpv6Frames.ipPacket(CapturedIpv6Frames.SYN);
        assertThat(ip.wrap(syn, 0, syn.length)).isNull();
        assertThat(icmp.wrap(ip)).isEqualTo("icmp6: next header 6, not ICMPv6");
    }

    @Test
    void refusesAFragmentOfAMessage() {
        byte[] message = Icmpv6Messages.message(Icmpv6Message.TYPE_ECHO_REQUEST, 0, 0, new byte[8]);
        byte[] fragment = Icmpv6Messages.withHeader(message, Ipv6Packet.NEXT_HEADER_FRAGMENT,
                new byte[] {58, 0, 0, 1, 0, 0, 0, 9});
        assertThat(ip.wrap(fragment, 0, fragment.length)).isNull();
        assertThat(icmp.wrap(ip)).isEqualTo("icmp6: a fragment, which only reassembly would make whole");
    }

    @Test
    void thePathMtuNeverFallsBelowTheIpv6Minimum() {
        assertThat(messageWithWord(Icmpv6Message.TYPE_PACKET_TOO_BIG, 0, 1000).pathMtu()).isEqualTo(1280);
        assertThat(messageWithWord(Icmpv6Message.TYPE_PACKET_TOO_BIG, 0, 0).pathMtu()).isEqualTo(1280);
        assertThat(messageWithWord(Icmpv6Message.TYPE_PACKET_TOO_BIG, 0, 1279).mtu()).isEqualTo(1279);
        assertThat(messageWithWord(Icmpv6Message.TYPE_PACKET_TOO_BIG, 0, 1492).pathMtu()).isEqualTo(1492);
        assertThat(messageWithWord(Icmpv6Message.TYPE_PACKET_TOO_BIG, 0, 9000).pathMtu()).isEqualTo(9000);
        assertThat(messageWithWord(Icmpv6Message.TYPE_PACKET_TOO_BIG, 0, -1).mtu()).isEqualTo(0xFFFF_FFFFL);
        assertThat(messageWithWord(Icmpv6Message.TYPE_PACKET_TOO_BIG, 0, -1).pathMtu()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void readsEchoAndParameterProblemFields() {
        Icmpv6Message echo = messageWithWord(Icmpv6Message.TYPE_ECHO_REQUEST, 0, (7 << 16) | 1);
        assertThat(echo.echoIdentifier()).isEqualTo(7);
        assertThat(echo.echoSequence()).isEqualTo(1);
        assertThat(messageWithWord(Icmpv6Message.TYPE_PARAMETER_PROBLEM, 1, 40).pointer()).isEqualTo(40);
    }

    @Test
    void theQuotedViewRefusesWithAReason() {
        byte[] quote = Icmpv6Messages.quotedSyn();
        assertThat(quoted.wrap(quote, 0, 47)).isEqualTo("icmp6: quoted packet of 47 bytes, shorter than an IPv6 header and 8 bytes");
        quote[0] = 0x45;
        assertThat(quoted.wrap(quote, 0, quote.length)).isEqualTo("icmp6: quoted packet is IP version 4, not 6");
        byte[] fragment = Icmpv6Messages.withHeader(Icmpv6Messages.quotedSyn(), 44, new byte[] {6, 0, 0, 8, 0, 0, 0, 1});
        assertThat(quoted.wrap(fragment, 0, fragment.length))
                .isEqualTo("icmp6: quoted packet is a later fragment, without a transport header");
        byte[] options = Icmpv6Messages.withHeader(Icmpv6Messages.quotedSyn(), 60, new byte[] {6, 4, 0, 0, 0, 0, 0, 0});
        assertThat(quoted.wrap(options, 0, options.length)).isEqualTo("icmp6: quote ends inside extension header 60");
        byte[] first = Icmpv6Messages.withHeader(Icmpv6Messages.quotedSyn(), 44, new byte[] {6, 0, 0, 1, 0, 0, 0, 1});
        assertThat(quoted.wrap(first, 0, 55)).isEqualTo("icmp6: quote ends 7 bytes into the transport header, fewer than 8");
        assertThat(quoted.wrap(first, 0, 56)).isNull();
        assertThat(quoted.transportOffset()).as("after the first fragment's header").isEqualTo(48);
        assertThat(quoted.destinationPort()).isEqualTo(80);
        byte[] none = Icmpv6Messages.quotedSyn();
        none[6] = 59;
        assertThat(quoted.wrap(none, 0, none.length))
                .isEqualTo("icmp6: quoted packet has no transport header to read (next header 59)");
    }

    @Test
    void writesAChecksumThatVerifies() {
        Ipv6Address from = Ipv6Address.parse("2001:2::fe");
        Ipv6Address to = Ipv6Address.parse("2001:2::2");
        byte[] message = Buffers.filled(16);
        message[0] = (byte) Icmpv6Message.TYPE_ECHO_REPLY;
        message[1] = 0;
        for (int i = 4; i < 16; i++) {
            message[i] = (byte) i;
        }
        long pseudo = Ipv6Packet.pseudoHeaderSum(from, to, Ipv6Packet.NEXT_HEADER_ICMPV6, 16);
        Icmpv6Message.writeChecksum(message, 0, 16, pseudo);
        assertThat(icmp.wrap(message, 0, 16, pseudo)).isNull();
        assertThat(icmp.checksum()).isEqualTo(((message[2] & 0xFF) << 8) | (message[3] & 0xFF));
    }

    private static Icmpv6Message messageWithWord(int type, int code, int word) {
        byte[] m = Icmpv6Messages.message(type, code, word, new byte[0]);
        Icmpv6Message icmp = new Icmpv6Message();
        assertThat(icmp.wrap(m, 40, m.length - 40, Icmpv6Messages.pseudoHeader(m.length - 40))).isNull();
        return icmp;
    }
}
