package rawhttpget.tcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeqNumTest {
    private static final int NEAR_TOP = 0xFFFF_FFF0;   // 4294967280
    private static final int PAST_WRAP = 0x0000_0010;  // 16, 32 bytes later

    @Test
    void ordersAcrossTheWrapBy32BitDistance() {
        assertThat(SeqNum.lt(NEAR_TOP, PAST_WRAP)).isTrue();
        assertThat(SeqNum.le(NEAR_TOP, PAST_WRAP)).isTrue();
        assertThat(SeqNum.gt(NEAR_TOP, PAST_WRAP)).isFalse();
        assertThat(SeqNum.ge(NEAR_TOP, PAST_WRAP)).isFalse();

        assertThat(SeqNum.gt(PAST_WRAP, NEAR_TOP)).isTrue();
        assertThat(SeqNum.ge(PAST_WRAP, NEAR_TOP)).isTrue();
        assertThat(SeqNum.lt(PAST_WRAP, NEAR_TOP)).isFalse();
        assertThat(SeqNum.le(PAST_WRAP, NEAR_TOP)).isFalse();
    }

    @Test
    void aNumberIsNeitherBeforeNorAfterItself() {
        for (int x : new int[] {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertThat(SeqNum.lt(x, x)).isFalse();
            assertThat(SeqNum.gt(x, x)).isFalse();
            assertThat(SeqNum.le(x, x)).isTrue();
            assertThat(SeqNum.ge(x, x)).isTrue();
            assertThat(SeqNum.diff(x, x)).isZero();
        }
    }

    @Test
    void anythingUpTo2To31Minus1AheadIsLaterWhereverItStarts() {
        int[] bases = {0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, -1, NEAR_TOP, 0x5EED_1234};
        int[] distances = {1, 1460, 65535, 1 << 30, Integer.MAX_VALUE};
        for (int base : bases) {
            for (int d : distances) {
                int later = base + d;
                assertThat(SeqNum.lt(base, later)).as("%s < %s", SeqNum.format(base), SeqNum.format(later)).isTrue();
                assertThat(SeqNum.gt(later, base)).isTrue();
                assertThat(SeqNum.diff(later, base)).isEqualTo(d);
                assertThat(SeqNum.diff(base, later)).isEqualTo(-d);
                assertThat(SeqNum.max(base, later)).isEqualTo(later);
                assertThat(SeqNum.min(base, later)).isEqualTo(base);
            }
        }
    }

    @Test
    void exactlyHalfTheSpaceApartIsAmbiguousAndEachIsBeforeTheOther() {
        // RFC 1982 leaves this case undefined; (int)(a - b) < 0 answers "less" both ways. Pinned so a change is seen.
        assertThat(SeqNum.lt(0, Integer.MIN_VALUE)).isTrue();
        assertThat(SeqNum.lt(Integer.MIN_VALUE, 0)).isTrue();
    }

    @Test
    void measuresDistanceAcrossTheWrap() {
        assertThat(SeqNum.diff(PAST_WRAP, NEAR_TOP)).isEqualTo(32);
        assertThat(SeqNum.diff(NEAR_TOP, PAST_WRAP)).isEqualTo(-32);
        assertThat(SeqNum.diff(0, -1)).isEqualTo(1);
    }

    @Test
    void windowIncludesItsLeftEdgeAndExcludesItsRightAcrossTheWrap() {
        int lo = 0xFFFF_FF00;
        int hi = 0x0000_0100;
        assertThat(SeqNum.inWindow(lo, lo, hi)).isTrue();
        assertThat(SeqNum.inWindow(-1, lo, hi)).isTrue();
        assertThat(SeqNum.inWindow(0, lo, hi)).isTrue();
        assertThat(SeqNum.inWindow(0xFF, lo, hi)).isTrue();
        assertThat(SeqNum.inWindow(hi, lo, hi)).isFalse();
        assertThat(SeqNum.inWindow(lo - 1, lo, hi)).isFalse();
        assertThat(SeqNum.inWindow(0x8000_0000, lo, hi)).isFalse();
    }

    @Test
    void anEmptyWindowHoldsNothing() {
        assertThat(SeqNum.inWindow(5, 5, 5)).isFalse();
        assertThat(SeqNum.inWindow(4, 5, 5)).isFalse();
        assertThat(SeqNum.inWindow(6, 5, 5)).isFalse();
    }

    @Test
    void maxAndMinPickByDistanceNotBySign() {
        assertThat(SeqNum.max(NEAR_TOP, PAST_WRAP)).isEqualTo(PAST_WRAP);
        assertThat(SeqNum.min(NEAR_TOP, PAST_WRAP)).isEqualTo(NEAR_TOP);
        assertThat(SeqNum.max(Integer.MAX_VALUE, Integer.MIN_VALUE)).isEqualTo(Integer.MIN_VALUE);
        assertThat(SeqNum.min(7, 7)).isEqualTo(7);
    }

    @Test
    void formatsUnsigned() {
        assertThat(SeqNum.format(-1)).isEqualTo("4294967295");
        assertThat(SeqNum.format(Integer.MIN_VALUE)).isEqualTo("2147483648");
        assertThat(SeqNum.format((int) 3346131525L)).isEqualTo("3346131525");
        assertThat(SeqNum.format(0)).isEqualTo("0");
    }
}
