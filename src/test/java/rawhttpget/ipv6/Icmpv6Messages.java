package rawhttpget.ipv6;

import rawhttpget.inet.Ipv6Address;

import java.util.Arrays;

/** ICMPv6 messages built for tests, inside an IPv6 packet from the router 2001:2::fe to the client 2001:2::2. */
final class Icmpv6Messages {
    static final Ipv6Address ROUTER = Ipv6Address.parse("2001:2::fe");
    static final Ipv6Address CLIENT = Ipv6Address.parse("2001:2::2");

    private Icmpv6Messages() {
    }

    /** An IPv6 packet carrying an ICMPv6 message of {@code type} and {@code code}, its second word, then body. */
    static byte[] message(int type, int code, int word, byte[] body) {
        int length = 8 + body.length;
        byte[] p = new byte[40 + length];
        Ipv6Packet.emitHeader(p, 0, 0, length, Ipv6Packet.NEXT_HEADER_ICMPV6, 64, ROUTER, CLIENT);
        p[40] = (byte) type;
        p[41] = (byte) code;
        p[44] = (byte) (word >>> 24);
        p[45] = (byte) (word >>> 16);
        p[46] = (byte) (word >>> 8);
        p[47] = (byte) word;
        System.arraycopy(body, 0, p, 48, body.length);
        Icmpv6Message.writeChecksum(p, 40, length, pseudoHeader(length));
        return p;
    }

    static long pseudoHeader(int length) {
        return Ipv6Packet.pseudoHeaderSum(ROUTER, CLIENT, Ipv6Packet.NEXT_HEADER_ICMPV6, length);
    }

    /** 2001:2::2.57240 > 2001:2:0:1::1.80, Flags [S], seq 2726288659: a 60-byte IPv6 packet as an error quotes it. */
    static byte[] quotedSyn() {
        byte[] p = new byte[60];
        Ipv6Packet.emitHeader(p, 0, 0, 20, Ipv6Packet.NEXT_HEADER_TCP, 64, CLIENT, Ipv6Address.parse("2001:2:0:1::1"));
        byte[] tcp = {(byte) 0xdf, (byte) 0x98, 0, 80, (byte) 0xa2, (byte) 0x80, 0x5f, 0x13, 0, 0, 0, 0, 0x50, 0x02,
                (byte) 0xfd, 0x20, 0, 0, 0, 0};
        System.arraycopy(tcp, 0, p, 40, 20);
        return p;
    }

    /** {@code packet} with an extension header of {@code type} inserted after its fixed header. */
    static byte[] withHeader(byte[] packet, int type, byte[] header) {
        byte[] p = new byte[packet.length + header.length];
        System.arraycopy(packet, 0, p, 0, 40);
        System.arraycopy(header, 0, p, 40, header.length);
        System.arraycopy(packet, 40, p, 40 + header.length, packet.length - 40);
        p[6] = (byte) type;
        int payload = p.length - 40;
        p[4] = (byte) (payload >>> 8);
        p[5] = (byte) payload;
        return p;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
