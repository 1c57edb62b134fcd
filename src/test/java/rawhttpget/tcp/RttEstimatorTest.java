package rawhttpget.tcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 6298 in exact nanoseconds: alpha 1/8, beta 1/4, K 4, G 1 ms, bounds, backoff. */
class RttEstimatorTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    @Test
    void beforeAnySampleTheRtoIsOneSecond() {
        RttEstimator rtt = new RttEstimator(200 * MS, 60 * S);

        assertThat(rtt.rto()).isEqualTo(1 * S);
        assertThat(rtt.srtt()).isEqualTo(-1);
        assertThat(rtt.samples()).isZero();
    }

    @Test
    void firstSampleSetsSrttToRAndRttvarToHalfR() {
        RttEstimator rtt = new RttEstimator(0, 60 * S);

        rtt.sample(100 * MS);

        // RFC 6298 §2.2: SRTT = R, RTTVAR = R/2, RTO = SRTT + max(G, 4 * RTTVAR) = 100 + 200.
        assertThat(rtt.srtt()).isEqualTo(100 * MS);
        assertThat(rtt.rto()).isEqualTo(300 * MS);
    }

    @Test
    void laterSamplesUpdateRttvarWithTheOldSrttThenSrtt() {
        RttEstimator rtt = new RttEstimator(0, 60 * S);
        rtt.sample(100 * MS);

        rtt.sample(200 * MS);
        // RFC 6298 §2.3: RTTVAR = 3/4 * 50 + 1/4 * |100 - 200| = 62.5; SRTT = 7/8 * 100 + 1/8 * 200 = 112.5.
        assertThat(rtt.srtt()).isEqualTo(112_500_000L);
        assertThat(rtt.rto()).isEqualTo(112_500_000L + 250 * MS);

        rtt.sample(50 * MS);
        // RTTVAR = 3/4 * 62.5 + 1/4 * |112.5 - 50| = 62.5; SRTT = 7/8 * 112.5 + 1/8 * 50 = 104.6875.
        assertThat(rtt.srtt()).isEqualTo(104_687_500L);
        assertThat(rtt.rto()).isEqualTo(104_687_500L + 250 * MS);
        assertThat(rtt.samples()).isEqualTo(3);
        assertThat(rtt.minSample()).isEqualTo(50 * MS);
        assertThat(rtt.maxSample()).isEqualTo(200 * MS);
        assertThat(rtt.meanSample()).isEqualTo(116_666_666L);
    }

    @Test
    void clockGranularityBoundsTheVarianceTerm() {
        RttEstimator rtt = new RttEstimator(0, 60 * S);

        rtt.sample(100); // 100 ns: 4 * RTTVAR = 200 ns is below G = 1 ms

        assertThat(rtt.rto()).isEqualTo(100 + 1 * MS);
    }

    @Test
    void rtoIsRaisedToTheMinimum() {
        RttEstimator rtt = new RttEstimator(200 * MS, 60 * S);

        rtt.sample(1 * MS);

        assertThat(rtt.rto()).isEqualTo(200 * MS);
    }

    @Test
    void rtoIsCappedAtTheMaximum() {
        RttEstimator rtt = new RttEstimator(200 * MS, 60 * S);

        rtt.sample(50 * S);

        assertThat(rtt.rto()).isEqualTo(60 * S);
    }

    @Test
    void backoffDoublesUpToTheMaximumAndANewSampleEndsIt() {
        RttEstimator rtt = new RttEstimator(200 * MS, 60 * S);
        rtt.sample(100 * MS); // RTO 300 ms

        rtt.backOff();
        assertThat(rtt.rto()).isEqualTo(600 * MS);
        rtt.backOff();
        assertThat(rtt.rto()).isEqualTo(1200 * MS);
        for (int i = 0; i < 10; i++) {
            rtt.backOff();
        }
        assertThat(rtt.rto()).isEqualTo(60 * S);
        assertThat(rtt.backoffs()).isEqualTo(12);

        rtt.sample(100 * MS);
        // RTTVAR = 3/4 * 50 + 0 = 37.5; SRTT = 100; RTO = 100 + 150.
        assertThat(rtt.rto()).isEqualTo(250 * MS);
        assertThat(rtt.backoffs()).isZero();
    }

    @Test
    void backoffBeforeAnySampleDoublesTheInitialSecond() {
        RttEstimator rtt = new RttEstimator(200 * MS, 60 * S);

        rtt.backOff();
        rtt.backOff();

        assertThat(rtt.rto()).isEqualTo(4 * S);
    }

    @Test
    void negativeSampleIsIgnored() {
        RttEstimator rtt = new RttEstimator(200 * MS, 60 * S);

        rtt.sample(-5);

        assertThat(rtt.samples()).isZero();
        assertThat(rtt.rto()).isEqualTo(1 * S);
    }
}
