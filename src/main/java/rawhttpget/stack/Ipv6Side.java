package rawhttpget.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.ipv6.Ipv6Packet;
import rawhttpget.ipv6.Ipv6Route;
import rawhttpget.ndp.NeighbourCache;
import rawhttpget.tcp.IsnGenerator;
import rawhttpget.tcp.SegmentObserver;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpOptions;
import rawhttpget.tcp.TcpSegment;
import rawhttpget.tcp.TcpdumpNotation;

import java.util.function.Consumer;

/**
 * The stack's IPv6: the route, Neighbor Discovery ({@link Ipv6Neighbours}), ICMPv6 ({@link Icmpv6Input}), the
 * receive path up to the connection a TCP segment is for, and the framing of what our IPv6 connections send.
 * The stack keeps what both families share: the connections, the TCP views and the delivery of a segment.
 */
final class Ipv6Side {
    private static final Logger ipLog = LoggerFactory.getLogger("rawhttpget.ip");
    private static final Logger tcpLog = LoggerFactory.getLogger("rawhttpget.tcp");

    /** How the stack sends a frame. */
    interface Transmitter {
        void transmit(byte[] frame, int offset, int length);
    }

    private final Ipv6Route route;
    private final long mac;
    private final boolean ethernetHeader;
    private final StackStats stats;
    private final ReceiveCoalescing coalescing;
    private final Transmitter transmitter;
    private final ConnectionTable table;
    private final Ipv6Neighbours ndp;
    private final Icmpv6Input icmp;
    private final Ipv6Packet ip = new Ipv6Packet();

    Ipv6Side(Ipv6Route route, LinkKind kind, long mac, boolean ownAddress, StackStats stats,
             ReceiveCoalescing coalescing, Transmitter transmitter, ConnectionTable table) {
        this.route = route;
        this.mac = mac;
        this.ethernetHeader = kind.hasEthernetHeader();
        this.stats = stats;
        this.coalescing = coalescing;
        this.transmitter = transmitter;
        this.table = table;
        this.ndp = new Ipv6Neighbours(kind, mac, route.localAddress(), ownAddress,
                (b, length) -> {
                    stats.ipv6FramesOut++;
                    transmitter.transmit(b, 0, length);
                });
        this.icmp = new Icmpv6Input(stats, table::find);
    }

    Ipv6Route route() {
        return route;
    }

    Ipv6Neighbours neighbours() {
        return ndp;
    }

    boolean acceptsMulticast(long destinationMac) {
        return ndp.acceptsMulticast(destinationMac);
    }

    /**
     * Opens a connection to {@code remote} (the MSS is the MTU less 60: {@link TcpConfig#forIpv6}), handed to
     * {@code ready} at once when its next hop's MAC is known, else when Neighbor Discovery resolves it.
     *
     * @throws IllegalArgumentException when no route reaches {@code remote}
     */
    TcpConnection connect(TcpConfig config, int localPort, Ipv6Address remote, int remotePort, IsnGenerator isns,
                          long now, Consumer<TcpConnection> ready) {
        Ipv6Address nextHop = route.nextHop(remote);
        if (nextHop == null) {
            throw new IllegalArgumentException("no route to " + remote);
        }
        Ipv6Address local = route.localAddress();
        TcpConnection c = new TcpConnection(config.forIpv6(), local, localPort, remote, remotePort,
                isns.isn(local, localPort, remote, remotePort, now), isns.timestampOffset(local, remote));
        c.connect(now);
        if (ndp.readyFor(c, nextHop, now)) {
            ready.accept(c);
        }
        return c;
    }

    void poll(long now, Consumer<TcpConnection> released) {
        ndp.poll(now, released);
    }

    long pollAt() {
        return ndp.pollAt();
    }

    /**
     * Takes the IPv6 packet at {@code off}: answers Neighbor Discovery and ICMPv6 errors itself, and returns the
     * connection a TCP segment is for, with the segment in {@code tcp} (checksum verified) and its options in
     * {@code options}; null when there is nothing to deliver.
     */
    TcpConnection receive(byte[] b, int off, int len, long now, SegmentObserver observer, TcpSegment tcp,
                          TcpOptions options) {
        String problem = ip.wrap(b, off, len);
        if (problem != null) {
            if (dropping(DropReason.MALFORMED_IP)) {
                ipLog.debug("drop: {}", problem);
            }
            return null;
        }
        boolean toUs = route.localAddress().equalsAt(b, ip.destinationOffset());
        if (!toUs && !(ip.destination().isMulticast() && ip.upperLayerProtocol() == Ipv6Packet.NEXT_HEADER_ICMPV6)) {
            if (dropping(DropReason.IP_NOT_FOR_US)) {
                ipLog.debug("drop: ip6: to {}, not us", ip.destination());
            }
            return null;
        }
        if (ip.isFragment()) {
            if (dropping(DropReason.IP_FRAGMENT)) {
                ipLog.debug("drop: ip6: fragment (id {}, offset {}); we do not reassemble", ip.fragmentIdentification(),
                        ip.fragmentOffset());
            }
            return null;
        }
        switch (ip.upperLayerProtocol()) {
            case Ipv6Packet.NEXT_HEADER_TCP -> {
                return toUs ? onTcp(b, len, tcp, options) : null;
            }
            case Ipv6Packet.NEXT_HEADER_ICMPV6 -> icmp.onIcmpv6(ip, ndp, now, observer);
            default -> {
                if (dropping(DropReason.UNKNOWN_IP_PROTOCOL)) {
                    ipLog.debug("drop: IP6 {} > {}: ip-proto-{}: not a protocol we speak", ip.source(),
                            ip.destination(), ip.upperLayerProtocol());
                }
            }
        }
        return null;
    }

    private TcpConnection onTcp(byte[] b, int ipBytesInFrame, TcpSegment tcp, TcpOptions options) {
        int length = ip.upperLayerLength();
        String problem = tcp.wrap(b, ip.upperLayerOffset(), length);
        if (problem != null) {
            if (dropping(DropReason.MALFORMED_TCP)) {
                tcpLog.debug("drop: {}", problem);
            }
            return null;
        }
        long pseudo = ip.pseudoHeaderSum(Ipv6Packet.NEXT_HEADER_TCP, length);
        if (!tcp.checksumValid(pseudo)) {
            if (coalescing.vouchesFor(ip, ipBytesInFrame, tcp)) {
                stats.coalescedSegments++;
            } else if (coalescing.vouchesForPartialChecksum(pseudo, tcp)) {
                stats.partialChecksumSegments++;
            } else {
                if (dropping(DropReason.TCP_CHECKSUM)) {
                    tcpLog.debug("drop: tcp: bad checksum 0x{}: {}", Integer.toHexString(tcp.checksum()),
                            TcpdumpNotation.segment(ip.source(), ip.destination(), tcp, false, 0, 0));
                }
                return null;
            }
        }
        problem = tcp.parseOptions(options);
        if (problem != null) {
            if (dropping(DropReason.MALFORMED_TCP_OPTIONS)) {
                tcpLog.debug("drop: {}: {}", problem, TcpdumpNotation.segment(ip.source(), ip.destination(), tcp, false, 0, 0));
            }
            return null;
        }
        TcpConnection c = table.find(b, ip.sourceOffset(), tcp.sourcePort(), tcp.destinationPort());
        if (c == null && dropping(DropReason.NO_CONNECTION)) {
            tcpLog.debug("drop: tcp: no connection for {}",
                    TcpdumpNotation.segment(ip.source(), ip.destination(), tcp, false, 0, 0));
        }
        return c;
    }

    /**
     * Wraps the segment at {@code tcpAt} of {@code tx} in IPv6 (and Ethernet, which starts 54 bytes before it) and
     * sends it; false without the next hop's MAC.
     */
    boolean send(byte[] tx, int tcpAt, Ipv6Address destination, int tcpLength, long now) {
        Ipv6Address nextHop = route.nextHop(destination);
        long dstMac = nextHop == null ? NeighbourCache.NO_ENTRY : ndp.resolve(nextHop, now);
        if (dstMac == NeighbourCache.NO_ENTRY) {
            stats.framesUnsentNoArp++;
            if (ipLog.isDebugEnabled()) {
                ipLog.debug("ip6: no MAC yet for next hop {}; packet to {} dropped", nextHop, destination);
            }
            return false;
        }
        int ipAt = tcpAt - Ipv6Packet.HEADER_LENGTH;
        Ipv6Packet.emitHeader(tx, ipAt, 0, tcpLength, Ipv6Packet.NEXT_HEADER_TCP, Ipv6Packet.DEFAULT_HOP_LIMIT,
                route.localAddress(), destination);
        stats.ipv6FramesOut++;
        if (!ethernetHeader) {
            transmitter.transmit(tx, ipAt, Ipv6Packet.HEADER_LENGTH + tcpLength);
            return true;
        }
        int frameAt = ipAt - EthernetFrame.HEADER_LENGTH;
        EthernetFrame.emitHeader(tx, frameAt, dstMac, mac, EthernetFrame.TYPE_IPV6);
        transmitter.transmit(tx, frameAt, tcpAt - frameAt + tcpLength);
        return true;
    }

    private boolean dropping(DropReason reason) {
        stats.count(reason);
        return ipLog.isDebugEnabled() || tcpLog.isDebugEnabled();
    }
}
