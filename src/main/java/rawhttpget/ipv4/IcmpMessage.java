package rawhttpget.ipv4;

import rawhttpget.inet.NetworkBytes;
import rawhttpget.inet.Ipv4Address;

/**
 * A view over an ICMP message (RFC 792). We only act on errors about our own traffic (destination
 * unreachable, including fragmentation needed), so the view exposes the quoted IP header they carry.
 */
public final class IcmpMessage {
    public static final int TYPE_ECHO_REPLY = 0;
    public static final int TYPE_DEST_UNREACHABLE = 3;
    public static final int TYPE_ECHO_REQUEST = 8;
    public static final int TYPE_TIME_EXCEEDED = 11;
    public static final int CODE_FRAGMENTATION_NEEDED = 4;
    private static final int HEADER_LENGTH = 8;
    /** What {@link #wrap} says of a message whose checksum is wrong (the stack counts these apart). */
    public static final String BAD_CHECKSUM = "icmp: bad checksum";

    private byte[] buf;
    private int off;
    private int len;

    public String wrap(byte[] buffer, int offset, int length) {
        if (length < HEADER_LENGTH) {
            return "icmp: " + length + " bytes, shorter than a header";
        }
        if (InternetChecksum.fold(InternetChecksum.add(0, buffer, offset, length)) != 0xFFFF) {
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

    /** The next-hop MTU of a fragmentation-needed message (RFC 1191), 0 when the router did not say. */
    public int nextHopMtu() {
        return ((buf[off + 6] & 0xFF) << 8) | (buf[off + 7] & 0xFF);
    }

    public int quotedOffset() {
        return off + HEADER_LENGTH;
    }

    public int quotedLength() {
        return len - HEADER_LENGTH;
    }

    /** Wraps {@code quoted} over the packet this error quotes; returns null, or why it cannot. */
    public String quoted(QuotedPacket quoted) {
        return quoted.wrap(buf, quotedOffset(), quotedLength());
    }

    /**
     * tcpdump's line for the message inside an IPv4 packet, e.g. {@code ICMP 198.18.3.1 tcp port 80 unreachable,
     * length 36} or {@code ICMP echo request, id 7, seq 1, length 16} (the wording tcpdump 4.99 uses for the kinds
     * listed below; others read {@code ICMP type-#N}). The destination and port come from the quoted header.
     */
    public String tcpdumpNotation() {
        String what = switch (type()) {
            case TYPE_DEST_UNREACHABLE -> unreachableNotation();
            case TYPE_TIME_EXCEEDED -> code() == 1 ? "ip reassembly time exceeded" : "time exceeded in-transit";
            case TYPE_ECHO_REQUEST, TYPE_ECHO_REPLY -> (type() == TYPE_ECHO_REQUEST ? "echo request" : "echo reply")
                    + ", id " + NetworkBytes.u16(buf, off + 4) + ", seq " + NetworkBytes.u16(buf, off + 6);
            default -> "type-#" + type();
        };
        return "ICMP " + what + ", length " + len;
    }

    private String unreachableNotation() {
        int q = quotedOffset();
        boolean quoted = quotedLength() >= 20 && (buf[q] & 0xF0) == 0x40;
        String dst = quoted ? Ipv4Address.format(Ipv4Address.readBits(buf, q + 16)) : "?";
        int qhl = quoted ? (buf[q] & 0x0F) * 4 : 0;
        int protocol = quoted ? buf[q + 9] & 0xFF : -1;
        return switch (code()) {
            case 0 -> "net " + dst + " unreachable";
            case 1 -> "host " + dst + " unreachable";
            case 2 -> dst + " protocol " + protocol + " unreachable";
            case 3 -> {
                boolean hasPort = quoted && quotedLength() >= qhl + 4 && (protocol == 6 || protocol == 17);
                yield hasPort ? dst + (protocol == 6 ? " tcp" : " udp") + " port " + NetworkBytes.u16(buf, q + qhl + 2) + " unreachable"
                        : dst + " port unreachable";
            }
            case CODE_FRAGMENTATION_NEEDED -> dst + " unreachable - need to frag (mtu " + nextHopMtu() + ")";
            case 9 -> "net " + dst + " unreachable - admin prohibited";
            case 10 -> "host " + dst + " unreachable - admin prohibited";
            case 13 -> "host " + dst + " unreachable - admin prohibited filter";
            default -> dst + " unreachable - #" + code();
        };
    }


    public String describe() {
        return switch (type()) {
            case TYPE_DEST_UNREACHABLE -> switch (code()) {
                case 0 -> "net unreachable";
                case 1 -> "host unreachable";
                case 2 -> "protocol unreachable";
                case 3 -> "port unreachable";
                case CODE_FRAGMENTATION_NEEDED -> "fragmentation needed, next-hop MTU " + nextHopMtu();
                case 9, 10, 13 -> "communication administratively prohibited";
                default -> "destination unreachable (code " + code() + ")";
            };
            case TYPE_TIME_EXCEEDED -> "time exceeded in transit";
            case TYPE_ECHO_REQUEST -> "echo request";
            case TYPE_ECHO_REPLY -> "echo reply";
            default -> "type " + type() + " code " + code();
        };
    }
}
