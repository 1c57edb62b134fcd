package rawhttpget.tcp;

/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4). Sequence numbers are plain ints so the data
 * path does not allocate; these helpers are the only place that compares them.
 */
public final class SeqNum {
    private SeqNum() {
    }

    public static boolean lt(int a, int b) {
        return a - b < 0;
    }

    public static boolean le(int a, int b) {
        return a - b <= 0;
    }

    public static boolean gt(int a, int b) {
        return a - b > 0;
    }

    public static boolean ge(int a, int b) {
        return a - b >= 0;
    }

    /** The distance from {@code from} forward to {@code to}, as a signed int. */
    public static int diff(int to, int from) {
        return to - from;
    }

    /** True when {@code lo <= x < hi} in sequence space. */
    public static boolean inWindow(int x, int lo, int hi) {
        return ge(x, lo) && lt(x, hi);
    }

    public static int max(int a, int b) {
        return gt(a, b) ? a : b;
    }

    public static int min(int a, int b) {
        return lt(a, b) ? a : b;
    }

    public static String format(int seq) {
        return Integer.toUnsignedString(seq);
    }
}
