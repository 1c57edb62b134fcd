package rawhttpget.ipv4;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes as an ICMP message, as they came and with the checksum made right: {@link IcmpMessage#wrap} names why
 * it refuses them, or {@link IcmpMessage#describe} works and the quoted part lies inside the message.
 */
class IcmpMessageFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void arbitraryBytesAreRefusedWithAReasonOrDescribed(byte[] input) {
        check(input);
        if (input.length >= 8) {
            byte[] fixed = input.clone();
            fixed[2] = 0;
            fixed[3] = 0;
            int sum = InternetChecksum.of(fixed, 0, fixed.length);
            fixed[2] = (byte) (sum >>> 8);
            fixed[3] = (byte) sum;
            assertThat(check(fixed)).as("a message with a right checksum is accepted").isTrue();
        }
    }

    private static boolean check(byte[] message) {
        IcmpMessage icmp = new IcmpMessage();
        String refused = icmp.wrap(message, 0, message.length);
        if (refused != null) {
            assertThat(refused).startsWith("icmp: ").doesNotContain("\n");
            return false;
        }
        assertThat(icmp.describe()).isNotBlank();
        icmp.nextHopMtu();
        assertThat(icmp.quotedOffset() + icmp.quotedLength()).isEqualTo(message.length);
        checkQuoted(icmp, message);
        return true;
    }

    /** The quoted-packet view refuses with a reason, or every field reads inside the quoted bytes. */
    private static void checkQuoted(IcmpMessage icmp, byte[] message) {
        QuotedPacket quoted = new QuotedPacket();
        String refused = icmp.quoted(quoted);
        if (refused != null) {
            assertThat(refused).startsWith("icmp: ").doesNotContain("\n");
            return;
        }
        int q = icmp.quotedOffset();
        assertThat(quoted.headerLength()).isBetween(20, 60);
        assertThat(q + quoted.headerLength() + QuotedPacket.TRANSPORT_BYTES).isLessThanOrEqualTo(message.length);
        assertThat(quoted.protocol()).isEqualTo(message[q + 9] & 0xFF);
        assertThat(quoted.totalLength()).isBetween(0, 0xFFFF);
        assertThat(quoted.sourcePort()).isBetween(0, 0xFFFF);
        assertThat(quoted.destinationPort()).isBetween(0, 0xFFFF);
        int t = q + quoted.headerLength();
        assertThat(quoted.destinationPort()).isEqualTo(((message[t + 2] & 0xFF) << 8) | (message[t + 3] & 0xFF));
        quoted.source();
        quoted.destination();
        quoted.tcpSequence();
    }
}
