package rawhttpget.ipv6;

import rawhttpget.inet.Ipv6Address;
import rawhttpget.inet.NetworkBytes;
import rawhttpget.ipv4.InternetChecksum;

/**
 * A view over an IPv6 packet (RFC 8200). {@link #wrap} checks the version and the payload length once, trims
 * Ethernet padding, and walks the extension headers (§4) to the upper-layer header: Hop-by-Hop (first only),
 * Routing, Fragment and Destination Options are stepped over; the walk ends at any other next header, or at No
 * Next Header. Headers the walk knows to be extension headers but cannot step over (AH, ESP, Mobility, HIP,
 * Shim6, experiments) refuse the packet, naming the type: a host that does not process them must not read what
 * follows as upper-layer data.
 *
 * <p>A fragment other than the first carries no upper-layer header: the walk stops after its Fragment header,
 * and {@link #upperLayerOffset} is where its data starts.
 */
public final class Ipv6Packet {
    public static final int HEADER_LENGTH = 40;
    public static final int NEXT_HEADER_HOP_BY_HOP = 0;
    public static final int NEXT_HEADER_TCP = 6;
    public static final int NEXT_HEADER_UDP = 17;
    public static final int NEXT_HEADER_ROUTING = 43;
    public static final int NEXT_HEADER_FRAGMENT = 44;
    public static final int NEXT_HEADER_ESP = 50;
    public static final int NEXT_HEADER_AH = 51;
    public static final int NEXT_HEADER_ICMPV6 = 58;
    public static final int NEXT_HEADER_NONE = 59;
    public static final int NEXT_HEADER_DESTINATION_OPTIONS = 60;
    public static final int DEFAULT_HOP_LIMIT = 64;
    /** RFC 8200 §5: every link carries packets of this size, so a Packet Too Big never lowers the path below it. */
    public static final int MIN_MTU = 1280;

    private byte[] buf;
    private int off;
    private int payloadLength;
    private int upperLayerProtocol;
    private int upperLayerOffset;
    private int fragmentHeaderOffset;

    /** Returns null when the packet is usable, else why it is dropped. */
    public String wrap(byte[] buffer, int offset, int length) {
        if (length < HEADER_LENGTH) {
            return "ipv6: " + length + " bytes, shorter than a header";
        }
        int version = (buffer[offset] & 0xFF) >>> 4;
        if (version != 6) {
            return "ipv6: version " + version;
        }
        int payload = NetworkBytes.u16(buffer, offset + 4);
        if (HEADER_LENGTH + payload > length) {
            // A zero payload length with a Hop-by-Hop header means a jumbogram (RFC 2675): not on an Ethernet.
            return "ipv6: payload length " + payload + " does not fit frame " + length;
        }
        int end = offset + HEADER_LENGTH + payload;
        int next = buffer[offset + 6] & 0xFF;
        int at = offset + HEADER_LENGTH;
        int fragment = -1;
        while (true) {
            if (next == NEXT_HEADER_HOP_BY_HOP && at != offset + HEADER_LENGTH) {
                return "ipv6: hop-by-hop header not first, at byte " + (at - offset);
            }
            if (next == NEXT_HEADER_FRAGMENT) {
                if (end - at < 8) {
                    return "ipv6: fragment header cut short at byte " + (at - offset);
                }
                fragment = at;
                next = buffer[at] & 0xFF;
                at += 8;
                if ((NetworkBytes.u16(buffer, fragment + 2) & 0xFFF8) != 0) {
                    break; // a later fragment: what follows is data, not headers
                }
                continue;
            }
            if (next == NEXT_HEADER_HOP_BY_HOP || next == NEXT_HEADER_ROUTING || next == NEXT_HEADER_DESTINATION_OPTIONS) {
                if (end - at < 8) {
                    return "ipv6: extension header " + next + " cut short at byte " + (at - offset);
                }
                int headerLength = ((buffer[at + 1] & 0xFF) + 1) * 8;
                if (end - at < headerLength) {
                    return "ipv6: extension header " + next + " of " + headerLength + " bytes overruns the payload";
                }
                if (next == NEXT_HEADER_ROUTING && (buffer[at + 3] & 0xFF) != 0) {
                    // Segments left: the packet is on its way to another node (§4.4), and we do not forward.
                    return "ipv6: routing header with " + (buffer[at + 3] & 0xFF) + " segments left";
                }
                next = buffer[at] & 0xFF;
                at += headerLength;
                continue;
            }
            if (isUnwalkedExtensionHeader(next)) {
                return "ipv6: unsupported extension header " + next + " at byte " + (at - offset);
            }
            break;
        }
        this.buf = buffer;
        this.off = offset;
        this.payloadLength = payload;
        this.upperLayerProtocol = next;
        this.upperLayerOffset = at;
        this.fragmentHeaderOffset = fragment;
        return null;
    }

    /** Extension header types (IANA's list, RFC 7045) that the walk does not step over. */
    static boolean isUnwalkedExtensionHeader(int next) {
        return next == NEXT_HEADER_ESP || next == NEXT_HEADER_AH || next == 135 || next == 139 || next == 140
                || next == 253 || next == 254;
    }

    public int trafficClass() {
        return (NetworkBytes.u16(buf, off) >>> 4) & 0xFF;
    }

    public int flowLabel() {
        return NetworkBytes.i32(buf, off) & 0xF_FFFF;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** The Next Header field of the fixed header (the first extension header's type, if any). */
    public int nextHeader() {
        return buf[off + 6] & 0xFF;
    }

    public int hopLimit() {
        return buf[off + 7] & 0xFF;
    }

    public Ipv6Address source() {
        return Ipv6Address.read(buf, off + 8);
    }

    public Ipv6Address destination() {
        return Ipv6Address.read(buf, off + 24);
    }

    public int sourceOffset() {
        return off + 8;
    }

    public int destinationOffset() {
        return off + 24;
    }

    /** The protocol after the extension headers: TCP, UDP, ICMPv6, No Next Header, or anything else. */
    public int upperLayerProtocol() {
        return upperLayerProtocol;
    }

    public int upperLayerOffset() {
        return upperLayerOffset;
    }

    /** The bytes from the upper-layer header to the end of the payload (the upper-layer packet length of §8.1). */
    public int upperLayerLength() {
        return off + HEADER_LENGTH + payloadLength - upperLayerOffset;
    }

    public boolean hasFragmentHeader() {
        return fragmentHeaderOffset >= 0;
    }

    /** Fragment offset in bytes; only when {@link #hasFragmentHeader}. */
    public int fragmentOffset() {
        return NetworkBytes.u16(buf, fragmentHeaderOffset + 2) & 0xFFF8;
    }

    /** The M flag; only when {@link #hasFragmentHeader}. */
    public boolean moreFragments() {
        return (buf[fragmentHeaderOffset + 3] & 1) != 0;
    }

    /** Only when {@link #hasFragmentHeader}. */
    public int fragmentIdentification() {
        return NetworkBytes.i32(buf, fragmentHeaderOffset + 4);
    }

    /**
     * True when this is a piece of a larger packet. A Fragment header with offset 0 and M clear is an "atomic
     * fragment" (RFC 6946): the whole packet, to be read as if the header were not there.
     */
    public boolean isFragment() {
        return hasFragmentHeader() && (moreFragments() || fragmentOffset() != 0);
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return off;
    }

    /**
     * The running sum of the upper-layer pseudo-header (RFC 8200 §8.1) for this packet's addresses, the given
     * protocol and length. The destination is the header's: a Routing header with segments left is refused by
     * {@link #wrap}, so the header's destination is the final one.
     */
    public long pseudoHeaderSum(int protocol, int upperLayerLength) {
        return InternetChecksum.add(0, buf, off + 8, 2 * Ipv6Address.BYTES) + pseudoHeaderTail(protocol, upperLayerLength);
    }

    /** True when the upper-layer data (its checksum field filled in) sums right with the pseudo-header. */
    public boolean upperLayerChecksumValid() {
        long sum = pseudoHeaderSum(upperLayerProtocol, upperLayerLength());
        return InternetChecksum.fold(InternetChecksum.add(sum, buf, upperLayerOffset, upperLayerLength())) == 0xFFFF;
    }

    /** The pseudo-header's running sum for packets being built (RFC 8200 §8.1). */
    public static long pseudoHeaderSum(Ipv6Address source, Ipv6Address destination, int protocol, int upperLayerLength) {
        return words(source.high()) + words(source.low()) + words(destination.high()) + words(destination.low())
                + pseudoHeaderTail(protocol, upperLayerLength);
    }

    private static long pseudoHeaderTail(int protocol, int upperLayerLength) {
        return (upperLayerLength >>> 16) + (upperLayerLength & 0xFFFF) + protocol;
    }

    private static long words(long v) {
        return (v >>> 48) + ((v >>> 32) & 0xFFFF) + ((v >>> 16) & 0xFFFF) + (v & 0xFFFF);
    }

    /**
     * Writes the 40-byte fixed header; returns the offset where the payload goes. Traffic class 0: we mark
     * nothing, and ECN is not negotiated.
     */
    public static int emitHeader(byte[] out, int offset, int flowLabel, int payloadLength, int nextHeader,
                                 int hopLimit, Ipv6Address source, Ipv6Address destination) {
        NetworkBytes.put32(out, offset, (6 << 28) | (flowLabel & 0xF_FFFF));
        out[offset + 4] = (byte) (payloadLength >>> 8);
        out[offset + 5] = (byte) payloadLength;
        out[offset + 6] = (byte) nextHeader;
        out[offset + 7] = (byte) hopLimit;
        source.write(out, offset + 8);
        destination.write(out, offset + 24);
        return offset + HEADER_LENGTH;
    }
}
