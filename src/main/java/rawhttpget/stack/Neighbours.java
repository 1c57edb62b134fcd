package rawhttpget.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.arp.ArpCache;
import rawhttpget.arp.ArpPacket;
import rawhttpget.arp.ArpResolver;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.tcp.TcpConnection;

import java.util.function.Consumer;

/**
 * The stack's neighbours: ARP resolution of next hops, and the connections held while their next hop has no
 * MAC yet ({@link NeighbourHold}). On a link without ARP (lo) every neighbour is 00:00:00:00:00:00, known at
 * once, and nothing is asked.
 */
final class Neighbours extends NeighbourHold<Integer> {
    private static final Logger arpLog = LoggerFactory.getLogger("rawhttpget.arp");
    private static final int MIN_FRAME = 60;
    private static final long ARP_LIFETIME = 60_000_000_000L;
    private static final int ARP_ATTEMPTS = 3;
    private static final long ARP_RETRY = 1_000_000_000L;

    private static final long NO_ARP_NEIGHBOUR = 0;

    /** Where framed ARP packets go: the stack's transmit path. */
    interface Transmitter {
        void transmit(byte[] frame, int length);
    }

    private final ArpResolver resolver;
    private final long mac;
    private final int ourIp;
    private final Transmitter transmitter;
    private final ArpResolver.ArpOutput out = this::sendArp;
    private final byte[] arpTx = new byte[MIN_FRAME];
    private final ArpPacket sentArp = new ArpPacket();

    Neighbours(LinkKind kind, long mac, int ourIp, boolean answerRequests, Transmitter transmitter) {
        super(kind);
        this.mac = mac;
        this.ourIp = ourIp;
        this.transmitter = transmitter;
        this.resolver = new ArpResolver(new ArpCache(ARP_LIFETIME), ourIp, answerRequests, ARP_ATTEMPTS, ARP_RETRY);
    }

    /** The MAC of {@code nextHop}, or {@link ArpCache#NO_ENTRY} after starting (or continuing) to resolve it. */
    long resolve(int nextHop, long now) {
        if (resolveless) {
            return NO_ARP_NEIGHBOUR;
        }
        return resolver.resolve(nextHop, now, out);
    }

    void pin(int nextHop, long mac) {
        resolver.pin(nextHop, mac);
    }

    void onArp(ArpPacket arp, long now) {
        if (resolveless) {
            return;
        }
        resolver.onArp(arp, now, out);
    }

    @Override
    void forgetFailure(Integer nextHop) {
        resolver.forgetFailure(nextHop);
    }

    /** A known MAC is pinned for as long as the connection may live, whatever later ARP says. */
    @Override
    boolean nextHopReady(Integer nextHop, long now) {
        long mac = resolver.resolve(nextHop, now, out);
        if (mac == ArpCache.NO_ENTRY) {
            return false;
        }
        resolver.pin(nextHop, mac);
        return true;
    }

    @Override
    boolean hasFailed(Integer nextHop) {
        return resolver.hasFailed(nextHop);
    }

    @Override
    String unanswered(Integer nextHop, TcpConnection connection) {
        String who = nextHop == connection.remoteIp() ? "the server " : "the gateway ";
        return "no ARP reply from " + who + Ipv4Address.format(nextHop);
    }

    /** Sends the requests that are due, then settles the held connections. */
    void poll(long now, Consumer<TcpConnection> released) {
        resolver.poll(now, out);
        settleHeld(now, released);
    }

    private void sendArp(int operation, long targetMac, int targetIp, long destinationMac) {
        int at = EthernetFrame.emitHeader(arpTx, 0, destinationMac, mac, EthernetFrame.TYPE_ARP);
        ArpPacket.emit(arpTx, at, operation, mac, ourIp, targetMac, targetIp);
        if (arpLog.isDebugEnabled()) {
            sentArp.wrap(arpTx, at, arpTx.length - at);
            arpLog.debug("Out {}, length {}", sentArp.describe(), arpTx.length - at);
        }
        transmitter.transmit(arpTx, arpTx.length);
    }

    /** When {@link #poll} next has a request to send or a resolution to give up. */
    long pollAt() {
        return Math.min(resolver.pollAt(), heldDeadline());
    }
}
