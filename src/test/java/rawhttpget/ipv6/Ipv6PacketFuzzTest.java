package rawhttpget.ipv6;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes as an IPv6 packet, as they came and again with the version and payload length made right (so that the
 * fuzzer gets past them to the extension-header walk): {@link Ipv6Packet#wrap} names why it refuses them, or the
 * upper layer and any Fragment header lie inside the payload.
 */
class Ipv6PacketFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void arbitraryBytesAreRefusedWithAReasonOrWalkedToAnUpperLayerInsideThem(byte[] input) {
        check(input);
        if (input.length >= Ipv6Packet.HEADER_LENGTH) {
            byte[] fixed = input.clone();
            int payload = fixed.length - Ipv6Packet.HEADER_LENGTH;
            fixed[0] = (byte) (0x60 | (fixed[0] & 0x0F));
            fixed[4] = (byte) (payload >>> 8);
            fixed[5] = (byte) payload;
            check(fixed);
        }
    }

    private static void check(byte[] packet) {
        Ipv6Packet ip = new Ipv6Packet();
        String refused = ip.wrap(packet, 0, packet.length);
        if (refused != null) {
            assertThat(refused).startsWith("ipv6: ").doesNotContain("\n");
            return;
        }
        int end = Ipv6Packet.HEADER_LENGTH + ip.payloadLength();
        assertThat(end).isLessThanOrEqualTo(packet.length);
        assertThat(ip.upperLayerOffset()).isBetween(Ipv6Packet.HEADER_LENGTH, end);
        assertThat(ip.upperLayerOffset() + ip.upperLayerLength()).isEqualTo(end);
        assertThat(ip.upperLayerProtocol()).isBetween(0, 255);
        boolean laterFragment = ip.hasFragmentHeader() && ip.fragmentOffset() != 0;
        if (!laterFragment) {
            // A later fragment's next header names what its data continues, which may be any header.
            assertThat(Ipv6Packet.isUnwalkedExtensionHeader(ip.upperLayerProtocol())).isFalse();
        }
        if (ip.hasFragmentHeader()) {
            assertThat(ip.fragmentOffset()).isBetween(0, 0xFFF8);
            ip.moreFragments();
            ip.fragmentIdentification();
            ip.isFragment();
        }
        assertThat(ip.flowLabel()).isBetween(0, 0xF_FFFF);
        assertThat(ip.trafficClass()).isBetween(0, 255);
        ip.hopLimit();
        ip.source().toString();
        ip.destination().toString();
        ip.upperLayerChecksumValid();
    }
}
