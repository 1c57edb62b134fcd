package rawhttpget.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.ipv4.IcmpMessage;
import rawhttpget.ipv4.Ipv4Packet;
import rawhttpget.ipv4.QuotedPacket;
import rawhttpget.tcp.SegmentObserver;
import rawhttpget.tcp.TcpConnection;

/**
 * ICMP errors for our connections: "destination unreachable" ends the connection it quotes, "fragmentation
 * needed" lowers its MSS (believed only when it quotes a sequence number in flight, RFC 5927); everything else
 * is dropped with its reason.
 */
final class IcmpInput {
    private static final Logger ipLog = LoggerFactory.getLogger("rawhttpget.ip");

    /** The stack's connection lookup: by remote address and port and our local port. */
    interface Connections {
        TcpConnection find(int remoteIp, int remotePort, int localPort);
    }

    private final StackStats stats;
    private final Connections connections;
    private final QuotedPacket quoted = new QuotedPacket();
    private final IcmpMessage icmp = new IcmpMessage();

    IcmpInput(StackStats stats, Connections connections) {
        this.stats = stats;
        this.connections = connections;
    }

    /** @param observer --report's observer, told of an ICMP error about a connection; null for none */
    void onIcmp(Ipv4Packet ip, byte[] b, long now, SegmentObserver observer) {
        String problem = icmp.wrap(b, ip.payloadOffset(), ip.payloadLength());
        if (problem != null) {
            if (dropping(ipLog, DropReason.ofIcmp(problem))) {
                ipLog.debug("drop: {}", problem);
            }
            return;
        }
        if (ipLog.isDebugEnabled()) {
            ipLog.debug("In  IP {} > {}: {}", Ipv4Address.format(ip.source()), Ipv4Address.format(ip.destination()),
                    icmp.tcpdumpNotation());
        }
        if (icmp.type() != IcmpMessage.TYPE_DEST_UNREACHABLE && icmp.type() != IcmpMessage.TYPE_TIME_EXCEEDED) {
            if (dropping(ipLog, DropReason.ICMP_IGNORED)) {
                ipLog.debug("drop: icmp: {} ignored", icmp.describe());
            }
            return;
        }
        // The error quotes our IP header and 8 bytes of TCP: the ports, then the sequence number.
        if (icmp.quoted(quoted) != null) {
            if (dropping(ipLog, DropReason.ICMP_QUOTE_TOO_SHORT)) {
                ipLog.debug("drop: icmp: {} quoting too little to match a connection", icmp.describe());
            }
            return;
        }
        if (quoted.protocol() != Ipv4Packet.PROTOCOL_TCP) {
            if (dropping(ipLog, DropReason.ICMP_NOT_ABOUT_TCP)) {
                ipLog.debug("drop: icmp: {} about something other than TCP", icmp.describe());
            }
            return;
        }
        TcpConnection c = connections.find(quoted.destination(), quoted.destinationPort(), quoted.sourcePort());
        if (c == null) {
            if (dropping(ipLog, DropReason.ICMP_NO_CONNECTION)) {
                ipLog.debug("drop: icmp: {} for no connection of ours", icmp.describe());
            }
            return;
        }
        ipLog.info("ICMP from {}: {}", Ipv4Address.format(ip.source()), icmp.describe());
        if (observer != null) {
            observer.event(c, now, "icmp", "ICMP from " + Ipv4Address.format(ip.source()) + ": " + icmp.describe());
        }
        if (icmp.type() == IcmpMessage.TYPE_DEST_UNREACHABLE && icmp.code() == IcmpMessage.CODE_FRAGMENTATION_NEEDED) {
            c.onFragmentationNeeded(icmp.nextHopMtu(), quoted.totalLength(), quoted.tcpSequence(), now);
        } else if (icmp.type() == IcmpMessage.TYPE_DEST_UNREACHABLE) {
            c.onUnreachable("ICMP from " + Ipv4Address.format(ip.source()) + ": " + icmp.describe());
        }
    }

    private boolean dropping(Logger log, DropReason reason) {
        stats.count(reason);
        return log.isDebugEnabled();
    }
}
