package rawhttpget.stack;

import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.MacAddress;

/**
 * A whole frame for TRACE, as {@code tcpdump -e -xx} shows it: the Ethernet header in words, then every byte in
 * hex, sixteen to a line in groups of two, each line starting with its offset. For example:
 * <pre>
 * 26:97:f1:89:da:93 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 60
 * 	0x0000:  ffff ffff ffff 2697 f189 da93 0806 0001
 * 	0x0010:  0800 0604 0001 2697 f189 da93 c612 0102
 * </pre>
 */
final class FrameTrace {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private FrameTrace() {
    }

    static String describe(byte[] b, int off, int len) {
        StringBuilder s = new StringBuilder(64 + len * 3);
        if (len >= EthernetFrame.HEADER_LENGTH) {
            int type = ((b[off + 12] & 0xFF) << 8) | (b[off + 13] & 0xFF);
            s.append(MacAddress.format(MacAddress.readBits(b, off + 6))).append(" > ")
                    .append(MacAddress.format(MacAddress.readBits(b, off))).append(", ethertype ")
                    .append(typeName(type)).append(" (0x").append(hex4(type)).append("), length ").append(len);
        } else {
            s.append("runt frame, length ").append(len);
        }
        hexDump(s, b, off, len);
        return s.toString();
    }

    /** tcpdump's names for the types one meets on a LAN; the rest are "Unknown", as tcpdump calls them. */
    private static String typeName(int type) {
        return switch (type) {
            case EthernetFrame.TYPE_IPV4 -> "IPv4";
            case EthernetFrame.TYPE_ARP -> "ARP";
            case EthernetFrame.TYPE_VLAN -> "802.1Q";
            case 0x86DD -> "IPv6";
            case 0x88CC -> "LLDP";
            default -> "Unknown";
        };
    }

    static void hexDump(StringBuilder s, byte[] b, int off, int len) {
        for (int line = 0; line < len; line += 16) {
            s.append("\n\t0x").append(hex4(line)).append(": ");
            int end = Math.min(len, line + 16);
            for (int i = line; i < end; i++) {
                if ((i & 1) == 0) {
                    s.append(' ');
                }
                int v = b[off + i] & 0xFF;
                s.append(HEX[v >> 4]).append(HEX[v & 0xF]);
            }
        }
    }

    private static String hex4(int v) {
        return new String(new char[] {HEX[(v >> 12) & 0xF], HEX[(v >> 8) & 0xF], HEX[(v >> 4) & 0xF], HEX[v & 0xF]});
    }
}
