package rawhttpget.inet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MacAddressTest {

    @Test
    void parsesColonAndDashNotationInEitherCase() {
        assertThat(MacAddress.parse("f6:7a:81:9b:d7:67").bits()).isEqualTo(0xf67a819bd767L);
        assertThat(MacAddress.parse("F6-7A-81-9B-D7-67").bits()).isEqualTo(0xf67a819bd767L);
        assertThat(MacAddress.parse("  0:1:2:a:b:c ").bits()).isEqualTo(0x0001020a0b0cL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "f6:7a:81:9b:d7", "f6:7a:81:9b:d7:67:00", "f6:7a:81:9b:d7:6g", "f6:7a:81:9b:d7:167",
            "f6:7a:81::d7:67", "f6:7a:81:9b:d7:67:", "f6:7a:81:9b:d7:67::", ":f6:7a:81:9b:d7:67", "+6:7a:81:9b:d7:67",
            "f6:7a:81:9b:d7:+7", "f67a819bd767"})
    void rejectsTextThatIsNotSixHexOctets(String text) {
        assertThatThrownBy(() -> MacAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a MAC address");
    }

    @Test
    void formatsAsLowerCaseColonSeparatedOctets() {
        assertThat(new MacAddress(0x0001020a0b0cL)).hasToString("00:01:02:0a:0b:0c");
        assertThat(MacAddress.BROADCAST).hasToString("ff:ff:ff:ff:ff:ff");
        assertThat(MacAddress.format(0x8e1bcb58f239L)).isEqualTo("8e:1b:cb:58:f2:39");
    }

    @Test
    void refusesBitsAbove48() {
        assertThatThrownBy(() -> new MacAddress(1L << 48)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MacAddress(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsAndWritesSixBytesInNetworkOrderAtAnOffset() {
        byte[] b = {(byte) 0xA5, (byte) 0xA5, 0x32, 0x5d, 0x52, (byte) 0xad, 0x18, 0x71, (byte) 0xA5};
        assertThat(MacAddress.readBits(b, 2)).isEqualTo(0x325d52ad1871L);
        assertThat(MacAddress.read(b, 2)).isEqualTo(new MacAddress(0x325d52ad1871L));

        byte[] out = {(byte) 0xA5, (byte) 0xA5, (byte) 0xA5, (byte) 0xA5, (byte) 0xA5, (byte) 0xA5, (byte) 0xA5, (byte) 0xA5};
        new MacAddress(0x0102030405feL).write(out, 1);
        assertThat(out).containsExactly(0xA5, 0x01, 0x02, 0x03, 0x04, 0x05, 0xfe, 0xA5);
        assertThat(new MacAddress(0x0102030405feL).toBytes()).containsExactly(0x01, 0x02, 0x03, 0x04, 0x05, 0xfe);
    }

    @Test
    void knowsMulticastByTheLowBitOfTheFirstOctet() {
        assertThat(MacAddress.BROADCAST.isMulticast()).isTrue();
        assertThat(MacAddress.parse("01:00:5e:00:00:fb").isMulticast()).isTrue();
        assertThat(MacAddress.parse("33:33:00:00:00:01").isMulticast()).isTrue();
        assertThat(MacAddress.parse("f6:7a:81:9b:d7:67").isMulticast()).isFalse();
        assertThat(MacAddress.ZERO.isMulticast()).isFalse();
    }

    @Test
    void randomLocalAddressesAreUnicastAndLocallyAdministered() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 1000; i++) {
            MacAddress mac = MacAddress.randomLocal(random);
            int firstOctet = (int) (mac.bits() >>> 40);
            assertThat(firstOctet & 0x01).as("multicast bit of %s", mac).isZero();
            assertThat(firstOctet & 0x02).as("local bit of %s", mac).isEqualTo(2);
        }
    }

    @Test
    void randomLocalKeepsTheOtherBitsOfTheRandomNumber() {
        // A generator that always answers all ones: only the multicast bit may be cleared.
        MacAddress mac = MacAddress.randomLocal(new java.util.random.RandomGenerator() {
            @Override
            public long nextLong() {
                return -1L;
            }
        });
        assertThat(mac).hasToString("fe:ff:ff:ff:ff:ff");
    }
}
