package rawhttpget.inet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Ipv4AddressTest {

    @Test
    void parsesDottedQuadWithTheFirstOctetInTheTopBits() {
        assertThat(Ipv4Address.parseBits("198.18.0.1")).isEqualTo(0xc6120001);
        assertThat(Ipv4Address.parse("255.255.255.255").bits()).isEqualTo(0xffffffff);
        assertThat(Ipv4Address.parse("0.0.0.0").bits()).isZero();
        assertThat(Ipv4Address.parse(" 198.19.0.254 ").bits()).isEqualTo(0xc61300fe);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "198.18.0", "198.18.0.1.", ".198.18.0.1", "198.18..1", "198.18.0.256",
            "198.18.0.1000", "198.18.0.-1", "198.18.0.+1", "198.18.0.1/24", "198.18.0.0x1", "a.b.c.d",
            "\u0661\u0669\u0668.18.0.1", "198.18.0.\uff11", "198.18.0.\u0967"})
    void rejectsTextThatIsNotFourDecimalOctets(String text) {
        assertThatThrownBy(() -> Ipv4Address.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an IPv4 address: '" + text + "'");
    }

    @Test
    void formatsEveryOctetUnsigned() {
        assertThat(Ipv4Address.format(0xc61200fe)).isEqualTo("198.18.0.254");
        assertThat(Ipv4Address.format(0xffffffff)).isEqualTo("255.255.255.255");
        assertThat(Ipv4Address.format(0x80000000)).isEqualTo("128.0.0.0");
        assertThat(new Ipv4Address(0x7f000001)).hasToString("127.0.0.1");
    }

    @Test
    void readsAndWritesFourBytesInNetworkOrderAtAnOffset() {
        byte[] b = {(byte) 0xA5, (byte) 0xc6, 0x13, 0x00, (byte) 0xfe, (byte) 0xA5};
        assertThat(Ipv4Address.readBits(b, 1)).isEqualTo(0xc61300fe);

        byte[] out = {(byte) 0xA5, (byte) 0xA5, (byte) 0xA5, (byte) 0xA5, (byte) 0xA5, (byte) 0xA5};
        Ipv4Address.writeBits(0xc6120001, out, 1);
        assertThat(out).containsExactly(0xA5, 0xc6, 0x12, 0x00, 0x01, 0xA5);
        assertThat(new Ipv4Address(0xc6120001).toBytes()).containsExactly(0xc6, 0x12, 0x00, 0x01);
    }

    @Test
    void masksEveryPrefixLength() {
        assertThat(Ipv4Address.mask(0)).isZero();
        assertThat(Ipv4Address.mask(1)).isEqualTo(0x80000000);
        assertThat(Ipv4Address.mask(15)).isEqualTo(0xfffe0000);
        assertThat(Ipv4Address.mask(24)).isEqualTo(0xffffff00);
        assertThat(Ipv4Address.mask(31)).isEqualTo(0xfffffffe);
        assertThat(Ipv4Address.mask(32)).isEqualTo(0xffffffff);
        for (int p = 0; p <= 32; p++) {
            assertThat(Integer.bitCount(Ipv4Address.mask(p))).isEqualTo(p);
            assertThat(Integer.numberOfTrailingZeros(Ipv4Address.mask(p))).isEqualTo(32 - p);
        }
        assertThatThrownBy(() -> Ipv4Address.mask(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ipv4Address.mask(33)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void comparesSubnetsUnderAPrefix() {
        int client = 0xc6120001;
        assertThat(Ipv4Address.sameSubnet(client, 0xc61200fe, 24)).isTrue();
        assertThat(Ipv4Address.sameSubnet(client, 0xc6130001, 24)).isFalse();
        assertThat(Ipv4Address.sameSubnet(client, 0xc6130001, 15)).isTrue();
        assertThat(Ipv4Address.sameSubnet(client, 0x08080808, 0)).isTrue();
        assertThat(Ipv4Address.sameSubnet(client, client, 32)).isTrue();
        assertThat(Ipv4Address.sameSubnet(client, client + 1, 32)).isFalse();
    }
}
