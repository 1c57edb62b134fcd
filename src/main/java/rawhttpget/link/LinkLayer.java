package rawhttpget.link;

/**
 * What a link's frames begin with, by libpcap's data link type (DLT, in a live capture) and the LINKTYPE that
 * names it in a pcap file, so that tshark reads a recording as the link had it.
 */
public enum LinkLayer {
    /** DLT_EN10MB: an Ethernet header (NICs, veth, bridges, macvlan, lo). */
    ETHERNET(1, 1),
    /** DLT_RAW: the IP packet itself, nothing before it (tun devices, VPNs, ARPHRD_NONE). */
    RAW_IP(12, 101);

    /** libpcap's DLT_LINUX_SLL: a cooked capture, on which libpcap cannot send. */
    static final int DLT_LINUX_SLL = 113;

    private final int dlt;
    private final int pcapLinkType;

    LinkLayer(int dlt, int pcapLinkType) {
        this.dlt = dlt;
        this.pcapLinkType = pcapLinkType;
    }

    /** The data link type a live capture reports. */
    public int dlt() {
        return dlt;
    }

    /** The LINKTYPE_ value in a pcap file's header. */
    public int pcapLinkType() {
        return pcapLinkType;
    }
}
