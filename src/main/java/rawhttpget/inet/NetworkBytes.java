package rawhttpget.inet;

/**
 * Big-endian (network byte order) fields in a byte array, for every codec: one definition of how a 16- or 32-bit
 * field is read and written, so no codec carries its own copy. Callers check bounds once, as views do.
 */
public final class NetworkBytes {
    private NetworkBytes() {
    }

    /** The unsigned 16-bit field at {@code at}. */
    public static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    /** The 32-bit field at {@code at}, as an int (sequence numbers and addresses wrap, so sign does not matter). */
    public static int i32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    /** Writes {@code v} at {@code at}; returns the index after it. */
    public static int put32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
        return at + 4;
    }
}
