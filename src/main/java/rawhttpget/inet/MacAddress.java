package rawhttpget.inet;

import java.util.Locale;
import java.util.random.RandomGenerator;

/** A 48-bit MAC address, held in the low bits of a long so the data path can compare without allocating. */
public record MacAddress(long bits) {
    public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);
    public static final MacAddress ZERO = new MacAddress(0);

    public MacAddress {
        if ((bits & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("not a 48-bit address: " + Long.toHexString(bits));
        }
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff} (also with '-'); throws IllegalArgumentException with a readable message. */
    public static MacAddress parse(String text) {
        // Limit -1: without it split drops trailing empty parts and "aa:bb:cc:dd:ee:ff:" would pass.
        String[] parts = text.trim().split("[:-]", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address: '" + text + "' (expected aa:bb:cc:dd:ee:ff)");
        }
        long v = 0;
        for (String p : parts) {
            // Hex digits only: Integer.parseInt alone would also take a sign ("+f").
            if (!p.matches("[0-9A-Fa-f]{1,2}")) {
                throw new IllegalArgumentException("not a MAC address: '" + text + "'");
            }
            v = (v << 8) | Integer.parseInt(p, 16);
        }
        return new MacAddress(v);
    }

    public static MacAddress read(byte[] b, int off) {
        return new MacAddress(readBits(b, off));
    }

    public static long readBits(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    public static void writeBits(long bits, byte[] b, int off) {
        for (int i = 5; i >= 0; i--) {
            b[off + i] = (byte) bits;
            bits >>>= 8;
        }
    }

    public void write(byte[] b, int off) {
        writeBits(bits, b, off);
    }

    public byte[] toBytes() {
        byte[] b = new byte[6];
        write(b, 0);
        return b;
    }

    /** A random unicast, locally administered address (bit 1 of the first octet set, bit 0 clear). */
    public static MacAddress randomLocal(RandomGenerator random) {
        long v = random.nextLong() & 0xFFFF_FFFF_FFFFL;
        v = (v & ~(0x01L << 40)) | (0x02L << 40);
        return new MacAddress(v);
    }

    public boolean isMulticast() {
        return (bits & (0x01L << 40)) != 0;
    }

    @Override
    public String toString() {
        return format(bits);
    }

    public static String format(long bits) {
        StringBuilder s = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            s.append(String.format(Locale.ROOT, "%02x", (bits >>> (i * 8)) & 0xFF));
            if (i > 0) {
                s.append(':');
            }
        }
        return s.toString();
    }
}
