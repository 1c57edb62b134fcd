package rawhttpget.stack;

import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;

/**
 * What the neighbours of both address families share ({@link Neighbours} for ARP, {@link Ipv6Neighbours} for
 * Neighbor Discovery): the connections held while their next hop has no MAC yet. A held connection is in
 * SYN-SENT but sends nothing; it is released (its SYN leaves) when the next hop answers, or fails as
 * unreachable, naming the address, when every request went unanswered. The connection's owner only waits, as
 * for any handshake. The family says how a next hop is resolved and what its silence is called.
 *
 * @param <A> the family's address of a next hop
 */
abstract class NeighbourHold<A> {
    /** {@code deadline}: when --connect-timeout runs out, as the kernel's connect() counts its ARP wait too. */
    private record Held<A>(TcpConnection connection, A nextHop, long deadline) {
    }

    /** A link without neighbour resolution (lo, an L3 link): nothing is asked and no connection is held. */
    final boolean resolveless;
    private final List<Held<A>> held = new ArrayList<>();
    /** Connections the stack failed itself, and why; weak, so a finished transfer's connection is not kept. */
    private final Map<TcpConnection, String> failures = new WeakHashMap<>();

    NeighbourHold(LinkKind kind) {
        this.resolveless = !kind.resolvesNeighboursByArp();
    }

    /** Forgets that {@code nextHop} once went unanswered, so that it is asked again. */
    abstract void forgetFailure(A nextHop);

    /** True when {@code nextHop}'s MAC is known; otherwise starts (or continues) resolving it. */
    abstract boolean nextHopReady(A nextHop, long now);

    /** Every request for {@code nextHop} went unanswered. */
    abstract boolean hasFailed(A nextHop);

    /** Why {@code connection} fails when {@code nextHop} never answered: the address, and whose it is. */
    abstract String unanswered(A nextHop, TcpConnection connection);

    /**
     * True when {@code connection} may send now; false when it is held until {@code nextHop} answers. A next hop
     * that failed before is asked again: a new connection is a new chance.
     */
    final boolean readyFor(TcpConnection connection, A nextHop, long now) {
        if (resolveless) {
            return true;
        }
        forgetFailure(nextHop);
        if (nextHopReady(nextHop, now)) {
            return true;
        }
        held.add(new Held<>(connection, nextHop, now + connection.config().connectTimeoutNanos()));
        return false;
    }

    /** The earliest connect deadline of the held connections. */
    final long heldDeadline() {
        long at = Long.MAX_VALUE;
        for (int i = 0; i < held.size(); i++) {
            at = Math.min(at, held.get(i).deadline);
        }
        return at;
    }

    final boolean isHeld(TcpConnection connection) {
        for (int i = 0; i < held.size(); i++) {
            if (held.get(i).connection == connection) {
                return true;
            }
        }
        return false;
    }

    /** Why the stack failed {@code connection} itself, or null. */
    final String failure(TcpConnection connection) {
        return failures.get(connection);
    }

    /**
     * Settles held connections: released to {@code released} once their next hop answered, failed once it never
     * did. One aborted while held is forgotten: it sent nothing, so there is nobody to tell.
     */
    final void settleHeld(long now, Consumer<TcpConnection> released) {
        for (int i = 0; i < held.size(); ) {
            Held<A> h = held.get(i);
            TcpConnection c = h.connection;
            if (c.state() == TcpState.CLOSED) {
                held.remove(i);
            } else if (hasFailed(h.nextHop)) {
                held.remove(i);
                String why = unanswered(h.nextHop, c);
                failures.put(c, why);
                c.onUnreachable(why);
            } else if (nextHopReady(h.nextHop, now)) {
                held.remove(i);
                released.accept(c);
            } else if (now - h.deadline >= 0) {
                held.remove(i);
                c.connectTimedOut();
            } else {
                i++;
            }
        }
    }
}
