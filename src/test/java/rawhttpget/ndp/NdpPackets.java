package rawhttpget.ndp;

import rawhttpget.inet.Ipv6Address;
import rawhttpget.ipv6.Icmpv6Message;
import rawhttpget.ipv6.Ipv6Packet;

import java.io.ByteArrayOutputStream;

/** Neighbor Discovery packets built for tests, with a right checksum. */
final class NdpPackets {
    private NdpPackets() {
    }

    /** An IPv6 packet carrying an ICMPv6 message: type, code, the 32-bit word after the checksum, then the parts. */
    static byte[] packet(Ipv6Address source, Ipv6Address destination, int hopLimit, int type, int code, int word,
                         byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        int length = 8 + body.size();
        byte[] packet = new byte[40 + length];
        Ipv6Packet.emitHeader(packet, 0, 0, length, Ipv6Packet.NEXT_HEADER_ICMPV6, hopLimit, source, destination);
        packet[40] = (byte) type;
        packet[41] = (byte) code;
        packet[44] = (byte) (word >>> 24);
        packet[45] = (byte) (word >>> 16);
        packet[46] = (byte) (word >>> 8);
        packet[47] = (byte) word;
        System.arraycopy(body.toByteArray(), 0, packet, 48, body.size());
        Icmpv6Message.writeChecksum(packet, 40, length,
                Ipv6Packet.pseudoHeaderSum(source, destination, Ipv6Packet.NEXT_HEADER_ICMPV6, length));
        return packet;
    }

    /**
     * A Router Advertisement to all nodes: hop limit 64, O flag, lifetime 1800 s, reachable 30 s, retrans 1 s; the
     * router's MAC, MTU 1500, and prefixes 2001:2::/64 (on-link, autonomous) and 2001:2:1::/48 (on-link, forever).
     */
    static byte[] routerAdvertisement(Ipv6Address source) {
        byte[] times = {0, 0, 0x75, 0x30, 0, 0, 0x03, (byte) 0xe8};
        byte[] slla = {1, 1, 0x2e, 0x49, 0x33, (byte) 0x8e, (byte) 0xb8, 0x5a};
        byte[] mtu = {5, 1, 0, 0, 0, 0, 0x05, (byte) 0xdc};
        byte[] prefix = new byte[32];
        prefix[0] = 3;
        prefix[1] = 4;
        prefix[2] = 64;
        prefix[3] = (byte) 0xc0;
        put32(prefix, 4, 86_400);
        put32(prefix, 8, 14_400);
        Ipv6Address.parse("2001:2::").write(prefix, 16);
        byte[] forever = new byte[32];
        forever[0] = 3;
        forever[1] = 4;
        forever[2] = 48;
        forever[3] = (byte) 0x80;
        put32(forever, 4, -1);
        put32(forever, 8, -1);
        Ipv6Address.parse("2001:2:1::").write(forever, 16);
        byte[] unknown = {99, 1, 1, 2, 3, 4, 5, 6};
        return packet(source, Ipv6Address.ALL_NODES, 255, Icmpv6Message.TYPE_ROUTER_ADVERTISEMENT, 0,
                (64 << 24) | (0x40 << 16) | 1800, times, slla, unknown, mtu, prefix, forever);
    }

    private static void put32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
