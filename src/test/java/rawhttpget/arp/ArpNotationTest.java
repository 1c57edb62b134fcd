package rawhttpget.arp;

import org.junit.jupiter.api.Test;
import rawhttpget.testing.Hex;

import static org.assertj.core.api.Assertions.assertThat;

class ArpNotationTest {
    @Test
    void unicastRefreshRequestShowsTheMacItExpectsAsTcpdumpDoes() {
        // tcpdump 4.99.3 -n: "ARP, Request who-has 198.18.1.2 (02:00:00:00:00:01) tell 198.18.2.1, length 28"
        byte[] arp = Hex.bytes("0001080006040001 020000000002 c6120201 020000000001 c6120102");
        ArpPacket view = new ArpPacket();
        assertThat(view.wrap(arp, 0, arp.length)).isNull();
        assertThat(view.describe()).isEqualTo("ARP, Request who-has 198.18.1.2 (02:00:00:00:00:01) tell 198.18.2.1");
    }
}
