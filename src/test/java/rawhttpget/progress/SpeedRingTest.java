package rawhttpget.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpeedRingTest {
    @Test
    void nothingIsKnownBeforeTheFirstSampleOfAtLeastFifteenHundredthsOfASecond() {
        SpeedRing ring = new SpeedRing();
        ring.add(1_000_000, 0.1);
        assertThat(ring.bytesPerSecond(0.1)).isEqualTo(-1);
        ring.add(1_000, 0.2);
        assertThat(ring.bytesPerSecond(0.2)).isCloseTo(1_001_000 / 0.2, within(1e-6));
    }

    @Test
    void burstsOfARateLimitedServerAverageOutOverTheRing() {
        SpeedRing ring = new SpeedRing();
        // 200 KB each second, all of it in the first 50 ms.
        for (int second = 0; second < 10; second++) {
            ring.add(100_000, second + 0.02);
            ring.add(100_000, second + 0.05);
        }
        // Nine samples in the ring (1.02 s, then 1 s each): 1.9 MB in 9.02 s, and 100 KB gathering since 9.02 s.
        assertThat(ring.bytesPerSecond(9.05)).isCloseTo(2_000_000 / 9.05, within(1e-6));
        assertThat(ring.bytesPerSecond(9.9)).isCloseTo(2_000_000 / 9.9, within(1e-6));
    }

    @Test
    void theOldestSampleLeavesWhenTheRingIsFull() {
        SpeedRing ring = new SpeedRing();
        ring.add(1_000_000, 1); // a fast first second
        for (int i = 1; i <= SpeedRing.SAMPLES; i++) {
            ring.add(1_000, 1 + i);
        }
        assertThat(ring.bytesPerSecond(1 + SpeedRing.SAMPLES)).isCloseTo(1_000, within(1e-6));
    }
}
