package rawhttpget.stack;

import rawhttpget.ipv4.IcmpMessage;
import rawhttpget.ipv4.Ipv4Packet;

/**
 * Why the stack dropped an arriving frame: one per place a frame can be refused, so the counters (--stats) and the
 * DEBUG line (-d) name the same thing. The DEBUG line adds the detail the codec gave.
 */
public enum DropReason {
    MALFORMED_ETHERNET,
    ETHERNET_NOT_FOR_US,
    UNKNOWN_ETHERTYPE,
    MALFORMED_ARP,
    MALFORMED_IP,
    IP_CHECKSUM,
    IP_NOT_FOR_US,
    IP_FRAGMENT,
    UNKNOWN_IP_PROTOCOL,
    MALFORMED_TCP,
    TCP_CHECKSUM,
    MALFORMED_TCP_OPTIONS,
    NO_CONNECTION,
    /** A segment we sent, seen again: lo hands every frame put on it to the capture as a received one. */
    OWN_SEGMENT_LOOPED_BACK,
    MALFORMED_ICMP,
    ICMP_CHECKSUM,
    ICMP_IGNORED,
    ICMP_QUOTE_TOO_SHORT,
    ICMP_NOT_ABOUT_TCP,
    ICMP_NO_CONNECTION;

    /** The reason for an IPv4 header {@link Ipv4Packet#wrap} refused with {@code problem}. */
    static DropReason ofIpv4(String problem) {
        return Ipv4Packet.BAD_HEADER_CHECKSUM.equals(problem) ? IP_CHECKSUM : MALFORMED_IP;
    }

    /** The reason for an ICMP message {@link IcmpMessage#wrap} refused with {@code problem}. */
    static DropReason ofIcmp(String problem) {
        return IcmpMessage.BAD_CHECKSUM.equals(problem) ? ICMP_CHECKSUM : MALFORMED_ICMP;
    }
}
