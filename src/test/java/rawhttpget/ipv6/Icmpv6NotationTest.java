package rawhttpget.ipv6;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import rawhttpget.inet.Ipv6Address;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Icmpv6Message#describe} against tcpdump 4.99.3: each expected line is what {@code tcpdump -n} printed for
 * the same message (written to a pcap file and read back), after the addresses.
 */
class Icmpv6NotationTest {

    /** Errors quoting the 60-byte SYN 2001:2::2.57240 > 2001:2:0:1::1.80 (so each message is 68 bytes). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "1 | 0 | 0    | ICMP6, destination unreachable, unreachable route 2001:2:0:1::1, length 68",
            "1 | 1 | 0    | \"ICMP6, destination unreachable,  unreachable prohibited 2001:2:0:1::1, length 68\"",
            "1 | 2 | 0    | ICMP6, destination unreachable, beyond scope 2001:2:0:1::1, source address 2001:2::2, length 68",
            "1 | 3 | 0    | ICMP6, destination unreachable, unreachable address 2001:2:0:1::1, length 68",
            "1 | 4 | 0    | ICMP6, destination unreachable, unreachable port, 2001:2:0:1::1 tcp port 80, length 68",
            "1 | 5 | 0    | ICMP6, destination unreachable, unknown unreach code (5)",
            "1 | 8 | 0    | ICMP6, destination unreachable, unknown unreach code (8)",
            "2 | 0 | 1280 | ICMP6, packet too big, mtu 1280, length 68",
            "2 | 0 | 1000 | ICMP6, packet too big, mtu 1000, length 68",
            "3 | 0 | 0    | ICMP6, time exceeded in-transit for 2001:2:0:1::1, length 68",
            "3 | 1 | 0    | ICMP6, time exceeded in-transit (reassembly), length 68",
            "3 | 2 | 0    | ICMP6, time exceeded in-transit, unknown code (2), length 68",
            "4 | 0 | 6    | ICMP6, parameter problem, erroneous - octet 6, length 68",
            "4 | 1 | 6    | ICMP6, parameter problem, next header - octet 6, length 68",
            "4 | 2 | 6    | ICMP6, parameter problem, option - octet 6, length 68",
            "4 | 3 | 6    | ICMP6, parameter problem, incomplete header chain - octet 6, length 68",
            "4 | 9 | 6    | ICMP6, parameter problem, code-#9, length 68",
    })
    void describesErrorsAsTcpdumpDoes(int type, int code, int word, String line) {
        assertThat(describe(Icmpv6Messages.message(type, code, word, Icmpv6Messages.quotedSyn()))).isEqualTo(line);
    }

    @Test
    void namesTheUdpPortOfAQuotedDatagram() {
        byte[] udp = Arrays.copyOf(Icmpv6Messages.quotedSyn(), 48);
        udp[6] = (byte) Ipv6Packet.NEXT_HEADER_UDP;
        Ipv6Address.parse("2001:2::fe").write(udp, 24);
        byte[] ports = {(byte) 0xd8, 0x56, 0, 9, 0, 8, 0, 0};
        System.arraycopy(ports, 0, udp, 40, 8);
        assertThat(describe(Icmpv6Messages.message(1, 4, 0, udp)))
                .isEqualTo("ICMP6, destination unreachable, unreachable port, 2001:2::fe udp port 9, length 56");
    }

    @Test
    void marksAQuoteTooShortForTheLineAsTcpdumpDoes() {
        byte[] syn = Icmpv6Messages.quotedSyn();
        assertThat(describe(Icmpv6Messages.message(1, 4, 0, Arrays.copyOf(syn, 20))))
                .isEqualTo("ICMP6, destination unreachable, unreachable port [|icmp6]");
        assertThat(describe(Icmpv6Messages.message(3, 0, 0, Arrays.copyOf(syn, 30))))
                .isEqualTo("ICMP6, time exceeded in-transit [|icmp6]");
        assertThat(describe(Icmpv6Messages.message(4, 0, 6, Arrays.copyOf(syn, 10))))
                .isEqualTo("ICMP6, parameter problem [|icmp6]");
        assertThat(describe(Icmpv6Messages.message(2, 0, 1280, Arrays.copyOf(syn, 30))))
                .as("the MTU is all tcpdump reads of it").isEqualTo("ICMP6, packet too big, mtu 1280, length 38");
    }

    @Test
    void describesInformationalMessagesAsTcpdumpDoes() {
        assertThat(describe(Icmpv6Messages.message(128, 0, (7 << 16) | 1, "xxxxxxxx".getBytes())))
                .isEqualTo("ICMP6, echo request, id 7, seq 1, length 16");
        assertThat(describe(Icmpv6Messages.message(129, 0, (7 << 16) | 1, "xxxxxxxx".getBytes())))
                .isEqualTo("ICMP6, echo reply, id 7, seq 1, length 16");
        assertThat(describe(Icmpv6Messages.message(133, 0, 0, new byte[0])))
                .isEqualTo("ICMP6, router solicitation, length 8");
        byte[] redirect = Icmpv6Messages.concat(Ipv6Address.parse("fe80::2").toBytes(),
                Ipv6Address.parse("2001:2:0:1::1").toBytes());
        assertThat(describe(Icmpv6Messages.message(137, 0, 0, redirect)))
                .isEqualTo("ICMP6, redirect, 2001:2:0:1::1 to fe80::2, length 40");
        assertThat(describe(Icmpv6Messages.message(136, 0, 0x2000_0000, Ipv6Address.parse("2001:2::fe").toBytes())))
                .isEqualTo("ICMP6, neighbor advertisement, tgt is 2001:2::fe, length 24");
        assertThat(describe(Icmpv6Messages.message(250, 3, 0, new byte[0])))
                .isEqualTo("ICMP6, unknown icmp6 type (250), length 8");
    }

    private static String describe(byte[] packet) {
        Icmpv6Message icmp = new Icmpv6Message();
        assertThat(icmp.wrap(packet, 40, packet.length - 40, Icmpv6Messages.pseudoHeader(packet.length - 40))).isNull();
        return icmp.describe();
    }
}
