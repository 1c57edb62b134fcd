package rawhttpget.inet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import rawhttpget.testing.Buffers;
import rawhttpget.testing.Hex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Ipv6AddressTest {

    /** Every RFC 4291 §2.2 form of one address reads the same; RFC 5952 writes it one way. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2001:db8:0:0:1:0:0:1         | 2001:db8::1:0:0:1",
            "2001:0db8:0000:0000:0001:0000:0000:0001 | 2001:db8::1:0:0:1",
            "2001:DB8::1:0:0:1            | 2001:db8::1:0:0:1",
            "2001:db8:0:0:1::1            | 2001:db8::1:0:0:1",
            "2001:db8::0:1:0:0:1          | 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1         | 2001:db8:0:1:1:1:1:1",
            "2001:db8:0:0:0:0:2:1         | 2001:db8::2:1",
            "2001:0:0:1:0:0:0:1           | 2001:0:0:1::1",
            "2001:db8:0:0:1:0:0:0         | 2001:db8:0:0:1::",
            "0:0:0:0:0:0:0:0              | ::",
            "::                           | ::",
            "::1                          | ::1",
            "1::                          | 1::",
            "1:2:3:4:5:6:7::              | 1:2:3:4:5:6:7:0",
            "::2:3:4:5:6:7:8              | 0:2:3:4:5:6:7:8",
            "fe80::1:2                    | fe80::1:2",
            "::ffff:1.2.3.4               | ::ffff:1.2.3.4",
            "0:0:0:0:0:ffff:102:304       | ::ffff:1.2.3.4",
            "::1.2.3.4                    | ::102:304",
            "64:ff9b::198.18.0.1          | 64:ff9b::c612:1",
            "2001:2:0:1::1                | 2001:2:0:1::1",
            "ff02::1:ff00:fe              | ff02::1:ff00:fe",
    })
    void parsesEveryTextFormAndFormatsPerRfc5952(String text, String canonical) {
        Ipv6Address a = Ipv6Address.parse(text);
        assertThat(a.toString()).isEqualTo(canonical);
        assertThat(Ipv6Address.parse(canonical)).isEqualTo(a);
    }

    @Test
    void holdsTheBytesInNetworkOrder() {
        Ipv6Address a = Ipv6Address.parse("2001:2:0:1::fe");
        assertThat(a.high()).isEqualTo(0x2001_0002_0000_0001L);
        assertThat(a.low()).isEqualTo(0xfeL);
        byte[] out = Buffers.emitChecked(16, a::write);
        assertThat(Hex.of(out)).isEqualTo("20 01 00 02 00 00 00 01 00 00 00 00 00 00 00 fe");
        assertThat(Ipv6Address.read(Buffers.placed(out), Buffers.OFFSET)).isEqualTo(a);
        assertThat(a.equalsAt(Buffers.placed(out), Buffers.OFFSET)).isTrue();
        assertThat(Ipv6Address.parse("2001:2:0:1::ff").equalsAt(Buffers.placed(out), Buffers.OFFSET)).isFalse();
        assertThat(a.toBytes()).isEqualTo(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::",
            "::1:2:3:4:5:6:7:8", "12345::", "g::", "1:2:3:4:5:6:7:", ":1:2:3:4:5:6:7", "::1.2.3", "::1.2.3.256",
            "1.2.3.4::", "::1.2.3.4:5", "1::2%eth0", "+1::", "\u0663::", "::ffff:1.2.3.4.5",
            "1:2:3:4:5:6:7:1.2.3.4"})
    void refusesWhatIsNotAnAddress(String text) {
        assertThatThrownBy(() -> Ipv6Address.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an IPv6 address: '" + text + "'");
    }

    @Test
    void compressesTheLongestRunAndTheFirstOfEqualOnes() {
        assertThat(Ipv6Address.parse("1:0:0:2:0:0:0:3").toString()).isEqualTo("1:0:0:2::3");
        assertThat(Ipv6Address.parse("1:0:0:2:0:0:3:4").toString()).isEqualTo("1::2:0:0:3:4");
        assertThat(Ipv6Address.parse("1:0:2:3:4:5:6:7").toString()).isEqualTo("1:0:2:3:4:5:6:7");
        assertThat(Ipv6Address.parse("0:0:0:7293:0:0:0:9676").toString()).isEqualTo("::7293:0:0:0:9676");
    }

    @Test
    void tellsScopes() {
        assertThat(Ipv6Address.parse("fe80::1").isLinkLocal()).isTrue();
        assertThat(Ipv6Address.parse("febf:ffff::1").isLinkLocal()).isTrue();
        assertThat(Ipv6Address.parse("fec0::1").isLinkLocal()).isFalse();
        assertThat(Ipv6Address.parse("fe7f::1").isLinkLocal()).isFalse();
        assertThat(Ipv6Address.parse("2001:2::1").isLinkLocal()).isFalse();
        assertThat(Ipv6Address.parse("ff02::1").isMulticast()).isTrue();
        assertThat(Ipv6Address.parse("ff02::1").multicastScope()).isEqualTo(2);
        assertThat(Ipv6Address.parse("ff05::2").multicastScope()).isEqualTo(5);
        assertThat(Ipv6Address.parse("fe80::1").isMulticast()).isFalse();
        assertThat(Ipv6Address.UNSPECIFIED.isUnspecified()).isTrue();
        assertThat(Ipv6Address.parse("::1").isLoopback()).isTrue();
        assertThat(Ipv6Address.parse("::1").isUnspecified()).isFalse();
        assertThat(Ipv6Address.parse("::ffff:198.18.0.1").isIpv4Mapped()).isTrue();
        assertThat(Ipv6Address.parse("::fffe:198.18.0.1").isIpv4Mapped()).isFalse();
        assertThat(Ipv6Address.ALL_NODES.toString()).isEqualTo("ff02::1");
        assertThat(Ipv6Address.ALL_ROUTERS.toString()).isEqualTo("ff02::2");
    }

    /** As in the captured solicitation for 2001:2::fe: to ff02::1:ff00:fe at 33:33:ff:00:00:fe. */
    @Test
    void mapsAnAddressToItsSolicitedNodeGroupAndItsMac() {
        Ipv6Address group = Ipv6Address.parse("2001:2::fe").solicitedNodeMulticast();
        assertThat(group.toString()).isEqualTo("ff02::1:ff00:fe");
        assertThat(group.multicastMac().toString()).isEqualTo("33:33:ff:00:00:fe");
        Ipv6Address linkLocal = Ipv6Address.parse("fe80::74c9:4fff:fe64:1bb0");
        assertThat(linkLocal.solicitedNodeMulticast().toString()).isEqualTo("ff02::1:ff64:1bb0");
        assertThat(linkLocal.solicitedNodeMulticast().multicastMacBits()).isEqualTo(0x3333_ff64_1bb0L);
        assertThat(Ipv6Address.parse("ff02::16").multicastMac().toString()).isEqualTo("33:33:00:00:00:16");
    }

    @Test
    void comparesPrefixes() {
        Ipv6Address a = Ipv6Address.parse("2001:2::1");
        assertThat(a.sameSubnet(Ipv6Address.parse("2001:2::fe"), 64)).isTrue();
        assertThat(a.sameSubnet(Ipv6Address.parse("2001:2:0:1::1"), 64)).isFalse();
        assertThat(a.sameSubnet(Ipv6Address.parse("2001:2:0:1::1"), 48)).isTrue();
        assertThat(a.sameSubnet(Ipv6Address.parse("2001:3::1"), 31)).isTrue();
        assertThat(a.sameSubnet(Ipv6Address.parse("2001:3::1"), 32)).isFalse();
        assertThat(a.sameSubnet(Ipv6Address.parse("2001:2::1"), 128)).isTrue();
        assertThat(a.sameSubnet(Ipv6Address.parse("2001:2::3"), 127)).isFalse();
        assertThat(a.sameSubnet(Ipv6Address.parse("2001:2::0"), 127)).isTrue();
        assertThat(a.sameSubnet(Ipv6Address.parse("2001:2::f1"), 120)).isTrue();
        assertThat(a.sameSubnet(Ipv6Address.parse("ffff::"), 0)).isTrue();
        assertThatThrownBy(() -> a.sameSubnet(a, 129)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The JDK as an oracle: random addresses with long zero runs, written by us, read back by java.net; and our
     * reading of the JDK's own (uncompressed) text.
     */
    @Test
    void agreesWithTheJdkOnRandomAddresses() throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(16);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[16];
            for (int f = 0; f < 8; f++) {
                int v = random.nextInt(3) == 0 ? 0 : random.nextInt(0x10000);
                b[2 * f] = (byte) (v >>> 8);
                b[2 * f + 1] = (byte) v;
            }
            Ipv6Address a = Ipv6Address.read(b, 0);
            String ours = a.toString();
            assertThat(java.net.InetAddress.getByName(ours).getAddress()).as(ours).isEqualTo(
                    a.isIpv4Mapped() ? java.util.Arrays.copyOfRange(b, 12, 16) : b);
            String jdk = java.net.InetAddress.getByAddress(b).getHostAddress();
            assertThat(Ipv6Address.parse(jdk)).as(jdk).isEqualTo(a);
            assertThat(ours).matches("[0-9a-f:.]+");
        }
    }
}
