package rawhttpget.ndp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.inet.MacAddress;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The neighbour cache of RFC 4861 §7.3 with its reachability states, and address resolution (§7.2): the IPv6
 * counterpart of ArpResolver and ArpCache, driven the same way. {@link #resolve} answers from the cache or starts
 * resolving; {@link #poll} sends the solicitations that are due through {@link Output} and retires neighbours
 * that stopped answering; {@link #pollAt} says when. Time is an argument, in nanoseconds.
 *
 * <p>States: INCOMPLETE (multicast solicitations sent, no answer yet), REACHABLE (confirmed within
 * {@link #REACHABLE_TIME}), STALE (not confirmed lately, still used), DELAY (used while stale: wait
 * {@link #DELAY_FIRST_PROBE_TIME} for an upper-layer confirmation), PROBE (unicast solicitations every
 * {@link #RETRANS_TIMER}). An INCOMPLETE entry that gets no answer after {@link #MAX_MULTICAST_SOLICIT}
 * solicitations, or a PROBE one after {@link #MAX_UNICAST_SOLICIT}, is deleted and the address marked
 * unreachable ({@link #hasFailed}), as ARP's failure is. REACHABLE_TIME is the RFC's base value, not randomised
 * (§6.3.2): one downloader on a link does not synchronise with anything.
 */
public final class NeighbourCache {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.ndp");

    public static final int MAX_MULTICAST_SOLICIT = 3;
    public static final int MAX_UNICAST_SOLICIT = 3;
    public static final long RETRANS_TIMER = 1_000_000_000L;
    public static final long REACHABLE_TIME = 30_000_000_000L;
    public static final long DELAY_FIRST_PROBE_TIME = 5_000_000_000L;
    public static final long NO_ENTRY = -1;

    public enum State { INCOMPLETE, REACHABLE, STALE, DELAY, PROBE }

    /** Where solicitations go: the stack builds them ({@link NdpEmit#neighborSolicitation}) and frames them. */
    public interface Output {
        /**
         * Solicit {@code target}: to its solicited-node group (multicast MAC) when {@code neighbourMac} is
         * {@link #NO_ENTRY}, else to the target itself at {@code neighbourMac} (a probe of a known neighbour).
         */
        void solicit(Ipv6Address target, long neighbourMac);
    }

    private static final class Entry {
        State state;
        long mac = NO_ENTRY;
        /** REACHABLE: when it turns STALE; INCOMPLETE, DELAY, PROBE: when the next step is due. */
        long deadline;
        int solicitations;
        long startedAt;
    }

    private final Map<Ipv6Address, Entry> entries = new LinkedHashMap<>();
    private final Map<Ipv6Address, Long> failed = new LinkedHashMap<>();
    private final long reachableTime;
    private final long retransTimer;

    public NeighbourCache() {
        this(REACHABLE_TIME, RETRANS_TIMER);
    }

    /** With a router's Reachable Time and Retrans Timer (§6.3.4), in nanoseconds. */
    public NeighbourCache(long reachableTime, long retransTimer) {
        this.reachableTime = reachableTime;
        this.retransTimer = retransTimer;
    }

    /** The MAC for {@code ip} in any state that has one, without changing anything; else {@link #NO_ENTRY}. */
    public long lookup(Ipv6Address ip, long now) {
        Entry e = entries.get(ip);
        return e == null ? NO_ENTRY : e.mac;
    }

    /** The state of {@code ip}'s entry at {@code now}, or null when there is none. */
    public State state(Ipv6Address ip, long now) {
        Entry e = entries.get(ip);
        if (e == null) {
            return null;
        }
        age(e, now);
        return e.state;
    }

    /**
     * The MAC to send a packet for {@code ip} to now, or {@link #NO_ENTRY} after starting (or continuing) its
     * resolution. Sending to a STALE neighbour starts the DELAY that checks it is still there (§7.3.3).
     */
    public long resolve(Ipv6Address ip, long now, Output out) {
        Entry e = entries.get(ip);
        if (e == null) {
            if (!failed.containsKey(ip)) {
                e = new Entry();
                e.state = State.INCOMPLETE;
                e.deadline = now;
                e.startedAt = now;
                entries.put(ip, e);
                poll(now, out);
            }
            return NO_ENTRY;
        }
        age(e, now);
        if (e.state == State.STALE) {
            e.state = State.DELAY;
            e.deadline = now + DELAY_FIRST_PROBE_TIME;
        }
        return e.mac;
    }

    /** True once every solicitation for {@code ip} went unanswered. */
    public boolean hasFailed(Ipv6Address ip) {
        return failed.containsKey(ip);
    }

    /** Forgets an earlier failure so the next {@link #resolve} asks again (a new transfer, a new chance). */
    public void forgetFailure(Ipv6Address ip) {
        failed.remove(ip);
    }

    /**
     * Upper-layer proof that the neighbour is there (§7.3.1: new data acknowledged by TCP): REACHABLE again,
     * which spares it a probe.
     */
    public void confirmReachable(Ipv6Address ip, long now) {
        Entry e = entries.get(ip);
        if (e != null && e.mac != NO_ENTRY) {
            reachable(e, now);
        }
    }

    /**
     * A Neighbor Advertisement for {@code target} (§7.2.5), its Target Link-Layer Address or
     * {@link NdpMessage#ABSENT}. Advertisements for addresses we do not have an entry for are ignored.
     */
    public void onAdvertisement(Ipv6Address target, long targetMac, boolean solicited, boolean override, long now) {
        Entry e = entries.get(target);
        if (e == null) {
            return;
        }
        age(e, now);
        if (e.state == State.INCOMPLETE) {
            if (targetMac == NdpMessage.ABSENT) {
                return; // nothing to resolve with
            }
            e.mac = targetMac;
            failed.remove(target);
            log.info("NDP: {} is-at {} (resolved in {} us, {} solicitation(s))", target, MacAddress.format(targetMac),
                    (now - e.startedAt) / 1000, e.solicitations);
            if (solicited) {
                reachable(e, now);
            } else {
                e.state = State.STALE;
            }
            return;
        }
        boolean differs = targetMac != NdpMessage.ABSENT && targetMac != e.mac;
        if (!override && differs) {
            // Another address without Override: believe the cached one, but no longer trust it as reachable.
            if (e.state == State.REACHABLE) {
                e.state = State.STALE;
            }
            return;
        }
        if (differs) {
            log.warn("NDP: {} moved from {} to {}", target, MacAddress.format(e.mac), MacAddress.format(targetMac));
            e.mac = targetMac;
        }
        if (solicited) {
            reachable(e, now);
        } else if (differs) {
            e.state = State.STALE;
        }
    }

    /**
     * A Source Link-Layer Address from a Neighbor Solicitation, Router Solicitation or Advertisement, or Redirect
     * (§7.2.3, §6.3.4): the sender is a neighbour at that MAC. A new or changed mapping is STALE (it is not yet
     * proven to work both ways); an unchanged one keeps its state.
     */
    public void onSourceLinkLayerAddress(Ipv6Address source, long sourceMac, long now) {
        if (source.isUnspecified() || sourceMac == NdpMessage.ABSENT) {
            return;
        }
        Entry e = entries.get(source);
        if (e == null) {
            e = new Entry();
            entries.put(source, e);
        } else if (e.mac == sourceMac) {
            return;
        }
        e.mac = sourceMac;
        e.state = State.STALE;
        failed.remove(source);
    }

    /** Sends the solicitations that are due and retires neighbours that ran out of them. */
    public void poll(long now, Output out) {
        if (entries.isEmpty()) {
            return; // the usual case, and no iterator to allocate
        }
        var it = entries.entrySet().iterator();
        while (it.hasNext()) {
            var item = it.next();
            Ipv6Address ip = item.getKey();
            Entry e = item.getValue();
            age(e, now);
            if (e.state == State.DELAY && now - e.deadline >= 0) {
                e.state = State.PROBE;
                e.solicitations = 0;
            }
            boolean probing = e.state == State.PROBE;
            if (!(e.state == State.INCOMPLETE || probing) || now - e.deadline < 0) {
                continue;
            }
            int limit = probing ? MAX_UNICAST_SOLICIT : MAX_MULTICAST_SOLICIT;
            if (e.solicitations >= limit) {
                log.info("NDP: no answer from {} after {} solicitations", ip, e.solicitations);
                failed.put(ip, now);
                it.remove();
                continue;
            }
            e.solicitations++;
            e.deadline = now + retransTimer;
            out.solicit(ip, probing ? e.mac : NO_ENTRY);
        }
    }

    /** When {@link #poll} next has work, or Long.MAX_VALUE. REACHABLE turning STALE needs no wake-up. */
    public long pollAt() {
        long at = Long.MAX_VALUE;
        if (entries.isEmpty()) {
            return at;
        }
        for (Entry e : entries.values()) {
            if (e.state == State.INCOMPLETE || e.state == State.DELAY || e.state == State.PROBE) {
                at = Math.min(at, e.deadline);
            }
        }
        return at;
    }

    public int size() {
        return entries.size();
    }

    private void reachable(Entry e, long now) {
        e.state = State.REACHABLE;
        e.deadline = now + reachableTime;
        e.solicitations = 0;
    }

    private static void age(Entry e, long now) {
        if (e.state == State.REACHABLE && now - e.deadline >= 0) {
            e.state = State.STALE;
        }
    }
}
