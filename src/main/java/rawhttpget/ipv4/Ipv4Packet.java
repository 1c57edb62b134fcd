package rawhttpget.ipv4;

import rawhttpget.inet.Ipv4Address;

/**
 * A view over an IPv4 packet (RFC 791). {@link #wrap} validates version, header length, total length and
 * the header checksum once, and trims Ethernet padding: the payload is exactly what the total length says.
 */
public final class Ipv4Packet {
    public static final int MIN_HEADER_LENGTH = 20;
    public static final int PROTOCOL_ICMP = 1;
    public static final int PROTOCOL_TCP = 6;
    public static final int DEFAULT_TTL = 64;

    private byte[] buf;
    private int off;
    private int headerLength;
    private int totalLength;

    /** What {@link #wrap} says of a header whose checksum is wrong (the stack counts these apart). */
    public static final String BAD_HEADER_CHECKSUM = "ip: bad header checksum";

    /** Returns null when the packet is usable, else why it is dropped. */
    public String wrap(byte[] buffer, int offset, int length) {
        if (length < MIN_HEADER_LENGTH) {
            return "ip: " + length + " bytes, shorter than a header";
        }
        int version = (buffer[offset] & 0xFF) >>> 4;
        if (version != 4) {
            return "ip: version " + version;
        }
        int ihl = (buffer[offset] & 0x0F) * 4;
        if (ihl < MIN_HEADER_LENGTH || ihl > length) {
            return "ip: bad header length " + ihl;
        }
        int total = ((buffer[offset + 2] & 0xFF) << 8) | (buffer[offset + 3] & 0xFF);
        if (total < ihl || total > length) {
            return "ip: total length " + total + " does not fit header " + ihl + " and frame " + length;
        }
        if (InternetChecksum.fold(InternetChecksum.add(0, buffer, offset, ihl)) != 0xFFFF) {
            return BAD_HEADER_CHECKSUM;
        }
        this.buf = buffer;
        this.off = offset;
        this.headerLength = ihl;
        this.totalLength = total;
        return null;
    }

    public int headerLength() {
        return headerLength;
    }

    public int totalLength() {
        return totalLength;
    }

    public int identification() {
        return ((buf[off + 4] & 0xFF) << 8) | (buf[off + 5] & 0xFF);
    }

    public boolean dontFragment() {
        return (buf[off + 6] & 0x40) != 0;
    }

    public boolean moreFragments() {
        return (buf[off + 6] & 0x20) != 0;
    }

    /** Fragment offset in bytes. */
    public int fragmentOffset() {
        return ((((buf[off + 6] & 0x1F) << 8) | (buf[off + 7] & 0xFF))) * 8;
    }

    public boolean isFragment() {
        return moreFragments() || fragmentOffset() != 0;
    }

    public int ttl() {
        return buf[off + 8] & 0xFF;
    }

    public int protocol() {
        return buf[off + 9] & 0xFF;
    }

    public int checksum() {
        return ((buf[off + 10] & 0xFF) << 8) | (buf[off + 11] & 0xFF);
    }

    public int source() {
        return Ipv4Address.readBits(buf, off + 12);
    }

    public int destination() {
        return Ipv4Address.readBits(buf, off + 16);
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return off;
    }

    public int payloadOffset() {
        return off + headerLength;
    }

    public int payloadLength() {
        return totalLength - headerLength;
    }

    /**
     * Writes a 20-byte header with DF set and a valid checksum; returns the offset where the payload goes.
     * DF because we do path MTU discovery rather than fragment.
     */
    public static int emitHeader(byte[] out, int offset, int source, int destination, int protocol, int payloadLength,
                                 int identification, int ttl) {
        int total = MIN_HEADER_LENGTH + payloadLength;
        out[offset] = 0x45;
        out[offset + 1] = 0;
        out[offset + 2] = (byte) (total >>> 8);
        out[offset + 3] = (byte) total;
        out[offset + 4] = (byte) (identification >>> 8);
        out[offset + 5] = (byte) identification;
        out[offset + 6] = 0x40;
        out[offset + 7] = 0;
        out[offset + 8] = (byte) ttl;
        out[offset + 9] = (byte) protocol;
        out[offset + 10] = 0;
        out[offset + 11] = 0;
        Ipv4Address.writeBits(source, out, offset + 12);
        Ipv4Address.writeBits(destination, out, offset + 16);
        int sum = InternetChecksum.of(out, offset, MIN_HEADER_LENGTH);
        out[offset + 10] = (byte) (sum >>> 8);
        out[offset + 11] = (byte) sum;
        return offset + MIN_HEADER_LENGTH;
    }
}
