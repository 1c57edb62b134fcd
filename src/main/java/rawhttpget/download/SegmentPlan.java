package rawhttpget.download;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which bytes of a file of known length are still missing, as segments each fetched by at most one connection at
 * a time. A segment is written from its {@code next} byte up to its {@code end}; a connection that has none takes an
 * unassigned segment, else steals the upper half of the largest segment another connection is still fetching (as
 * aria2c and axel do), but only while both halves stay at least the minimum split size.
 */
final class SegmentPlan {
    /** Bytes [next, end) of the file still to come; {@code end} shrinks when another connection steals its upper half. */
    static final class Segment {
        private long next;
        private long end;
        private boolean assigned;

        Segment(long next, long end) {
            this.next = next;
            this.end = end;
        }

        long next() {
            return next;
        }

        long end() {
            return end;
        }

        long remaining() {
            return end - next;
        }

        boolean isDone() {
            return next >= end;
        }

        /** {@code count} more bytes are written from {@link #next}. */
        void advance(long count) {
            if (count < 0 || count > remaining()) {
                throw new IllegalArgumentException("advance by " + count + " with " + remaining() + " left");
            }
            next += count;
        }

        void release() {
            assigned = false;
        }
    }

    private final long length;
    private final long minSplitSize;
    private final List<Segment> segments = new ArrayList<>();

    private SegmentPlan(long length, long minSplitSize) {
        this.length = length;
        this.minSplitSize = Math.max(1, minSplitSize);
    }

    /**
     * The missing ranges ({@code [from, to)} pairs, as a state file keeps them) of a file of {@code length} bytes;
     * ranges larger than the others are cut so that up to {@code split} connections start with a segment each, every
     * piece at least {@code minSplitSize} long.
     */
    static SegmentPlan of(long length, List<long[]> missing, int split, long minSplitSize) {
        SegmentPlan plan = new SegmentPlan(length, minSplitSize);
        for (long[] range : missing) {
            if (range[0] < 0 || range[1] > length || range[0] > range[1]) {
                throw new IllegalArgumentException("range " + range[0] + "-" + range[1] + " is outside 0-" + length);
            }
            if (range[1] > range[0]) {
                plan.segments.add(new Segment(range[0], range[1]));
            }
        }
        plan.segments.sort(Comparator.comparingLong(Segment::next));
        for (int i = 1; i < plan.segments.size(); i++) {
            if (plan.segments.get(i).next < plan.segments.get(i - 1).end) {
                throw new IllegalArgumentException("missing ranges overlap at " + plan.segments.get(i).next);
            }
        }
        while (plan.segments.size() < split) {
            Segment largest = plan.segments.stream().max(Comparator.comparingLong(Segment::remaining)).orElse(null);
            if (largest == null || largest.remaining() < 2 * plan.minSplitSize) {
                break;
            }
            int pieces = (int) Math.min(split - plan.segments.size() + 1, largest.remaining() / plan.minSplitSize);
            long piece = largest.remaining() / pieces;
            long end = largest.end;
            largest.end = largest.next + piece;
            int at = plan.segments.indexOf(largest) + 1;
            for (int p = 1; p < pieces; p++) {
                long from = largest.next + p * piece;
                plan.segments.add(at++, new Segment(from, p == pieces - 1 ? end : from + piece));
            }
        }
        return plan;
    }

    /** A whole file of {@code length} bytes still to fetch. */
    static SegmentPlan fresh(long length, int split, long minSplitSize) {
        return of(length, List.of(new long[] {0, length}), split, minSplitSize);
    }

    long length() {
        return length;
    }

    /** The unassigned segment that begins at {@code offset}, assigned now; null when there is none. */
    Segment takeAt(long offset) {
        for (Segment s : segments) {
            if (!s.assigned && s.next == offset && !s.isDone()) {
                s.assigned = true;
                return s;
            }
        }
        return null;
    }

    /** The first unassigned segment still missing, assigned now; null when there is none. */
    Segment firstUnassigned() {
        for (Segment s : segments) {
            if (!s.assigned && !s.isDone()) {
                s.assigned = true;
                return s;
            }
        }
        return null;
    }

    /**
     * Work for an idle connection: an unassigned segment, else the upper half of the largest assigned one when both
     * halves keep at least the minimum split size; null when there is nothing to take.
     */
    Segment take() {
        Segment free = firstUnassigned();
        if (free != null) {
            return free;
        }
        Segment largest = null;
        for (Segment s : segments) {
            if (s.assigned && (largest == null || s.remaining() > largest.remaining())) {
                largest = s;
            }
        }
        if (largest == null || largest.remaining() < 2 * minSplitSize) {
            return null;
        }
        long middle = largest.next + largest.remaining() / 2;
        Segment stolen = new Segment(middle, largest.end);
        stolen.assigned = true;
        largest.end = middle;
        segments.add(segments.indexOf(largest) + 1, stolen);
        return stolen;
    }

    boolean isComplete() {
        return segments.stream().allMatch(Segment::isDone);
    }

    /** Bytes still missing. */
    long remaining() {
        return segments.stream().mapToLong(Segment::remaining).sum();
    }

    /** The missing ranges, {@code [from, to)} in file order, adjacent ones merged: what a state file keeps. */
    List<long[]> missing() {
        List<long[]> out = new ArrayList<>();
        for (Segment s : segments) {
            if (s.isDone()) {
                continue;
            }
            long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last[1] == s.next) {
                last[1] = s.end;
            } else {
                out.add(new long[] {s.next, s.end});
            }
        }
        return out;
    }

    /** How many segments there are, finished ones included (for tests and -v). */
    int segmentCount() {
        return segments.size();
    }
}
