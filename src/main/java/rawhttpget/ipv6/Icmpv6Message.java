package rawhttpget.ipv6;

import rawhttpget.inet.NetworkBytes;
import rawhttpget.ipv4.InternetChecksum;

/**
 * A view over an ICMPv6 message (RFC 4443). {@link #wrap} verifies the checksum, which covers the IPv6
 * pseudo-header (§2.3). Errors (types below 128) quote the packet that caused them: {@link #quoted} reads it.
 * The Neighbor Discovery messages (types 133 to 137) are read by the ndp package over the same bytes.
 */
public final class Icmpv6Message {
    public static final int TYPE_DESTINATION_UNREACHABLE = 1;
    public static final int TYPE_PACKET_TOO_BIG = 2;
    public static final int TYPE_TIME_EXCEEDED = 3;
    public static final int TYPE_PARAMETER_PROBLEM = 4;
    public static final int TYPE_ECHO_REQUEST = 128;
    public static final int TYPE_ECHO_REPLY = 129;
    public static final int TYPE_ROUTER_SOLICITATION = 133;
    public static final int TYPE_ROUTER_ADVERTISEMENT = 134;
    public static final int TYPE_NEIGHBOR_SOLICITATION = 135;
    public static final int TYPE_NEIGHBOR_ADVERTISEMENT = 136;
    public static final int TYPE_REDIRECT = 137;

    public static final int CODE_NO_ROUTE = 0;
    public static final int CODE_ADMINISTRATIVELY_PROHIBITED = 1;
    public static final int CODE_BEYOND_SCOPE = 2;
    public static final int CODE_ADDRESS_UNREACHABLE = 3;
    public static final int CODE_PORT_UNREACHABLE = 4;
    public static final int CODE_SOURCE_POLICY_FAILED = 5;
    public static final int CODE_REJECT_ROUTE = 6;

    /** Type, code, checksum and the 32 bits every message of RFC 4443 has next (MTU, pointer, id and seq, unused). */
    public static final int HEADER_LENGTH = 8;
    /** What {@link #wrap} says of a message whose checksum is wrong (the stack counts these apart). */
    public static final String BAD_CHECKSUM = "icmp6: bad checksum";

    private byte[] buf;
    private int off;
    private int len;

    /** Wraps the message an IPv6 packet carries as its upper layer; returns null, or why it is dropped. */
    public String wrap(Ipv6Packet ip) {
        if (ip.upperLayerProtocol() != Ipv6Packet.NEXT_HEADER_ICMPV6) {
            return "icmp6: next header " + ip.upperLayerProtocol() + ", not ICMPv6";
        }
        if (ip.isFragment()) {
            return "icmp6: a fragment, which only reassembly would make whole"; // we do not reassemble
        }
        int length = ip.upperLayerLength();
        return wrap(ip.buffer(), ip.upperLayerOffset(), length,
                ip.pseudoHeaderSum(Ipv6Packet.NEXT_HEADER_ICMPV6, length));
    }

    /** Wraps a message whose pseudo-header sums to {@code pseudoHeaderSum}; returns null, or why it is dropped. */
    public String wrap(byte[] buffer, int offset, int length, long pseudoHeaderSum) {
        if (length < HEADER_LENGTH) {
            return "icmp6: " + length + " bytes, shorter than a header";
        }
        if (InternetChecksum.fold(InternetChecksum.add(pseudoHeaderSum, buffer, offset, length)) != 0xFFFF) {
            return BAD_CHECKSUM;
        }
        this.buf = buffer;
        this.off = offset;
        this.len = length;
        return null;
    }

    public int type() {
        return buf[off] & 0xFF;
    }

    public int code() {
        return buf[off + 1] & 0xFF;
    }

    public int checksum() {
        return NetworkBytes.u16(buf, off + 2);
    }

    public int length() {
        return len;
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return off;
    }

    /** Errors (types 0 to 127, RFC 4443 §2.1) quote a packet; informational messages do not. */
    public boolean isError() {
        return type() < 128;
    }

    /** The MTU a Packet Too Big reports, as sent (it may be anything, even below the minimum). */
    public long mtu() {
        return NetworkBytes.i32(buf, off + 4) & 0xFFFF_FFFFL;
    }

    /**
     * The path MTU to believe from a Packet Too Big: its MTU, never below the 1280 every IPv6 link carries (RFC
     * 8201 §4), nor above what an int holds (an Ethernet path is far below either end).
     */
    public int pathMtu() {
        return (int) Math.max(Ipv6Packet.MIN_MTU, Math.min(mtu(), Integer.MAX_VALUE));
    }

    /** The byte of the quoted packet a Parameter Problem points at (RFC 4443 §3.4). */
    public long pointer() {
        return mtu();
    }

    /** Echo request and reply (RFC 4443 §4). */
    public int echoIdentifier() {
        return NetworkBytes.u16(buf, off + 4);
    }

    public int echoSequence() {
        return NetworkBytes.u16(buf, off + 6);
    }

    public int bodyOffset() {
        return off + HEADER_LENGTH;
    }

    public int bodyLength() {
        return len - HEADER_LENGTH;
    }

    /** Wraps {@code quoted} over the packet this error quotes; returns null, or why it cannot. */
    public String quoted(QuotedIpv6Packet quoted) {
        if (!isError()) {
            return "icmp6: type " + type() + " quotes no packet";
        }
        return quoted.wrap(buf, bodyOffset(), bodyLength());
    }

    /**
     * tcpdump's line for the message (without addresses), as {@code tcpdump -n} prints it: e.g.
     * {@code ICMP6, packet too big, mtu 1280, length 1240}.
     */
    public String describe() {
        return Icmpv6Notation.of(this);
    }

    /**
     * Fills in the checksum of a message built at {@code offset} (its checksum field is overwritten), given its
     * pseudo-header's sum.
     */
    public static void writeChecksum(byte[] out, int offset, int length, long pseudoHeaderSum) {
        out[offset + 2] = 0;
        out[offset + 3] = 0;
        int sum = InternetChecksum.finish(InternetChecksum.add(pseudoHeaderSum, out, offset, length));
        out[offset + 2] = (byte) (sum >>> 8);
        out[offset + 3] = (byte) sum;
    }
}
