package rawhttpget.tcp;

/**
 * Path MTU discovery for one connection (RFC 1191 for IPv4, RFC 8201 for IPv6): the largest segment (IP and TCP
 * headers included) the path carries, as the routers' fragmentation-needed or Packet Too Big messages tell it;
 * unknown (no limit) until one does.
 */
final class PathMtu {
    /**
     * The smallest path MTU a fragmentation-needed message can make us use: Linux's min_pmtu (552), so a
     * forged or broken ICMP cannot shrink our segments to a few bytes (RFC 5927 §4.4).
     */
    static final int MIN_PATH_MTU = 552;
    /** RFC 1191 §7: likely MTUs, for routers that do not say the next-hop MTU. */
    private static final int[] MTU_PLATEAUS = {32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68};
    /** RFC 8200 §5: every IPv6 link carries 1280 bytes, so no Packet Too Big may take us below it. */
    static final int MIN_IPV6_MTU = 1280;

    /** The IP and TCP headers, which the MSS counts neither of: 20 + 20 bytes, or 40 + 20 over IPv6. */
    private final int headers;
    private final int floor;
    /** 0 until an ICMP message says. */
    private int mtu;

    PathMtu(boolean ipv6) {
        this.headers = ipv6 ? 60 : 40;
        this.floor = ipv6 ? MIN_IPV6_MTU : MIN_PATH_MTU;
    }

    int mtu() {
        return mtu;
    }

    /** {@code mss} clamped to what the path carries. */
    int clamp(int mss) {
        return mtu != 0 ? Math.min(mss, mtu - headers) : mss;
    }

    /**
     * A router reported {@code nextHopMtu} (0: it did not say; then the plateau below the quoted length is
     * used). Returns true when the path MTU went down and now limits segments below {@code mss}.
     */
    boolean lower(int nextHopMtu, int quotedTotalLength, int mss) {
        int reported = Math.max(nextHopMtu != 0 ? nextHopMtu : plateauBelow(quotedTotalLength), floor);
        if (mtu != 0 && reported >= mtu || reported - headers >= mss) {
            return false;
        }
        mtu = reported;
        return true;
    }

    private static int plateauBelow(int length) {
        for (int plateau : MTU_PLATEAUS) {
            if (plateau < length) {
                return plateau;
            }
        }
        return MTU_PLATEAUS[MTU_PLATEAUS.length - 1];
    }
}
