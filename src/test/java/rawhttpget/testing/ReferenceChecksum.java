package rawhttpget.testing;

/** RFC 1071 written the plainest way, one 16-bit word at a time, as a reference for the real one. */
public final class ReferenceChecksum {
    private ReferenceChecksum() {
    }

    /** The sum of the big-endian 16-bit words, an odd last byte padded with zero, not folded. */
    public static long sum(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = 0; i < len; i++) {
            int v = b[off + i] & 0xFF;
            sum += (i % 2 == 0) ? v << 8 : v;
        }
        return sum;
    }

    /** The value for the checksum field: the complement of the folded sum. */
    public static int checksum(byte[] b, int off, int len) {
        long s = sum(b, off, len);
        while (s > 0xFFFF) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) (~s & 0xFFFF);
    }

    /** Recomputes the IPv4 header checksum in place. */
    public static void fixIpv4HeaderChecksum(byte[] b, int off) {
        int ihl = (b[off] & 0x0F) * 4;
        b[off + 10] = 0;
        b[off + 11] = 0;
        int c = checksum(b, off, ihl);
        b[off + 10] = (byte) (c >>> 8);
        b[off + 11] = (byte) c;
    }
}
