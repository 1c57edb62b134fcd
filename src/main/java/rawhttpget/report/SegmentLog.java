package rawhttpget.report;

import rawhttpget.tcp.TcpFlags;

import java.util.Arrays;

/**
 * Every segment of one connection, one row each, in columns of primitives: a segment costs a few dozen bytes and
 * no object. Sequence and acknowledgement numbers are already relative to each side's initial sequence number and
 * unwrapped past 4 GiB; SACK blocks are pairs in one shared column. A row may stand for a run of plain segments
 * ({@link #members} more than one, see ConnectionTrace): then its time and first ACK are the run's first, its
 * last time, ACK and window the run's last, and its length the run's bytes.
 */
final class SegmentLog {
    /** Bits of {@link #marks}: what the segment was, beyond its header. */
    static final int RETRANSMISSION = 1;
    static final int OUT_OF_ORDER = 2;
    static final int DUPLICATE = 4;
    static final int DSACK = 8;

    int count;
    /** Segments recorded, counting every member of a merged row. */
    long segmentsSeen;
    long[] time = new long[1024];
    long[] seq = new long[1024];
    long[] ack = new long[1024];
    int[] length = new int[1024];
    byte[] flags = new byte[1024];
    boolean[] outgoing = new boolean[1024];
    /** The window field scaled to bytes (a SYN's is never scaled). */
    long[] window = new long[1024];
    byte[] marks = new byte[1024];
    /** Index of the segment's first SACK edge in {@link #sackEdges}, and how many blocks it carried. */
    int[] sackAt = new int[1024];
    byte[] sackCount = new byte[1024];
    int[] members = new int[1024];
    long[] lastTime = new long[1024];
    long[] firstAck = new long[1024];
    long[] sackEdges = new long[256];
    int sackEdgeCount;

    int add(long t, boolean out, long relSeq, long relAck, int len, int tcpFlags, long windowBytes) {
        if (count == time.length) {
            grow(count * 2);
        }
        int i = count++;
        time[i] = t;
        outgoing[i] = out;
        seq[i] = relSeq;
        ack[i] = relAck;
        length[i] = len;
        flags[i] = (byte) tcpFlags;
        window[i] = windowBytes;
        marks[i] = 0;
        sackAt[i] = sackEdgeCount;
        sackCount[i] = 0;
        members[i] = 1;
        lastTime[i] = t;
        firstAck[i] = relAck;
        segmentsSeen++;
        return i;
    }

    void addSack(int row, long left, long right) {
        if (sackEdgeCount + 2 > sackEdges.length) {
            sackEdges = Arrays.copyOf(sackEdges, sackEdges.length * 2);
        }
        sackEdges[sackEdgeCount++] = left;
        sackEdges[sackEdgeCount++] = right;
        sackCount[row]++;
    }

    void mark(int row, int bit) {
        marks[row] |= (byte) bit;
    }

    boolean marked(int row, int bit) {
        return (marks[row] & bit) != 0;
    }

    /**
     * A plain segment: in-order data with no mark, or a pure ACK, without SACK blocks, other flags than ACK and
     * PSH, or a zero window. Only such rows are merged or summarised.
     */
    boolean plain(int row) {
        int f = flags[row] & 0xFF;
        if (marks[row] != 0 || sackCount[row] != 0 || window[row] == 0 || (f != TcpFlags.ACK && f != (TcpFlags.ACK | TcpFlags.PSH))) {
            return false;
        }
        return outgoing[row] ? length[row] == 0 : length[row] > 0;
    }

    /** Folds the last row into {@code into}, a row of the same direction, and forgets it. */
    void mergeLast(int into) {
        int row = count - 1;
        members[into] += members[row];
        lastTime[into] = lastTime[row];
        ack[into] = ack[row];
        window[into] = window[row];
        length[into] += length[row];
        flags[into] |= flags[row];
        sackEdgeCount = sackAt[row];
        count--;
    }

    private void grow(int n) {
        time = Arrays.copyOf(time, n);
        seq = Arrays.copyOf(seq, n);
        ack = Arrays.copyOf(ack, n);
        length = Arrays.copyOf(length, n);
        flags = Arrays.copyOf(flags, n);
        outgoing = Arrays.copyOf(outgoing, n);
        window = Arrays.copyOf(window, n);
        marks = Arrays.copyOf(marks, n);
        sackAt = Arrays.copyOf(sackAt, n);
        sackCount = Arrays.copyOf(sackCount, n);
        members = Arrays.copyOf(members, n);
        lastTime = Arrays.copyOf(lastTime, n);
        firstAck = Arrays.copyOf(firstAck, n);
    }
}
