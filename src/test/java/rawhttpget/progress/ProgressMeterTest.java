package rawhttpget.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The numbers both progress renderings draw, in virtual time. */
class ProgressMeterTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 7_000 * MS; // any origin: only differences count

    private final ProgressMeter meter = new ProgressMeter();

    @Test
    void haveCountsWhatTheFileHadBeforeThisRunAndWhatItAdded() {
        meter.start(3000, 10_000, T0);
        meter.update(500, T0 + 100 * MS);

        assertThat(meter.alreadyHave()).isEqualTo(3000);
        assertThat(meter.received()).isEqualTo(500);
        assertThat(meter.have()).isEqualTo(3500);
        assertThat(meter.percent(meter.have())).isEqualTo(35);
    }

    @Test
    void percentRoundsDownAndStopsAtAHundredWhenMoreComesThanAnnounced() {
        meter.start(0, 1000, T0);

        assertThat(meter.percent(999)).isEqualTo(99);
        assertThat(meter.percent(1000)).isEqualTo(100);
        assertThat(meter.percent(5000)).isEqualTo(100);
    }

    @Test
    void aSizeIsKnownOnlyWhenTheServerAnnouncedOne() {
        meter.start(0, -1, T0);
        assertThat(meter.sizeKnown()).isFalse();

        meter.start(0, 0, T0);
        assertThat(meter.sizeKnown()).isFalse();

        meter.start(0, 1, T0);
        assertThat(meter.sizeKnown()).isTrue();
    }

    @Test
    void recentRateIsUnknownUntilTimeHasPassedThenFollowsTheUpdates() {
        meter.start(0, 1_000_000, T0);
        assertThat(meter.recentRate()).isEqualTo(-1);

        meter.update(100_000, T0 + 500 * MS);

        assertThat(meter.recentRate()).isEqualTo(200_000.0);
    }

    @Test
    void averageRateCountsOnlyThisRunsBytesOverTheWholeRun() {
        meter.start(900_000, 2_000_000, T0);
        meter.update(300_000, T0 + 1000 * MS);
        meter.update(400_000, T0 + 2000 * MS);

        assertThat(meter.averageRate(T0)).isEqualTo(-1);
        assertThat(meter.averageRate(T0 + 2000 * MS)).isEqualTo(200_000.0);
        assertThat(meter.elapsed(T0 + 2000 * MS)).isEqualTo(2000 * MS);
        assertThat(meter.startedAt()).isEqualTo(T0);
    }

    @Test
    void etaIsWhatIsLeftAtTheGivenRate() {
        meter.start(0, 1_000_000, T0);

        assertThat(meter.etaNanos(400_000, 200_000.0)).isEqualTo(3000 * MS);
    }

    @Test
    void etaIsUnknownWithoutASizeOrARateOrWithNothingLeft() {
        meter.start(0, -1, T0);
        assertThat(meter.etaNanos(400_000, 200_000.0)).as("no size").isEqualTo(-1);

        meter.start(0, 1_000_000, T0);
        assertThat(meter.etaNanos(400_000, -1)).as("no rate yet").isEqualTo(-1);
        assertThat(meter.etaNanos(400_000, 0)).as("stalled").isEqualTo(-1);
        assertThat(meter.etaNanos(1_000_000, 200_000.0)).as("whole").isEqualTo(-1);
        assertThat(meter.etaNanos(999_999, 1e12)).as("a moment left").isZero();
    }

    @Test
    void finishCountsTheLastStretchInTheRecentRate() {
        meter.start(0, 1_000_000, T0);
        meter.update(100_000, T0 + 1000 * MS);
        double before = meter.recentRate();

        meter.finish(T0 + 2000 * MS);

        assertThat(before).isEqualTo(100_000.0);
        assertThat(meter.recentRate()).isEqualTo(50_000.0);
    }
}
