package rawhttpget.download;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentPlanTest {
    private static List<String> missing(SegmentPlan plan) {
        return plan.missing().stream().map(r -> r[0] + "-" + r[1]).toList();
    }

    @Test
    void aFreshFileIsCutIntoEqualSegmentsNoSmallerThanTheMinimum() {
        assertThat(SegmentPlan.fresh(1000, 4, 100).segmentCount()).isEqualTo(4);
        assertThat(SegmentPlan.fresh(1000, 8, 300).segmentCount()).isEqualTo(3);
        assertThat(SegmentPlan.fresh(150, 8, 100).segmentCount()).isEqualTo(1);
        SegmentPlan plan = SegmentPlan.fresh(1003, 4, 100);
        assertThat(missing(plan)).containsExactly("0-1003");
        SegmentPlan.Segment first = plan.takeAt(0);
        assertThat(first.end()).isEqualTo(250);
        assertThat(plan.take().next()).isEqualTo(250);
        assertThat(plan.take().next()).isEqualTo(500);
        SegmentPlan.Segment last = plan.take();
        assertThat(last.next()).isEqualTo(750);
        assertThat(last.end()).isEqualTo(1003);
    }

    @Test
    void anIdleConnectionStealsTheUpperHalfOfTheLargestRemainingSegment() {
        SegmentPlan plan = SegmentPlan.fresh(1000, 2, 100);
        SegmentPlan.Segment a = plan.take();
        SegmentPlan.Segment b = plan.take();
        a.advance(500);
        b.advance(100);
        SegmentPlan.Segment stolen = plan.take();
        assertThat(stolen.next()).isEqualTo(800);
        assertThat(stolen.end()).isEqualTo(1000);
        assertThat(b.end()).isEqualTo(800);
        b.advance(100);
        // b has 100 left, stolen 200: neither can be split into halves of at least 100 bytes but stolen
        assertThat(plan.take().next()).isEqualTo(900);
        assertThat(plan.take()).isNull();
        assertThat(missing(plan)).containsExactly("700-1000");
    }

    @Test
    void aReleasedSegmentIsTakenBeforeAnyIsStolen() {
        SegmentPlan plan = SegmentPlan.fresh(1000, 2, 100);
        SegmentPlan.Segment a = plan.take();
        plan.take();
        a.advance(100);
        a.release();
        assertThat(plan.take()).isSameAs(a);
    }

    @Test
    void missingRangesFromAStateFileAreKeptAndAdjacentOnesMerged() {
        SegmentPlan plan = SegmentPlan.of(1000, List.of(new long[] {100, 200}, new long[] {600, 1000}), 4, 100);
        assertThat(plan.segmentCount()).isEqualTo(4);
        assertThat(missing(plan)).containsExactly("100-200", "600-1000");
        assertThat(plan.remaining()).isEqualTo(500);
        assertThat(plan.isComplete()).isFalse();
        assertThatThrownBy(() -> SegmentPlan.of(10, List.<long[]>of(new long[] {5, 11}), 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan.takeAt(100).advance(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
