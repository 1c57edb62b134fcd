package rawhttpget.arp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArpCacheTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long LIFETIME = 60 * SECOND;
    private static final int GATEWAY = 0xc61200fe;
    private static final long MAC_A = 0x8e1bcb58f239L;
    private static final long MAC_B = 0x020000000002L;

    private final ArpCache cache = new ArpCache(LIFETIME);

    @Test
    void knowsNothingAtFirst() {
        assertThat(cache.lookup(GATEWAY, 0)).isEqualTo(ArpCache.NO_ENTRY);
        assertThat(cache.size()).isZero();
    }

    @Test
    void answersUntilJustBeforeTheLifetimeAndNotAtIt() {
        long t0 = 5 * SECOND;
        assertThat(cache.put(GATEWAY, MAC_A, t0)).isEqualTo(ArpCache.NO_ENTRY);

        assertThat(cache.lookup(GATEWAY, t0)).isEqualTo(MAC_A);
        assertThat(cache.lookup(GATEWAY, t0 + LIFETIME - 1)).isEqualTo(MAC_A);
        assertThat(cache.lookup(GATEWAY, t0 + LIFETIME)).isEqualTo(ArpCache.NO_ENTRY);
        assertThat(cache.lookup(GATEWAY, t0 + LIFETIME + 1)).isEqualTo(ArpCache.NO_ENTRY);
    }

    @Test
    void aNewPutRestartsTheLifetime() {
        cache.put(GATEWAY, MAC_A, 0);
        cache.put(GATEWAY, MAC_A, 30 * SECOND);

        assertThat(cache.lookup(GATEWAY, LIFETIME)).isEqualTo(MAC_A);
        assertThat(cache.lookup(GATEWAY, 30 * SECOND + LIFETIME - 1)).isEqualTo(MAC_A);
        assertThat(cache.lookup(GATEWAY, 30 * SECOND + LIFETIME)).isEqualTo(ArpCache.NO_ENTRY);
    }

    @Test
    void putReturnsTheMappingItReplacedOnlyWhileThatWasStillValid() {
        cache.put(GATEWAY, MAC_A, 0);

        assertThat(cache.put(GATEWAY, MAC_B, LIFETIME - 1)).isEqualTo(MAC_A);
        assertThat(cache.lookup(GATEWAY, LIFETIME - 1)).isEqualTo(MAC_B);
        assertThat(cache.put(GATEWAY, MAC_A, LIFETIME - 1 + LIFETIME)).isEqualTo(ArpCache.NO_ENTRY);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void keepsAddressesApart() {
        cache.put(GATEWAY, MAC_A, 0);
        cache.put(0xc6120001, MAC_B, 0);

        assertThat(cache.lookup(GATEWAY, 1)).isEqualTo(MAC_A);
        assertThat(cache.lookup(0xc6120001, 1)).isEqualTo(MAC_B);
        assertThat(cache.lookup(0xc6120002, 1)).isEqualTo(ArpCache.NO_ENTRY);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void expiresCorrectlyWhenTheNanosecondClockWrapsAround() {
        long t0 = Long.MAX_VALUE - 10 * SECOND;
        cache.put(GATEWAY, MAC_A, t0);

        assertThat(cache.lookup(GATEWAY, t0 + 20 * SECOND)).isEqualTo(MAC_A);
        assertThat(cache.lookup(GATEWAY, t0 + LIFETIME - 1)).isEqualTo(MAC_A);
        assertThat(cache.lookup(GATEWAY, t0 + LIFETIME)).isEqualTo(ArpCache.NO_ENTRY);
    }

    @Test
    void aMacOfAllZeroesIsAMappingNotAnAbsence() {
        cache.put(GATEWAY, 0, 0);
        assertThat(cache.lookup(GATEWAY, 1)).isZero();
    }
}
