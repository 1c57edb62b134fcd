package rawhttpget.report;

import java.util.Arrays;

/**
 * What the stack knew of one connection over time, sampled after segments: bytes waiting for the application,
 * bytes held beyond a hole, the window we advertised, how much the application had read, and the RTT
 * estimator's state. At most one sample per {@link #SPACING} unless the out-of-order queue empties or fills, so a
 * long run stays small while every hole's start and end is kept.
 */
final class StackSamples {
    static final long SPACING = 1_000_000L;

    int count;
    long[] time = new long[256];
    long[] buffered = new long[256];
    long[] outOfOrder = new long[256];
    long[] window = new long[256];
    long[] read = new long[256];
    private long lastAt;

    /**
     * Whether a sample at {@code t} is wanted: the first, one {@link #SPACING} after the last, or one where a hole
     * appeared or went, or the window closed or opened. Asked before the values are gathered, once per segment.
     */
    boolean due(long t, boolean holes, long windowBytes) {
        return count == 0 || t - lastAt >= SPACING || (outOfOrder[count - 1] != 0) != holes
                || (window[count - 1] == 0) != (windowBytes == 0);
    }

    void sample(long t, long bufferedBytes, long outOfOrderBytes, long windowBytes, long readBytes) {
        lastAt = t;
        if (count == time.length) {
            int n = count * 2;
            time = Arrays.copyOf(time, n);
            buffered = Arrays.copyOf(buffered, n);
            outOfOrder = Arrays.copyOf(outOfOrder, n);
            window = Arrays.copyOf(window, n);
            read = Arrays.copyOf(read, n);
        }
        time[count] = t;
        buffered[count] = bufferedBytes;
        outOfOrder[count] = outOfOrderBytes;
        window[count] = windowBytes;
        read[count] = readBytes;
        count++;
    }
}
