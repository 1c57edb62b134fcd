package rawhttpget.inet;

/**
 * An IPv6 address held in two longs (network byte order: the first byte in the top bits of {@code high}), so
 * that views and caches compare and hash it without a byte array. Text follows RFC 4291 §2.2 when parsed (every
 * form: full, {@code ::}-compressed, with an embedded dotted quad) and RFC 5952 when formatted (lowercase, no
 * leading zeros, the longest run of two or more zero fields compressed, the first of equal runs; an IPv4-mapped
 * address ends in a dotted quad, §5).
 */
public record Ipv6Address(long high, long low) implements IpAddress {
    public static final int BYTES = 16;
    public static final Ipv6Address UNSPECIFIED = new Ipv6Address(0, 0);
    /** ff02::1, every node on the link. */
    public static final Ipv6Address ALL_NODES = new Ipv6Address(0xff02L << 48, 1);
    /** ff02::2, every router on the link. */
    public static final Ipv6Address ALL_ROUTERS = new Ipv6Address(0xff02L << 48, 2);

    /** Parses RFC 4291 text; throws IllegalArgumentException with a readable message. */
    public static Ipv6Address parse(String text) {
        int[] fields = Ipv6Text.parseFields(text);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = (high << 16) | fields[i];
            low = (low << 16) | fields[i + 4];
        }
        return new Ipv6Address(high, low);
    }

    public static Ipv6Address read(byte[] b, int off) {
        return new Ipv6Address(readLong(b, off), readLong(b, off + 8));
    }

    public void write(byte[] b, int off) {
        writeLong(high, b, off);
        writeLong(low, b, off + 8);
    }

    public byte[] toBytes() {
        byte[] b = new byte[BYTES];
        write(b, 0);
        return b;
    }

    /** True when the 16 bytes at {@code off} are this address (no allocation, for the receive path). */
    public boolean equalsAt(byte[] b, int off) {
        return readLong(b, off) == high && readLong(b, off + 8) == low;
    }

    /** The 16-bit field {@code i} (0 to 7), as the text shows it. */
    public int field(int i) {
        long half = i < 4 ? high : low;
        return (int) (half >>> (48 - 16 * (i & 3))) & 0xFFFF;
    }

    public boolean isUnspecified() {
        return high == 0 && low == 0;
    }

    public boolean isLoopback() {
        return high == 0 && low == 1;
    }

    /** ff00::/8 (RFC 4291 §2.7). */
    public boolean isMulticast() {
        return (high >>> 56) == 0xFF;
    }

    /** fe80::/10 (RFC 4291 §2.5.6). */
    public boolean isLinkLocal() {
        return (high >>> 54) == (0xfe80L >>> 6);
    }

    /** ::ffff:0:0/96, an IPv4 address as an IPv6 one (RFC 4291 §2.5.5.2). */
    public boolean isIpv4Mapped() {
        return high == 0 && (low >>> 32) == 0xFFFF;
    }

    /** The scope of a multicast address (RFC 4291 §2.7: 2 is link-local); only when {@link #isMulticast}. */
    public int multicastScope() {
        return (int) (high >>> 48) & 0xF;
    }

    /**
     * ff02::1:ffXX:XXXX, the group whose members are the nodes that may own this address (RFC 4291 §2.7.1): its
     * low 24 bits, so that a Neighbor Solicitation reaches only the few hosts sharing them.
     */
    public Ipv6Address solicitedNodeMulticast() {
        return new Ipv6Address(0xff02L << 48, 0x1_ff00_0000L | (low & 0xFF_FFFFL));
    }

    /** The Ethernet MAC a multicast address maps to: 33:33 and its low 32 bits (RFC 2464 §7). */
    public MacAddress multicastMac() {
        return new MacAddress(multicastMacBits());
    }

    public long multicastMacBits() {
        return 0x3333_0000_0000L | (low & 0xFFFF_FFFFL);
    }

    /** True when the first {@code prefixLength} bits (0 to 128) of both addresses agree. */
    public boolean sameSubnet(Ipv6Address other, int prefixLength) {
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
        }
        if (prefixLength <= 64) {
            return prefixLength == 0 || (high ^ other.high) >>> (64 - prefixLength) == 0;
        }
        return high == other.high && (prefixLength == 128 || (low ^ other.low) >>> (128 - prefixLength) == 0);
    }

    @Override
    public boolean isIpv6() {
        return true;
    }

    @Override
    public long checksumWords() {
        return words(high) + words(low);
    }

    private static long words(long v) {
        return (v >>> 48) + ((v >>> 32) & 0xFFFF) + ((v >>> 16) & 0xFFFF) + (v & 0xFFFF);
    }

    @Override
    public String toString() {
        return Ipv6Text.format(this);
    }

    private static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    private static void writeLong(long v, byte[] b, int off) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
