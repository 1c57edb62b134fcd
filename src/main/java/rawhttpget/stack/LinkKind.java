package rawhttpget.stack;

/**
 * What kind of link the stack runs over, as far as it changes the stack's behaviour: whether next hops are
 * resolved with ARP, and whether every frame was built by a kernel on this machine (never crossed a wire), which
 * decides whether a partial checksum may be accepted (see {@link ReceiveCoalescing#vouchesForPartialChecksum}).
 * The runtime reads the interface and picks one; the stack never special-cases an interface by name.
 */
public enum LinkKind {
    /** A NIC, or anything that may carry frames from a wire: ARP, and every checksum verified. */
    ETHERNET(true, false),
    /**
     * veth, a bridge of veths, a macvlan on one of those: Ethernet and ARP as on a wire, but every frame comes
     * from a kernel on this machine, so its checksum may be left partial (checksum offload, TSO/GSO).
     */
    LOCAL_ETHERNET(true, true),
    /**
     * Linux's {@code lo}: Ethernet framing with zero MACs and no ARP at all (every neighbour is
     * 00:00:00:00:00:00), and the kernel leaves its checksums partial.
     */
    LOOPBACK(false, true),
    /**
     * An L3 link (a tun device, a VPN's; what libpcap reports as DLT_RAW): bare IPv4 packets, no Ethernet header, no
     * ARP, every destination handed straight to the link. Its packets come from a program that may have read them
     * off a wire, so every checksum is verified.
     */
    RAW_IP(false, false);

    private final boolean resolvesNeighboursByArp;
    private final boolean framesAreLocal;

    LinkKind(boolean resolvesNeighboursByArp, boolean framesAreLocal) {
        this.resolvesNeighboursByArp = resolvesNeighboursByArp;
        this.framesAreLocal = framesAreLocal;
    }

    /** False on an L3 link: a frame is an IPv4 packet and nothing else. */
    public boolean hasEthernetHeader() {
        return this != RAW_IP;
    }

    /** False where the link has no ARP: every neighbour's MAC is all zeros. */
    public boolean resolvesNeighboursByArp() {
        return resolvesNeighboursByArp;
    }

    /** True where no frame can have crossed a wire: each was built by a kernel on this machine. */
    public boolean framesAreLocal() {
        return framesAreLocal;
    }
}
