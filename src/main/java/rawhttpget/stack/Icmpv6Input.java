package rawhttpget.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.ipv6.Icmpv6Message;
import rawhttpget.ipv6.Ipv6Packet;
import rawhttpget.ipv6.QuotedIpv6Packet;
import rawhttpget.tcp.SegmentObserver;
import rawhttpget.tcp.TcpConnection;

/**
 * ICMPv6 (RFC 4443) for the stack: Neighbor Discovery goes to {@link Ipv6Neighbours}; a Packet Too Big lowers the
 * quoted connection's path MTU (RFC 8201, never below 1280; believed only when it quotes a sequence number in
 * flight, RFC 5927); a Destination Unreachable ends the quoted connection with one line. Everything else is
 * dropped with its reason.
 */
final class Icmpv6Input {
    private static final Logger ipLog = LoggerFactory.getLogger("rawhttpget.ip");

    /** The stack's lookup of an IPv6 connection by remote address and port and our local port. */
    interface Connections {
        TcpConnection find(Ipv6Address remote, int remotePort, int localPort);
    }

    private final StackStats stats;
    private final Connections connections;
    private final Icmpv6Message icmp = new Icmpv6Message();
    private final QuotedIpv6Packet quoted = new QuotedIpv6Packet();

    Icmpv6Input(StackStats stats, Connections connections) {
        this.stats = stats;
        this.connections = connections;
    }

    void onIcmpv6(Ipv6Packet ip, Ipv6Neighbours neighbours, long now, SegmentObserver observer) {
        String problem = icmp.wrap(ip);
        if (problem != null) {
            if (dropping(problem.equals(Icmpv6Message.BAD_CHECKSUM) ? DropReason.ICMP_CHECKSUM : DropReason.MALFORMED_ICMP)) {
                ipLog.debug("drop: {}", problem);
            }
            return;
        }
        int type = icmp.type();
        if (type == Icmpv6Message.TYPE_NEIGHBOR_SOLICITATION || type == Icmpv6Message.TYPE_NEIGHBOR_ADVERTISEMENT) {
            neighbours.onNdp(ip, icmp, now);
            return;
        }
        if (ipLog.isDebugEnabled()) {
            ipLog.debug("In  IP6 {} > {}: {}", ip.source(), ip.destination(), icmp.describe());
        }
        if (type != Icmpv6Message.TYPE_PACKET_TOO_BIG && type != Icmpv6Message.TYPE_DESTINATION_UNREACHABLE) {
            if (dropping(DropReason.ICMP_IGNORED)) {
                ipLog.debug("drop: icmp6: {} ignored", icmp.describe());
            }
            return;
        }
        if (icmp.quoted(quoted) != null) {
            if (dropping(DropReason.ICMP_QUOTE_TOO_SHORT)) {
                ipLog.debug("drop: icmp6: {} quoting too little to match a connection", icmp.describe());
            }
            return;
        }
        if (quoted.protocol() != Ipv6Packet.NEXT_HEADER_TCP) {
            if (dropping(DropReason.ICMP_NOT_ABOUT_TCP)) {
                ipLog.debug("drop: icmp6: {} about something other than TCP", icmp.describe());
            }
            return;
        }
        TcpConnection c = connections.find(quoted.destination(), quoted.destinationPort(), quoted.sourcePort());
        if (c == null) {
            if (dropping(DropReason.ICMP_NO_CONNECTION)) {
                ipLog.debug("drop: icmp6: {} for no connection of ours", icmp.describe());
            }
            return;
        }
        String line = "ICMPv6 from " + ip.source() + ": " + icmp.describe();
        ipLog.info(line);
        if (observer != null) {
            observer.event(c, now, "icmp", line);
        }
        if (type == Icmpv6Message.TYPE_PACKET_TOO_BIG) {
            c.onFragmentationNeeded(icmp.pathMtu(), Ipv6Packet.HEADER_LENGTH + quoted.payloadLength(),
                    quoted.tcpSequence(), now);
        } else {
            c.onUnreachable(line);
        }
    }

    private boolean dropping(DropReason reason) {
        stats.count(reason);
        return ipLog.isDebugEnabled();
    }
}
