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

    void sample(long t, long bufferedBytes, long outOfOrderBytes, long windowBytes, long readBytes) {
        boolean holeChanged = count > 0 && (outOfOrder[count - 1] == 0) != (outOfOrderBytes == 0);
        boolean windowClosedOrOpened = count > 0 && (window[count - 1] == 0) != (windowBytes == 0);
        if (count > 0 && !holeChanged && !windowClosedOrOpened && t - lastAt < SPACING) {
            return;
        }
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
