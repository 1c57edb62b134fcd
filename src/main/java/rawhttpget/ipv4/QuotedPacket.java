package rawhttpget.ipv4;

import rawhttpget.inet.NetworkBytes;
import rawhttpget.inet.Ipv4Address;

/**
 * A view over what an ICMP error quotes of the packet that caused it (RFC 792): its IPv4 header and the first 8
 * bytes of its transport header, which for TCP hold the ports and the sequence number. {@link #wrap} checks the
 * lengths once; every accessor then reads inside them. The quoted header is not checked otherwise: routers may
 * have changed it (TTL, checksum), and its total length names the whole packet, not the quoted part.
 */
public final class QuotedPacket {
    /** What RFC 792 promises of the transport header: the ports and, for TCP, the sequence number. */
    public static final int TRANSPORT_BYTES = 8;

    private byte[] buf;
    private int off;
    private int headerLength;

    /** Wraps the quoted bytes; returns null, or why they cannot name a packet of ours. */
    public String wrap(byte[] buffer, int offset, int length) {
        if (length < Ipv4Packet.MIN_HEADER_LENGTH + TRANSPORT_BYTES) {
            return "icmp: quoted packet of " + length + " bytes, shorter than an IPv4 header and 8 bytes";
        }
        if ((buffer[offset] & 0xF0) != 0x40) {
            return "icmp: quoted packet is IP version " + ((buffer[offset] & 0xFF) >>> 4) + ", not 4";
        }
        int ihl = (buffer[offset] & 0x0F) * 4;
        if (ihl < Ipv4Packet.MIN_HEADER_LENGTH) {
            return "icmp: quoted IPv4 header length " + ihl + ", less than 20";
        }
        if (length < ihl + TRANSPORT_BYTES) {
            return "icmp: quoted packet of " + length + " bytes, too short for its " + ihl + "-byte IPv4 header and 8 bytes";
        }
        this.buf = buffer;
        this.off = offset;
        this.headerLength = ihl;
        return null;
    }

    public int headerLength() {
        return headerLength;
    }

    /** The IPv4 total length of the original packet, which the quote holds only the start of. */
    public int totalLength() {
        return NetworkBytes.u16(buf, off + 2);
    }

    public int protocol() {
        return buf[off + 9] & 0xFF;
    }

    public int source() {
        return Ipv4Address.readBits(buf, off + 12);
    }

    public int destination() {
        return Ipv4Address.readBits(buf, off + 16);
    }

    /** TCP or UDP: the first two bytes of the transport header. */
    public int sourcePort() {
        return NetworkBytes.u16(buf, off + headerLength);
    }

    public int destinationPort() {
        return NetworkBytes.u16(buf, off + headerLength + 2);
    }

    /** TCP only: the quoted segment's sequence number. */
    public int tcpSequence() {
        int at = off + headerLength + 4;
        return (NetworkBytes.u16(buf, at) << 16) | NetworkBytes.u16(buf, at + 2);
    }

}
