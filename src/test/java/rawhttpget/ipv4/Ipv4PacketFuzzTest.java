package rawhttpget.ipv4;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes as an IPv4 packet, as they came and again with the header checksum made right (so that the fuzzer
 * gets past the checksum to the length checks): {@link Ipv4Packet#wrap} names why it refuses them, or every
 * accessor reads inside the given bytes and the payload lies within them.
 */
class Ipv4PacketFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void arbitraryBytesAreRefusedWithAReasonOrHaveAPayloadInsideThem(byte[] input) {
        check(input);
        byte[] fixed = input.clone();
        if (fixHeaderChecksum(fixed)) {
            check(fixed);
        }
    }

    private static void check(byte[] packet) {
        Ipv4Packet ip = new Ipv4Packet();
        String refused = ip.wrap(packet, 0, packet.length);
        if (refused != null) {
            assertThat(refused).startsWith("ip: ").doesNotContain("\n");
            return;
        }
        assertThat(ip.headerLength()).isBetween(Ipv4Packet.MIN_HEADER_LENGTH, 60);
        assertThat(ip.payloadOffset()).isEqualTo(ip.headerLength());
        assertThat(ip.payloadLength()).isBetween(0, packet.length - ip.headerLength());
        assertThat(ip.totalLength()).isLessThanOrEqualTo(packet.length);
        assertThat(ip.fragmentOffset()).isBetween(0, 0x1FFF * 8);
        ip.identification();
        ip.dontFragment();
        ip.isFragment();
        ip.ttl();
        ip.protocol();
        ip.checksum();
        ip.source();
        ip.destination();
    }

    /** Writes the checksum the header's own IHL asks for, when that many bytes exist; false when it cannot. */
    static boolean fixHeaderChecksum(byte[] packet) {
        if (packet.length < Ipv4Packet.MIN_HEADER_LENGTH) {
            return false;
        }
        int ihl = (packet[0] & 0x0F) * 4;
        if (ihl < Ipv4Packet.MIN_HEADER_LENGTH || ihl > packet.length) {
            return false;
        }
        packet[10] = 0;
        packet[11] = 0;
        int sum = InternetChecksum.of(packet, 0, ihl);
        packet[10] = (byte) (sum >>> 8);
        packet[11] = (byte) sum;
        return true;
    }
}
