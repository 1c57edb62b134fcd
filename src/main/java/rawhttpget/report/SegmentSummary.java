package rawhttpget.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides which segments of a long connection the report writes as summaries: above the limit, a run of plain
 * segments of one direction (in-order data that continues the previous one, no mark; or a pure ACK without SACK)
 * becomes one entry of up to {@link #groupSize} members. Anything else (a retransmission, an out-of-order
 * arrival, a duplicate, a SACK, a D-SACK, SYN, FIN, RST, a window of zero) is never summarised and ends the
 * run of its direction. At or below the limit nothing is summarised.
 */
final class SegmentSummary {
    private final SegmentLog log;
    private final int groupSize;
    /** The open run of each direction (index 0: in, 1: out): {first row, last row, rows, bytes, segments}, or null. */
    private final int[][] open = new int[2][];
    private final List<int[]> closed = new ArrayList<>();

    SegmentSummary(SegmentLog log, int limit) {
        this.log = log;
        if (log.count <= limit) {
            groupSize = 1;
            return;
        }
        long plain = 0;
        for (int i = 0; i < log.count; i++) {
            if (log.plain(i)) {
                plain++;
            }
        }
        long budget = Math.max(limit / 10, limit - (log.count - plain));
        // Twice the even share: runs also end early at every marked segment.
        groupSize = (int) Math.min(Integer.MAX_VALUE, Math.max(2, 2 * ((plain + budget - 1) / budget)));
    }

    int groupSize() {
        return groupSize;
    }

    /** True when {@code row} joins a run and must not be written by itself. */
    boolean absorbs(int row) {
        if (groupSize == 1) {
            return false;
        }
        int d = log.outgoing[row] ? 1 : 0;
        int[] run = open[d];
        if (!log.plain(row)) {
            close(d);
            return false;
        }
        if (run != null && run[2] < groupSize
                && (d == 1 || log.seq[row] == log.seq[run[1]] + log.length[run[1]])) {
            run[1] = row;
            run[2]++;
            run[3] += log.length[row];
            run[4] += log.members[row];
            return true;
        }
        close(d);
        open[d] = new int[] {row, row, 1, log.length[row], log.members[row]};
        return true;
    }

    /**
     * The runs that ended since the last call, to write now and then {@link List#clear}; with {@code end}, every
     * run still open too. The same list each time: a long connection is walked row by row.
     */
    List<int[]> drain(boolean end) {
        if (end) {
            close(0);
            close(1);
        }
        return closed;
    }

    private void close(int d) {
        if (open[d] != null) {
            closed.add(open[d]);
            open[d] = null;
        }
    }
}
