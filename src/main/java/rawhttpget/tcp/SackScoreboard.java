package rawhttpget.tcp;

import java.util.Arrays;

/**
 * What the peer's SACK blocks say it holds of what we sent (RFC 6675 §3 "scoreboard"): disjoint, sorted
 * ranges of stream offsets (byte 0 is the first after our SYN), all above the cumulative ACK. Stream
 * offsets, not sequence numbers, so comparisons need no wrap-around care. Answers RFC 6675's IsLost and
 * SetPipe; the recovery that uses them is {@link SackRecovery}.
 */
final class SackScoreboard {
    /** RFC 6675 §2 DupThresh: as many SACKed segments above a hole as the duplicate ACKs RFC 5681 waits for. */
    static final int DUP_THRESH = 3;

    private long[] starts = new long[8];
    private long[] ends = new long[8];
    private int count;

    int ranges() {
        return count;
    }

    long start(int i) {
        return starts[i];
    }

    long end(int i) {
        return ends[i];
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** One past the highest SACKed byte, or -1 when nothing is SACKed. */
    long highestSackedEnd() {
        return count == 0 ? -1 : ends[count - 1];
    }

    /**
     * Records that the peer holds [start, end) (RFC 6675 Update()); returns how many of those bytes were not
     * SACKed before, so a block that only repeats what we knew (or a D-SACK of old data) adds nothing.
     */
    long add(long start, long end) {
        if (start >= end) {
            return 0;
        }
        long before = sackedBytes();
        int first = 0;
        while (first < count && ends[first] < start) {
            first++;
        }
        int last = first;
        while (last < count && starts[last] <= end) {
            last++;
        }
        // Ranges [first, last) touch or overlap [start, end): they merge into one.
        long mergedStart = last > first ? Math.min(start, starts[first]) : start;
        long mergedEnd = last > first ? Math.max(end, ends[last - 1]) : end;
        replace(first, last, mergedStart, mergedEnd);
        return sackedBytes() - before;
    }

    /** The cumulative ACK reached {@code una}: what lies below it is no longer the scoreboard's business. */
    void advanceTo(long una) {
        int gone = 0;
        while (gone < count && ends[gone] <= una) {
            gone++;
        }
        System.arraycopy(starts, gone, starts, 0, count - gone);
        System.arraycopy(ends, gone, ends, 0, count - gone);
        count -= gone;
        if (count > 0 && starts[0] < una) {
            starts[0] = una;
        }
    }

    /** RFC 6675 §5.1: after a timeout the peer may have reneged; what it said before counts for nothing. */
    void clear() {
        count = 0;
    }

    /**
     * RFC 6675 IsLost(): true when DupThresh discontiguous SACKed ranges lie above {@code offset}, or more
     * than (DupThresh - 1) · SMSS SACKed bytes do. Meant for a byte that is not SACKed itself.
     */
    boolean isLost(long offset, int smss) {
        int above = 0;
        long bytes = 0;
        for (int i = count - 1; i >= 0 && ends[i] > offset + 1; i--) {
            above++;
            bytes += ends[i] - Math.max(starts[i], offset + 1);
        }
        return above >= DUP_THRESH || bytes > (long) (DUP_THRESH - 1) * smss;
    }

    /**
     * RFC 6675 SetPipe(): of the bytes in [una, highData) not SACKed, those not lost are in the network, and
     * those below {@code highRxt} (retransmitted in this recovery) are in it once more. IsLost is the same
     * for every byte of one hole (the same SACKed bytes lie above all of them), so holes are counted whole.
     */
    long pipe(long una, long highData, long highRxt, int smss) {
        long pipe = 0;
        long holeStart = una;
        for (int i = 0; i <= count; i++) {
            long holeEnd = i < count ? Math.min(starts[i], highData) : highData;
            if (holeEnd > holeStart) {
                if (!isLost(holeStart, smss)) {
                    pipe += holeEnd - holeStart;
                }
                pipe += Math.max(0, Math.min(holeEnd, highRxt) - holeStart);
            }
            if (i < count) {
                holeStart = Math.max(holeStart, ends[i]);
            }
        }
        return pipe;
    }

    /** The smallest byte at or above {@code from} that is not SACKed. */
    long firstUnsacked(long from) {
        long at = from;
        for (int i = 0; i < count; i++) {
            if (starts[i] <= at && at < ends[i]) {
                at = ends[i];
            }
        }
        return at;
    }

    /** Where the run of unSACKed bytes starting at {@code offset} ends: the next SACKed range, or -1 if none. */
    long holeEnd(long offset) {
        for (int i = 0; i < count; i++) {
            if (starts[i] > offset) {
                return starts[i];
            }
        }
        return -1;
    }

    /** The highest byte below {@code highData} that is not SACKed, or -1 if all of [una, highData) is. */
    long highestUnsacked(long una, long highData) {
        long at = highData - 1;
        for (int i = count - 1; i >= 0 && at >= una; i--) {
            if (starts[i] <= at && at < ends[i]) {
                at = starts[i] - 1;
            }
        }
        return at >= una ? at : -1;
    }

    /** One past the highest SACKed range lying wholly below {@code offset}, or -1 if none does. */
    long highestSackedEndBelow(long offset) {
        for (int i = count - 1; i >= 0; i--) {
            if (ends[i] <= offset) {
                return ends[i];
            }
        }
        return -1;
    }

    private long sackedBytes() {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += ends[i] - starts[i];
        }
        return n;
    }

    /** Replaces ranges [from, to) by the one range [start, end). */
    private void replace(int from, int to, long start, long end) {
        int newCount = count - (to - from) + 1;
        if (newCount > starts.length) {
            starts = Arrays.copyOf(starts, 2 * newCount);
            ends = Arrays.copyOf(ends, 2 * newCount);
        }
        System.arraycopy(starts, to, starts, from + 1, count - to);
        System.arraycopy(ends, to, ends, from + 1, count - to);
        starts[from] = start;
        ends[from] = end;
        count = newCount;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            b.append(i == 0 ? "" : " ").append(starts[i]).append('-').append(ends[i]);
        }
        return b.append(']').toString();
    }
}
