package rawhttpget.ipv4;

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

    private byte[] buf;
    private int off;
    private int len;

    public String wrap(byte[] buffer, int offset, int length) {
        if (length < HEADER_LENGTH) {
            return "icmp: " + length + " bytes, shorter than a header";
        }
        if (InternetChecksum.fold(InternetChecksum.add(0, buffer, offset, length)) != 0xFFFF) {
            return "icmp: bad checksum";
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
