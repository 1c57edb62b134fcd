package rawhttpget.ipv4;

import org.junit.jupiter.api.Test;
import rawhttpget.testing.CapturedFrames;
import rawhttpget.testing.Hex;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each expected line is what tcpdump 4.99.3 printed after {@code IP 198.18.2.1 > 198.18.1.2: } for the same ICMP
 * message ({@code tcpdump -n -t -r F}). The errors quote 198.18.1.2.40000 > 198.18.3.1.80 (TCP).
 */
class IcmpNotationTest {
    private static final String QUOTED_TCP = "4500002c000100004006eaa3c6120102c61203019c400050000003e8";
    private final IcmpMessage icmp = new IcmpMessage();

    private String notation(String messageHex) {
        byte[] b = Hex.bytes(messageHex);
        assertThat(icmp.wrap(b, 0, b.length)).isNull();
        return icmp.tcpdumpNotation();
    }

    @Test
    void unreachableMessagesNameTheQuotedDestination() {
        assertThat(notation("03035c8400000000" + QUOTED_TCP)).isEqualTo("ICMP 198.18.3.1 tcp port 80 unreachable, length 36");
        assertThat(notation("03015c8600000000" + QUOTED_TCP)).isEqualTo("ICMP host 198.18.3.1 unreachable, length 36");
        assertThat(notation("03005c8700000000" + QUOTED_TCP)).isEqualTo("ICMP net 198.18.3.1 unreachable, length 36");
        assertThat(notation("0302 5c85 00000000" + QUOTED_TCP))
                .isEqualTo("ICMP 198.18.3.1 protocol 6 unreachable, length 36");
        assertThat(notation("030d5c7a00000000" + QUOTED_TCP))
                .isEqualTo("ICMP host 198.18.3.1 unreachable - admin prohibited filter, length 36");
        assertThat(notation("0304578300000500" + QUOTED_TCP))
                .isEqualTo("ICMP 198.18.3.1 unreachable - need to frag (mtu 1280), length 36");
    }

    @Test
    void capturedFragmentationNeededReadsAsTcpdumpPrintedIt() {
        byte[] frame = Hex.bytes(CapturedFrames.ICMP_FRAGMENTATION_NEEDED);
        assertThat(icmp.wrap(frame, 34, frame.length - 34)).isNull();
        assertThat(icmp.tcpdumpNotation()).isEqualTo("ICMP 198.18.0.1 unreachable - need to frag (mtu 1280), length 556");
    }

    @Test
    void timeExceededAndEchoes() {
        assertThat(notation("0b00548700000000" + QUOTED_TCP)).isEqualTo("ICMP time exceeded in-transit, length 36");
        assertThat(notation("08001616000700017878787878787878")).isEqualTo("ICMP echo request, id 7, seq 1, length 16");
        assertThat(notation("00001e16000700017878787878787878")).isEqualTo("ICMP echo reply, id 7, seq 1, length 16");
    }
}
