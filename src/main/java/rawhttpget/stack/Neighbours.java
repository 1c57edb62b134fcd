package rawhttpget.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.arp.ArpCache;
import rawhttpget.arp.ArpPacket;
import rawhttpget.arp.ArpResolver;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;

/**
 * The stack's neighbours: ARP resolution of next hops, and the connections held while their next hop has no
 * MAC yet. A held connection is in SYN-SENT but sends nothing; it is released (its SYN leaves) when the reply
 * comes, or fails as unreachable, naming the address, when every request went unanswered. The connection's
 * owner only waits, as for any handshake.
 */
final class Neighbours {
    private static final Logger arpLog = LoggerFactory.getLogger("rawhttpget.arp");
    private static final int MIN_FRAME = 60;
    private static final long ARP_LIFETIME = 60_000_000_000L;
    private static final int ARP_ATTEMPTS = 3;
    private static final long ARP_RETRY = 1_000_000_000L;

    private static final long NO_ARP_NEIGHBOUR = 0;

    private record Held(TcpConnection connection, int nextHop) {
    }

    /** Where framed ARP packets go: the stack's transmit path. */
    interface Transmitter {
        void transmit(byte[] frame, int length);
    }

    private final ArpResolver resolver;
    /** A link without ARP (lo): every neighbour is 00:00:00:00:00:00, known at once, and nothing is asked. */
    private final boolean arpless;
    private final long mac;
    private final int ourIp;
    private final Transmitter transmitter;
    private final ArpResolver.ArpOutput out = this::sendArp;
    private final byte[] arpTx = new byte[MIN_FRAME];
    private final ArpPacket sentArp = new ArpPacket();
    private final List<Held> held = new ArrayList<>();
    /** Connections the stack failed itself, and why; weak, so a finished transfer's connection is not kept. */
    private final Map<TcpConnection, String> failures = new WeakHashMap<>();

    Neighbours(LinkKind kind, long mac, int ourIp, boolean answerRequests, Transmitter transmitter) {
        this.arpless = !kind.resolvesNeighboursByArp();
        this.mac = mac;
        this.ourIp = ourIp;
        this.transmitter = transmitter;
        this.resolver = new ArpResolver(new ArpCache(ARP_LIFETIME), ourIp, answerRequests, ARP_ATTEMPTS, ARP_RETRY);
    }

    /** The MAC of {@code nextHop}, or {@link ArpCache#NO_ENTRY} after starting (or continuing) to resolve it. */
    long resolve(int nextHop, long now) {
        if (arpless) {
            return NO_ARP_NEIGHBOUR;
        }
        return resolver.resolve(nextHop, now, out);
    }

    void pin(int nextHop, long mac) {
        resolver.pin(nextHop, mac);
    }

    void onArp(ArpPacket arp, long now) {
        if (arpless) {
            return;
        }
        resolver.onArp(arp, now, out);
    }

    /**
     * Prepares {@code nextHop} for a new connection: returns true when its MAC is known (and now pinned for as
     * long as the connection may live, whatever later ARP says), false when the connection must be held. A next
     * hop that failed before is asked again: a new connection is a new chance.
     */
    boolean readyFor(TcpConnection connection, int nextHop, long now) {
        if (arpless) {
            return true;
        }
        resolver.forgetFailure(nextHop);
        long mac = resolver.resolve(nextHop, now, out);
        if (mac != ArpCache.NO_ENTRY) {
            resolver.pin(nextHop, mac);
            return true;
        }
        held.add(new Held(connection, nextHop));
        return false;
    }

    boolean isHeld(TcpConnection connection) {
        for (int i = 0; i < held.size(); i++) {
            if (held.get(i).connection == connection) {
                return true;
            }
        }
        return false;
    }

    /** Why the stack failed {@code connection} itself, or null. */
    String failure(TcpConnection connection) {
        return failures.get(connection);
    }

    /**
     * Sends the requests that are due, then settles held connections: released to {@code released} once their
     * next hop answered, failed once it never did. One aborted while held is forgotten: it sent nothing, so
     * there is nobody to tell.
     */
    void poll(long now, Consumer<TcpConnection> released) {
        resolver.poll(now, out);
        if (held.isEmpty()) {
            return;
        }
        for (int i = 0; i < held.size(); ) {
            Held h = held.get(i);
            TcpConnection c = h.connection;
            if (c.state() == TcpState.CLOSED) {
                held.remove(i);
            } else if (resolver.hasFailed(h.nextHop)) {
                held.remove(i);
                String who = h.nextHop == c.remoteIp() ? "the server " : "the gateway ";
                String why = "no ARP reply from " + who + Ipv4Address.format(h.nextHop);
                failures.put(c, why);
                c.onUnreachable(why);
            } else {
                long mac = resolver.resolve(h.nextHop, now, out);
                if (mac == ArpCache.NO_ENTRY) {
                    i++;
                    continue;
                }
                held.remove(i);
                resolver.pin(h.nextHop, mac);
                released.accept(c);
            }
        }
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
        return resolver.pollAt();
    }
}
