package rawhttpget.arp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PinnedMacsTest {
    private final PinnedMacs pins = new PinnedMacs();

    @Test
    void answersOnlyForPinnedAddresses() {
        pins.put(0xC6120101, 0x0200_0000_0001L);
        assertThat(pins.get(0xC6120101)).isEqualTo(0x0200_0000_0001L);
        assertThat(pins.get(0xC6120102)).isEqualTo(ArpCache.NO_ENTRY);
    }

    @Test
    void aSecondPinOfTheSameAddressReplacesTheFirst() {
        pins.put(0xC6120101, 0x0200_0000_0001L);
        pins.put(0xC6120101, 0x0200_0000_0002L);
        pins.remove(0xC6120101);
        assertThat(pins.get(0xC6120101)).isEqualTo(ArpCache.NO_ENTRY);
    }

    @Test
    void holdsManyAndRemovesOneWithoutDisturbingTheRest() {
        for (int i = 1; i <= 9; i++) {
            pins.put(0xC6120100 + i, 0x0200_0000_0000L + i);
        }
        pins.remove(0xC6120103);
        pins.remove(0xC6120199); // never pinned: nothing happens
        for (int i = 1; i <= 9; i++) {
            assertThat(pins.get(0xC6120100 + i)).as("address %d", i)
                    .isEqualTo(i == 3 ? ArpCache.NO_ENTRY : 0x0200_0000_0000L + i);
        }
    }
}
