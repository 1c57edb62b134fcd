package rawhttpget.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.ipv6.Icmpv6Message;
import rawhttpget.ipv6.Ipv6Packet;
import rawhttpget.ndp.NdpEmit;
import rawhttpget.ndp.NdpMessage;
import rawhttpget.ndp.NeighbourCache;
import rawhttpget.tcp.TcpConnection;

import java.util.function.Consumer;

/**
 * The stack's IPv6 neighbours, as {@link Neighbours} is for ARP: Neighbor Discovery (RFC 4861) resolves next hops
 * through the {@link NeighbourCache}, a connection is held (SYN-SENT, nothing sent) while its next hop is
 * unresolved and fails, naming the address, when the solicitations go unanswered ({@link NeighbourHold}); in
 * own-address mode we answer solicitations for our address. Advertisements and the source link-layer address
 * of solicitations addressed to us update the cache whatever the mode. On a link without neighbour discovery
 * (lo, an L3 link) nothing is asked, and frames carry no MAC.
 */
final class Ipv6Neighbours extends NeighbourHold<Ipv6Address> {
    private static final Logger ndpLog = LoggerFactory.getLogger("rawhttpget.ndp");
    /** Our solicitations and advertisements: Ethernet, IPv6 and 32 bytes of ICMPv6. */
    private static final int NDP_FRAME = EthernetFrame.HEADER_LENGTH + NdpEmit.WITH_LINK_LAYER_ADDRESS;

    private final NeighbourCache cache = new NeighbourCache();
    private final long mac;
    private final Ipv6Address ours;
    private final long solicitedNodeMac;
    private final boolean answerSolicitations;
    private final Neighbours.Transmitter transmitter;
    private final NeighbourCache.Output out = this::solicit;
    private final byte[] ndpTx = new byte[NDP_FRAME];
    private final NdpMessage ndp = new NdpMessage();
    private final Ipv6Packet sentIp = new Ipv6Packet();
    private final Icmpv6Message sentIcmp = new Icmpv6Message();

    Ipv6Neighbours(LinkKind kind, long mac, Ipv6Address ours, boolean answerSolicitations,
                   Neighbours.Transmitter transmitter) {
        super(kind);
        this.mac = mac;
        this.ours = ours;
        this.solicitedNodeMac = ours.solicitedNodeMulticast().multicastMacBits();
        this.answerSolicitations = answerSolicitations;
        this.transmitter = transmitter;
    }

    /** Multicast frames that are ours too: our solicited-node group's and every node's. */
    boolean acceptsMulticast(long destinationMac) {
        return destinationMac == solicitedNodeMac || destinationMac == Ipv6Address.ALL_NODES.multicastMacBits();
    }

    /** The MAC of {@code nextHop}, or {@link NeighbourCache#NO_ENTRY} after starting (or continuing) to resolve it. */
    long resolve(Ipv6Address nextHop, long now) {
        return resolveless ? 0 : cache.resolve(nextHop, now, out);
    }

    @Override
    void forgetFailure(Ipv6Address nextHop) {
        cache.forgetFailure(nextHop);
    }

    @Override
    boolean nextHopReady(Ipv6Address nextHop, long now) {
        return cache.resolve(nextHop, now, out) != NeighbourCache.NO_ENTRY;
    }

    @Override
    boolean hasFailed(Ipv6Address nextHop) {
        return cache.hasFailed(nextHop);
    }

    @Override
    String unanswered(Ipv6Address nextHop, TcpConnection connection) {
        String who = nextHop.equals(connection.remoteAddress()) ? "the server " : "the router ";
        return "no neighbour advertisement from " + who + nextHop;
    }

    /** A Neighbor Discovery message in {@code ip}, its ICMPv6 checksum verified. */
    void onNdp(Ipv6Packet ip, Icmpv6Message icmp, long now) {
        String problem = ndp.wrap(ip, icmp);
        if (problem != null) {
            ndpLog.debug("drop: {}", problem);
            return;
        }
        if (ndpLog.isDebugEnabled()) {
            ndpLog.debug("In  IP6 {} > {}: {}", ip.source(), ip.destination(), icmp.describe());
        }
        if (resolveless) {
            return;
        }
        if (ndp.type() == Icmpv6Message.TYPE_NEIGHBOR_ADVERTISEMENT) {
            cache.onAdvertisement(ndp.target(), ndp.targetLinkLayerAddress(), ndp.solicited(), ndp.override(), now);
        } else if (ndp.type() == Icmpv6Message.TYPE_NEIGHBOR_SOLICITATION && ndp.target().equals(ours)) {
            Ipv6Address source = ip.source();
            cache.onSourceLinkLayerAddress(source, ndp.sourceLinkLayerAddress(), now);
            if (answerSolicitations && !source.isUnspecified()) {
                long to = ndp.sourceLinkLayerAddress() != NdpMessage.ABSENT ? ndp.sourceLinkLayerAddress()
                        : cache.lookup(source, now);
                if (to != NeighbourCache.NO_ENTRY && to != NdpMessage.ABSENT) {
                    int at = EthernetFrame.emitHeader(ndpTx, 0, to, mac, EthernetFrame.TYPE_IPV6);
                    int length = NdpEmit.neighborAdvertisement(ndpTx, at, ours, source, mac);
                    send(at + length);
                }
            }
        }
    }

    /** Sends the solicitations that are due, then settles the held connections. */
    void poll(long now, Consumer<TcpConnection> released) {
        if (resolveless) {
            return;
        }
        cache.poll(now, out);
        settleHeld(now, released);
    }

    long pollAt() {
        return resolveless ? Long.MAX_VALUE : Math.min(cache.pollAt(), heldDeadline());
    }

    private void solicit(Ipv6Address target, long neighbourMac) {
        boolean multicast = neighbourMac == NeighbourCache.NO_ENTRY;
        Ipv6Address destination = multicast ? target.solicitedNodeMulticast() : target;
        long destinationMac = multicast ? destination.multicastMacBits() : neighbourMac;
        int at = EthernetFrame.emitHeader(ndpTx, 0, destinationMac, mac, EthernetFrame.TYPE_IPV6);
        int length = NdpEmit.neighborSolicitation(ndpTx, at, ours, destination, target, mac);
        send(at + length);
    }

    /** Sends the frame in {@link #ndpTx}; its DEBUG line reads as tcpdump -n prints it. */
    private void send(int length) {
        if (ndpLog.isDebugEnabled() && sentIp.wrap(ndpTx, EthernetFrame.HEADER_LENGTH,
                length - EthernetFrame.HEADER_LENGTH) == null && sentIcmp.wrap(sentIp) == null) {
            ndpLog.debug("Out IP6 {} > {}: {}", sentIp.source(), sentIp.destination(), sentIcmp.describe());
        }
        transmitter.transmit(ndpTx, length);
    }
}
