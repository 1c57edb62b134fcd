package rawhttpget.ipv6;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes as an ICMPv6 message from 2001:2::fe to 2001:2::2, as they came and with the checksum made right:
 * {@link Icmpv6Message#wrap} names why it refuses them, or {@link Icmpv6Message#describe} works and the quoted
 * view refuses with a reason or reads its fields inside the message.
 */
class Icmpv6MessageFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void arbitraryBytesAreRefusedWithAReasonOrDescribed(byte[] input) {
        long pseudo = Icmpv6Messages.pseudoHeader(input.length);
        check(input, pseudo);
        if (input.length >= Icmpv6Message.HEADER_LENGTH) {
            byte[] fixed = input.clone();
            Icmpv6Message.writeChecksum(fixed, 0, fixed.length, pseudo);
            assertThat(check(fixed, pseudo)).as("a message with a right checksum is accepted").isTrue();
        }
    }

    private static boolean check(byte[] message, long pseudo) {
        Icmpv6Message icmp = new Icmpv6Message();
        String refused = icmp.wrap(message, 0, message.length, pseudo);
        if (refused != null) {
            assertThat(refused).startsWith("icmp6: ").doesNotContain("\n");
            return false;
        }
        assertThat(icmp.describe()).startsWith("ICMP6, ").doesNotContain("\n");
        assertThat(icmp.pathMtu()).isGreaterThanOrEqualTo(Ipv6Packet.MIN_MTU);
        assertThat(icmp.bodyOffset() + icmp.bodyLength()).isEqualTo(message.length);
        icmp.echoIdentifier();
        icmp.echoSequence();
        icmp.pointer();
        QuotedIpv6Packet quoted = new QuotedIpv6Packet();
        String why = icmp.quoted(quoted);
        if (why != null) {
            assertThat(why).startsWith("icmp6: ").doesNotContain("\n");
            return true;
        }
        assertThat(quoted.transportOffset()).isBetween(icmp.bodyOffset() + Ipv6Packet.HEADER_LENGTH,
                message.length - QuotedIpv6Packet.TRANSPORT_BYTES);
        int t = quoted.transportOffset();
        assertThat(quoted.destinationPort()).isEqualTo(((message[t + 2] & 0xFF) << 8) | (message[t + 3] & 0xFF));
        quoted.protocol();
        quoted.payloadLength();
        quoted.source();
        quoted.destination();
        quoted.sourcePort();
        quoted.tcpSequence();
        return true;
    }
}
