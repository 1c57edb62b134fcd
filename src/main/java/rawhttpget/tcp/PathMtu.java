package rawhttpget.tcp;

/**
 * Path MTU discovery (RFC 1191) for one connection: the largest segment (IP and TCP headers included) the
 * path carries, as the routers' fragmentation-needed messages tell it; unknown (no limit) until one does.
 */
final class PathMtu {
    /**
     * The smallest path MTU a fragmentation-needed message can make us use: Linux's min_pmtu (552), so a
     * forged or broken ICMP cannot shrink our segments to a few bytes (RFC 5927 §4.4).
     */
    static final int MIN_PATH_MTU = 552;
    /** RFC 1191 §7: likely MTUs, for routers that do not say the next-hop MTU. */
    private static final int[] MTU_PLATEAUS = {32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68};
    /** 20 bytes of IPv4 and 20 of TCP header: the MSS counts neither. */
    private static final int HEADERS = 40;

    /** 0 until an ICMP message says. */
    private int mtu;

    int mtu() {
        return mtu;
    }

    /** {@code mss} clamped to what the path carries. */
    int clamp(int mss) {
        return mtu != 0 ? Math.min(mss, mtu - HEADERS) : mss;
    }

    /**
     * A router reported {@code nextHopMtu} (0: it did not say; then the plateau below the quoted length is
     * used). Returns true when the path MTU went down and now limits segments below {@code mss}.
     */
    boolean lower(int nextHopMtu, int quotedTotalLength, int mss) {
        int reported = Math.max(nextHopMtu != 0 ? nextHopMtu : plateauBelow(quotedTotalLength), MIN_PATH_MTU);
        if (mtu != 0 && reported >= mtu || reported - HEADERS >= mss) {
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
