package rawhttpget.ndp;

import rawhttpget.inet.Ipv6Address;
import rawhttpget.inet.MacAddress;
import rawhttpget.ipv6.Icmpv6Message;
import rawhttpget.ipv6.Ipv6Packet;

/**
 * Builds the Neighbor Discovery packets we send (RFC 4861 §4.3, §4.4): whole IPv6 packets, hop limit 255 (so
 * receivers know they come from the link) and the checksum filled in. The stack puts them in an Ethernet frame to
 * {@link Ipv6Address#multicastMac} of a multicast destination, or to the neighbour's MAC.
 */
public final class NdpEmit {
    /** IPv6 header, the 24-byte fixed part and one 8-byte link-layer address option. */
    public static final int WITH_LINK_LAYER_ADDRESS = Ipv6Packet.HEADER_LENGTH + 24 + 8;
    /** IPv6 header and the 24-byte fixed part: the duplicate address detection form. */
    public static final int WITHOUT_OPTIONS = Ipv6Packet.HEADER_LENGTH + 24;
    private static final int HOP_LIMIT = 255;

    private NdpEmit() {
    }

    /**
     * A Neighbor Solicitation for {@code target} from {@code source} with our MAC: to the target's solicited-node
     * group when resolving (§7.2.2), or to the target itself when probing a known neighbour (§7.3.3). Returns the
     * length written ({@link #WITH_LINK_LAYER_ADDRESS}).
     */
    public static int neighborSolicitation(byte[] out, int offset, Ipv6Address source, Ipv6Address destination,
                                           Ipv6Address target, long ourMac) {
        return emit(out, offset, Icmpv6Message.TYPE_NEIGHBOR_SOLICITATION, 0, source, destination, target,
                NdpMessage.OPTION_SOURCE_LINK_LAYER_ADDRESS, ourMac);
    }

    /**
     * The duplicate address detection form (RFC 4862 §5.4.2): from the unspecified address, to the tentative
     * address's solicited-node group, without a link-layer address option (nobody may learn a mapping for an
     * address we do not hold yet). Returns the length written ({@link #WITHOUT_OPTIONS}).
     */
    public static int duplicateAddressSolicitation(byte[] out, int offset, Ipv6Address tentative) {
        return emit(out, offset, Icmpv6Message.TYPE_NEIGHBOR_SOLICITATION, 0, Ipv6Address.UNSPECIFIED,
                tentative.solicitedNodeMulticast(), tentative, 0, 0);
    }

    /**
     * A solicited Neighbor Advertisement (§7.2.4) for our address {@code target}, to the soliciting node, with the
     * Override flag (our address is not anycast) and our MAC. Returns the length written
     * ({@link #WITH_LINK_LAYER_ADDRESS}).
     */
    public static int neighborAdvertisement(byte[] out, int offset, Ipv6Address target, Ipv6Address destination,
                                            long ourMac) {
        return emit(out, offset, Icmpv6Message.TYPE_NEIGHBOR_ADVERTISEMENT,
                NdpMessage.FLAG_SOLICITED | NdpMessage.FLAG_OVERRIDE, target, destination, target,
                NdpMessage.OPTION_TARGET_LINK_LAYER_ADDRESS, ourMac);
    }

    private static int emit(byte[] out, int offset, int type, int flags, Ipv6Address source, Ipv6Address destination,
                            Ipv6Address target, int option, long mac) {
        int icmpLength = 24 + (option == 0 ? 0 : 8);
        int at = Ipv6Packet.emitHeader(out, offset, 0, icmpLength, Ipv6Packet.NEXT_HEADER_ICMPV6, HOP_LIMIT, source,
                destination);
        out[at] = (byte) type;
        out[at + 1] = 0;
        out[at + 4] = (byte) flags;
        out[at + 5] = 0;
        out[at + 6] = 0;
        out[at + 7] = 0;
        target.write(out, at + 8);
        if (option != 0) {
            out[at + 24] = (byte) option;
            out[at + 25] = 1;
            MacAddress.writeBits(mac, out, at + 26);
        }
        Icmpv6Message.writeChecksum(out, at, icmpLength,
                Ipv6Packet.pseudoHeaderSum(source, destination, Ipv6Packet.NEXT_HEADER_ICMPV6, icmpLength));
        return Ipv6Packet.HEADER_LENGTH + icmpLength;
    }
}
