package rawhttpget.report;

/**
 * Turns 32-bit sequence numbers into offsets from an initial sequence number that keep growing past 4 GiB: each
 * value is read as the nearest one to the previous (RFC 1982's serial arithmetic), as tcptrace does.
 */
final class Unwrapper {
    private int base;
    private boolean known;
    private long last;

    void start(int initial) {
        base = initial;
        known = true;
        last = 0;
    }

    boolean known() {
        return known;
    }

    /** {@code value} relative to the initial number; the raw value while none is known (a stray RST). */
    long relative(int value) {
        if (!known) {
            return Integer.toUnsignedLong(value);
        }
        long rel = last + (int) (value - base - (int) last);
        if (rel > last) {
            last = rel;
        }
        return rel;
    }
}
