package rawhttpget.inet;

/**
 * An IPv4 address held in an int (network byte order: the first octet in the top bits), so the data path
 * compares and hashes without allocating. A leaf package of its own because both ARP and IPv4 speak it
 * and ARP sits below IPv4.
 */
public record Ipv4Address(int bits) implements IpAddress {

    // Written out, as the data path would write them anyway: a record's generated equals and hashCode link
    // through ObjectMethods on first use, milliseconds of a short run's start (docs/PERFORMANCE.md).
    @Override
    public boolean equals(Object other) {
        return other instanceof Ipv4Address a && bits == a.bits;
    }

    @Override
    public int hashCode() {
        return bits;
    }

    @Override
    public boolean isIpv6() {
        return false;
    }

    @Override
    public long checksumWords() {
        return (bits >>> 16) + (bits & 0xFFFF);
    }

    /** Parses dotted-quad notation; throws IllegalArgumentException with a readable message. */
    public static Ipv4Address parse(String text) {
        return new Ipv4Address(parseBits(text));
    }

    public static int parseBits(String text) {
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
        }
        int v = 0;
        for (String p : parts) {
            // ASCII digits only: Character.isDigit and Integer.parseInt also accept other scripts' digits.
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    public static int readBits(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    public static void writeBits(int bits, byte[] b, int off) {
        b[off] = (byte) (bits >>> 24);
        b[off + 1] = (byte) (bits >>> 16);
        b[off + 2] = (byte) (bits >>> 8);
        b[off + 3] = (byte) bits;
    }

    /** The netmask for a prefix length 0..32 as an int. */
    public static int mask(int prefixLength) {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
        }
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    public static boolean sameSubnet(int a, int b, int prefixLength) {
        int m = mask(prefixLength);
        return (a & m) == (b & m);
    }

    public byte[] toBytes() {
        byte[] b = new byte[4];
        writeBits(bits, b, 0);
        return b;
    }

    @Override
    public String toString() {
        return format(bits);
    }

    public static String format(int bits) {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF) + "." + (bits & 0xFF);
    }
}
