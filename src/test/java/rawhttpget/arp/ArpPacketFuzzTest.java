package rawhttpget.arp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Any bytes as an ARP payload: {@link ArpPacket#wrap} names why it refuses them, or accepts exactly the IPv4 over
 * Ethernet requests and replies; then {@link ArpPacket#describe} works and re-emitting the fields gives back the
 * same 28 bytes. The input ends its array, so reading past it throws.
 */
class ArpPacketFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void arbitraryBytesAreRefusedWithAReasonOrReadBackExactly(byte[] input) {
        ArpPacket arp = new ArpPacket();
        String refused = arp.wrap(input, 0, input.length);
        if (refused != null) {
            assertThat(refused).startsWith("arp: ").doesNotContain("\n");
            return;
        }
        assertThat(arp.operation()).isIn(ArpPacket.OP_REQUEST, ArpPacket.OP_REPLY);
        assertThat(arp.describe()).startsWith("ARP, ");
        byte[] again = new byte[ArpPacket.LENGTH];
        ArpPacket.emit(again, 0, arp.operation(), arp.senderMac(), arp.senderIp(), arp.targetMac(), arp.targetIp());
        assertThat(again).isEqualTo(Arrays.copyOf(input, ArpPacket.LENGTH));
    }
}
