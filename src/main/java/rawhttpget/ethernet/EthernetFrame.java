package rawhttpget.ethernet;

import rawhttpget.inet.MacAddress;

/**
 * A view over an Ethernet II frame in a byte array (no FCS). {@link #wrap} checks the length once; every
 * accessor after that reads a fixed offset and cannot fail. One instance is reused for every frame.
 */
public final class EthernetFrame {
    public static final int HEADER_LENGTH = 14;
    public static final int TYPE_IPV4 = 0x0800;
    public static final int TYPE_ARP = 0x0806;
    public static final int TYPE_IPV6 = 0x86DD;
    public static final int TYPE_VLAN = 0x8100;

    private byte[] buf;
    private int off;
    private int len;

    /** Points this view at a frame; returns null when usable, else why not. */
    public String wrap(byte[] buffer, int offset, int length) {
        if (length < HEADER_LENGTH) {
            return "ethernet: frame of " + length + " bytes is shorter than the 14-byte header";
        }
        this.buf = buffer;
        this.off = offset;
        this.len = length;
        return null;
    }

    public long destination() {
        return MacAddress.readBits(buf, off);
    }

    public long source() {
        return MacAddress.readBits(buf, off + 6);
    }

    public int etherType() {
        return ((buf[off + 12] & 0xFF) << 8) | (buf[off + 13] & 0xFF);
    }

    public byte[] buffer() {
        return buf;
    }

    public int payloadOffset() {
        return off + HEADER_LENGTH;
    }

    public int payloadLength() {
        return len - HEADER_LENGTH;
    }

    /** Writes a header at {@code offset}; returns the offset where the payload goes. */
    public static int emitHeader(byte[] out, int offset, long destination, long source, int etherType) {
        MacAddress.writeBits(destination, out, offset);
        MacAddress.writeBits(source, out, offset + 6);
        out[offset + 12] = (byte) (etherType >>> 8);
        out[offset + 13] = (byte) etherType;
        return offset + HEADER_LENGTH;
    }

    public static String typeName(int etherType) {
        return switch (etherType) {
            case TYPE_IPV4 -> "IPv4";
            case TYPE_ARP -> "ARP";
            case TYPE_VLAN -> "802.1Q";
            case TYPE_IPV6 -> "IPv6";
            default -> String.format("0x%04x", etherType);
        };
    }
}
