package rawhttpget.ipv4;

/**
 * The Internet checksum (RFC 1071): the ones'-complement sum of 16-bit words. Sums are kept unfolded in a
 * long so that partial sums (pseudo-header, header, payload) can be added before one final fold.
 */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    /** Adds the bytes to {@code sum} as big-endian 16-bit words; an odd last byte is padded with zero. */
    public static long add(long sum, byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        // Four words per step: the carries collect in the long's upper bits and are folded once at the end.
        for (; i + 8 <= end; i += 8) {
            sum += (((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF))
                    + (((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF))
                    + (((b[i + 4] & 0xFF) << 8) | (b[i + 5] & 0xFF))
                    + (((b[i + 6] & 0xFF) << 8) | (b[i + 7] & 0xFF));
        }
        for (; i + 2 <= end; i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if (i < end) {
            sum += (b[i] & 0xFF) << 8;
        }
        return sum;
    }

    /** Folds a running sum to 16 bits (not complemented). */
    public static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** The checksum field value for data whose running sum (with the field zero) is {@code sum}. */
    public static int finish(long sum) {
        return ~fold(sum) & 0xFFFF;
    }

    /** The checksum of a byte range, ready to store. */
    public static int of(byte[] b, int off, int len) {
        return finish(add(0, b, off, len));
    }

    /** The sum of the TCP/UDP pseudo-header (RFC 9293 §3.1). */
    public static long pseudoHeader(int source, int destination, int protocol, int length) {
        return (source >>> 16) + (source & 0xFFFF) + (destination >>> 16) + (destination & 0xFFFF) + protocol + length;
    }
}
