package rawhttpget.arp;

import rawhttpget.inet.NetworkBytes;
import rawhttpget.inet.MacAddress;
import rawhttpget.inet.Ipv4Address;

/**
 * A view over an ARP packet for IPv4 over Ethernet (RFC 826), the only kind we speak. {@link #wrap}
 * checks the fixed fields once; accessors read fixed offsets.
 */
public final class ArpPacket {
    public static final int LENGTH = 28;
    public static final int OP_REQUEST = 1;
    public static final int OP_REPLY = 2;

    private byte[] buf;
    private int off;

    /** Returns null when this is an IPv4-over-Ethernet ARP packet, else why it is not usable. */
    public String wrap(byte[] buffer, int offset, int length) {
        if (length < LENGTH) {
            return "arp: " + length + " bytes, shorter than 28";
        }
        int htype = NetworkBytes.u16(buffer, offset);
        int ptype = NetworkBytes.u16(buffer, offset + 2);
        if (htype != 1 || ptype != 0x0800 || buffer[offset + 4] != 6 || buffer[offset + 5] != 4) {
            return "arp: not IPv4 over Ethernet (htype " + htype + ", ptype 0x" + Integer.toHexString(ptype) + ")";
        }
        int op = NetworkBytes.u16(buffer, offset + 6);
        if (op != OP_REQUEST && op != OP_REPLY) {
            return "arp: unknown operation " + op;
        }
        this.buf = buffer;
        this.off = offset;
        return null;
    }

    public int operation() {
        return NetworkBytes.u16(buf, off + 6);
    }

    public long senderMac() {
        return MacAddress.readBits(buf, off + 8);
    }

    public int senderIp() {
        return Ipv4Address.readBits(buf, off + 14);
    }

    public long targetMac() {
        return MacAddress.readBits(buf, off + 18);
    }

    public int targetIp() {
        return Ipv4Address.readBits(buf, off + 24);
    }

    /** Writes an ARP packet at {@code offset}; returns the offset just past it. */
    public static int emit(byte[] out, int offset, int operation, long senderMac, int senderIp, long targetMac, int targetIp) {
        out[offset] = 0;
        out[offset + 1] = 1;
        out[offset + 2] = 0x08;
        out[offset + 3] = 0x00;
        out[offset + 4] = 6;
        out[offset + 5] = 4;
        out[offset + 6] = (byte) (operation >>> 8);
        out[offset + 7] = (byte) operation;
        MacAddress.writeBits(senderMac, out, offset + 8);
        Ipv4Address.writeBits(senderIp, out, offset + 14);
        MacAddress.writeBits(targetMac, out, offset + 18);
        Ipv4Address.writeBits(targetIp, out, offset + 24);
        return offset + LENGTH;
    }

    /**
     * tcpdump's wording: {@code Request who-has 198.18.1.1 tell 198.18.1.2} / {@code Reply 198.18.1.1 is-at aa:..};
     * a request that already names the MAC it expects (Linux refreshing its cache by unicast) shows it in
     * parentheses, {@code who-has 198.18.1.1 (aa:..) tell ..}, as tcpdump does.
     */
    public String describe() {
        if (operation() == OP_REQUEST) {
            String known = targetMac() == 0 ? "" : " (" + MacAddress.format(targetMac()) + ")";
            return "ARP, Request who-has " + Ipv4Address.format(targetIp()) + known + " tell " + Ipv4Address.format(senderIp());
        }
        return "ARP, Reply " + Ipv4Address.format(senderIp()) + " is-at " + MacAddress.format(senderMac());
    }

}
