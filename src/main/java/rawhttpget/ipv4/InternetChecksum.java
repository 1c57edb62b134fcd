package rawhttpget.ipv4;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071): the ones'-complement sum of 16-bit words. Sums are kept unfolded in a
 * long so that partial sums (pseudo-header, header, payload) can be added before one final fold.
 */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    /** Reads eight bytes as one big-endian long, at any offset (one unaligned load, no bounds check per byte). */
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Longs summed into the two 32-bit lanes before they are emptied: each adds at most 2 x 0xFFFF per lane. */
    private static final int LONGS_PER_FLUSH = 16_384;
    private static final long LOW_WORDS = 0x0000_FFFF_0000_FFFFL;

    /**
     * Adds the bytes to {@code sum} as big-endian 16-bit words; an odd last byte is padded with zero. The
     * result is exactly the sum of the words, so partial sums can be combined before one {@link #fold}.
     *
     * <p>Eight bytes per load: a long holds four words, which one mask and one shift add pairwise into two
     * 32-bit lanes; the lanes are added into {@code sum} every {@link #LONGS_PER_FLUSH} longs, before they
     * could overflow. Every received segment is summed, so this is on the hot path (JMH
     * ReceivePathBenchmark.verifyTcpChecksum; figures in docs/PERFORMANCE.md).
     */
    public static long add(long sum, byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        int i = off;
        int end = off + len;
        while (end - i >= 8) {
            int stop = i + 8 * Math.min((end - i) >>> 3, LONGS_PER_FLUSH);
            long lanes = 0;
            for (; i < stop; i += 8) {
                long w = (long) LONG_BE.get(b, i);
                lanes += (w & LOW_WORDS) + ((w >>> 16) & LOW_WORDS);
            }
            sum += (lanes >>> 32) + (lanes & 0xFFFF_FFFFL);
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
