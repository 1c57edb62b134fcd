package rawhttpget.ipv6;

import rawhttpget.inet.Ipv6Address;
import rawhttpget.inet.NetworkBytes;

/**
 * A view over what an ICMPv6 error quotes of the packet that caused it (RFC 4443 §2.4(c): as much as fits in the
 * minimum MTU): its IPv6 header, the extension headers the quote holds, and the first 8 bytes of the transport
 * header, which for TCP hold the ports and the sequence number. {@link #wrap} walks the extension headers inside
 * the quote; it refuses a quote that ends before 8 transport bytes, and one of a later fragment, which holds no
 * transport header. The quoted payload length names the whole packet, not the quoted part, so it is not checked.
 */
public final class QuotedIpv6Packet {
    /** The ports and, for TCP, the sequence number. */
    public static final int TRANSPORT_BYTES = 8;

    private byte[] buf;
    private int off;
    private int protocol;
    private int transportOffset;

    /** Wraps the quoted bytes; returns null, or why they cannot name a packet of ours. */
    public String wrap(byte[] buffer, int offset, int length) {
        if (length < Ipv6Packet.HEADER_LENGTH + TRANSPORT_BYTES) {
            return "icmp6: quoted packet of " + length + " bytes, shorter than an IPv6 header and 8 bytes";
        }
        if ((buffer[offset] & 0xF0) != 0x60) {
            return "icmp6: quoted packet is IP version " + ((buffer[offset] & 0xFF) >>> 4) + ", not 6";
        }
        int end = offset + length;
        int next = buffer[offset + 6] & 0xFF;
        int at = offset + Ipv6Packet.HEADER_LENGTH;
        while (true) {
            if (next == Ipv6Packet.NEXT_HEADER_FRAGMENT) {
                if (end - at < 8) {
                    return "icmp6: quote ends inside its fragment header";
                }
                if ((NetworkBytes.u16(buffer, at + 2) & 0xFFF8) != 0) {
                    return "icmp6: quoted packet is a later fragment, without a transport header";
                }
                next = buffer[at] & 0xFF;
                at += 8;
            } else if (next == Ipv6Packet.NEXT_HEADER_HOP_BY_HOP || next == Ipv6Packet.NEXT_HEADER_ROUTING
                    || next == Ipv6Packet.NEXT_HEADER_DESTINATION_OPTIONS) {
                if (end - at < 8) {
                    return "icmp6: quote ends inside extension header " + next;
                }
                int headerLength = ((buffer[at + 1] & 0xFF) + 1) * 8;
                if (end - at < headerLength) {
                    return "icmp6: quote ends inside extension header " + next;
                }
                next = buffer[at] & 0xFF;
                at += headerLength;
            } else {
                break;
            }
        }
        if (Ipv6Packet.isUnwalkedExtensionHeader(next) || next == Ipv6Packet.NEXT_HEADER_NONE) {
            return "icmp6: quoted packet has no transport header to read (next header " + next + ")";
        }
        if (end - at < TRANSPORT_BYTES) {
            return "icmp6: quote ends " + (end - at) + " bytes into the transport header, fewer than 8";
        }
        this.buf = buffer;
        this.off = offset;
        this.protocol = next;
        this.transportOffset = at;
        return null;
    }

    /** The upper-layer protocol after the quoted extension headers. */
    public int protocol() {
        return protocol;
    }

    /** The payload length of the original packet, which the quote holds only the start of. */
    public int payloadLength() {
        return NetworkBytes.u16(buf, off + 4);
    }

    public Ipv6Address source() {
        return Ipv6Address.read(buf, off + 8);
    }

    public Ipv6Address destination() {
        return Ipv6Address.read(buf, off + 24);
    }

    public int transportOffset() {
        return transportOffset;
    }

    /** TCP or UDP: the first two bytes of the transport header. */
    public int sourcePort() {
        return NetworkBytes.u16(buf, transportOffset);
    }

    public int destinationPort() {
        return NetworkBytes.u16(buf, transportOffset + 2);
    }

    /** TCP only: the quoted segment's sequence number. */
    public int tcpSequence() {
        return NetworkBytes.i32(buf, transportOffset + 4);
    }
}
