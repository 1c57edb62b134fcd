package rawhttpget.ipv4;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.testing.CapturedFrames;
import rawhttpget.testing.Hex;

import static org.assertj.core.api.Assertions.assertThat;

/** The view over the packet an ICMP error quotes: exact fields of a captured error and of hand-built quotes. */
class QuotedPacketTest {
    private final QuotedPacket quoted = new QuotedPacket();

    @Test
    void readsTheSegmentACapturedFragmentationNeededQuotes() {
        byte[] frame = CapturedFrames.frame(CapturedFrames.ICMP_FRAGMENTATION_NEEDED);
        Ipv4Packet ip = new Ipv4Packet();
        IcmpMessage icmp = new IcmpMessage();
        assertThat(ip.wrap(frame, 14, frame.length - 14)).isNull();
        assertThat(icmp.wrap(frame, ip.payloadOffset(), ip.payloadLength())).isNull();

        assertThat(icmp.quoted(quoted)).isNull();
        assertThat(quoted.headerLength()).isEqualTo(20);
        assertThat(quoted.totalLength()).isEqualTo(1500);
        assertThat(quoted.protocol()).isEqualTo(Ipv4Packet.PROTOCOL_TCP);
        assertThat(quoted.source()).isEqualTo(CapturedFrames.SERVER_IP);
        assertThat(quoted.destination()).isEqualTo(CapturedFrames.CLIENT_IP);
        assertThat(quoted.sourcePort()).isEqualTo(80);
        assertThat(quoted.destinationPort()).isEqualTo(CapturedFrames.CLIENT_PORT);
        assertThat(Integer.toUnsignedLong(quoted.tcpSequence())).isEqualTo(4150558441L);
    }

    /** header | 8 transport bytes | ihl | total length | protocol | source | destination | source port | destination port | sequence */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            45000028000100004006000 0c6120001c6120002 | 9c4000500000000a | 20 | 40   | 6  | 198.18.0.1 | 198.18.0.2 | 40000 | 80   | 10
            45000234000100004011000 0c6130001c6120001 | 00350d3dffffffff | 20 | 564  | 17 | 198.19.0.1 | 198.18.0.1 | 53    | 3389 | -1
            47000040000100004006000 0c6120001c61200020101010101010101 | 0050c350800000 00 | 28 | 64 | 6 | 198.18.0.1 | 198.18.0.2 | 80 | 50000 | -2147483648
            """)
    void readsEveryFieldAtItsOffset(String header, String transport, int ihl, int totalLength, int protocol,
                                    String source, String destination, int sourcePort, int destinationPort, int seq) {
        byte[] b = Hex.bytes((header + transport).replace(" ", ""));
        assertThat(quoted.wrap(b, 0, b.length)).isNull();
        assertThat(quoted.headerLength()).isEqualTo(ihl);
        assertThat(quoted.totalLength()).isEqualTo(totalLength);
        assertThat(quoted.protocol()).isEqualTo(protocol);
        assertThat(Ipv4Address.format(quoted.source())).isEqualTo(source);
        assertThat(Ipv4Address.format(quoted.destination())).isEqualTo(destination);
        assertThat(quoted.sourcePort()).isEqualTo(sourcePort);
        assertThat(quoted.destinationPort()).isEqualTo(destinationPort);
        assertThat(quoted.tcpSequence()).isEqualTo(seq);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''                                                   | icmp: quoted packet of 0 bytes, shorter than an IPv4 header and 8 bytes
            4500002800010000400600 00c6120001c6120002 9c400050000000 | icmp: quoted packet of 27 bytes, shorter than an IPv4 header and 8 bytes
            6500002800010000400600 00c6120001c6120002 9c4000500000000a | icmp: quoted packet is IP version 6, not 4
            4400002800010000400600 00c6120001c6120002 9c4000500000000a | icmp: quoted IPv4 header length 16, less than 20
            4600002800010000400600 00c6120001c6120002 9c4000500000000a | icmp: quoted packet of 28 bytes, too short for its 24-byte IPv4 header and 8 bytes
            """)
    void refusesWhatCannotNameAPacketOfOurs(String hex, String problem) {
        byte[] b = Hex.bytes(hex.replace(" ", ""));
        assertThat(quoted.wrap(b, 0, b.length)).isEqualTo(problem);
    }

    @Test
    void readsInsideALargerBufferFromItsOffset() {
        byte[] b = Hex.bytes("a5a5a5" + "45000028000100004006000 0c6120001c6120002".replace(" ", "") + "9c4000500000000a" + "a5");
        assertThat(quoted.wrap(b, 3, 28)).isNull();
        assertThat(quoted.sourcePort()).isEqualTo(40000);
        assertThat(quoted.tcpSequence()).isEqualTo(10);
        assertThat(quoted.wrap(b, 3, 27)).isEqualTo("icmp: quoted packet of 27 bytes, shorter than an IPv4 header and 8 bytes");
    }
}
