package rawhttpget.arp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.inet.MacAddress;
import rawhttpget.inet.Ipv4Address;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds the MAC of a next hop: answers from the cache, else broadcasts requests, retrying on a fixed
 * interval, and reports failure after the last attempt. It also learns from every ARP packet addressed to
 * us and answers requests for our own address when asked to (own-address mode, where no kernel does it).
 */
public final class ArpResolver {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.arp");

    /** Where the resolver sends ARP packets; the stack frames them. */
    public interface ArpOutput {
        void sendArp(int operation, long targetMac, int targetIp, long destinationMac);
    }

    private static final class Pending {
        int attemptsMade;
        long nextAttemptAt;
        long startedAt;
    }

    private final ArpCache cache;
    private final int ourIp;
    private final boolean answerRequests;
    private final int maxAttempts;
    private final long retryIntervalNanos;
    private final Map<Integer, Pending> pending = new LinkedHashMap<>();
    private final PinnedMacs pinned = new PinnedMacs();
    private final Map<Integer, Long> failed = new LinkedHashMap<>();

    public ArpResolver(ArpCache cache, int ourIp, boolean answerRequests, int maxAttempts, long retryIntervalNanos) {
        this.cache = cache;
        this.ourIp = ourIp;
        this.answerRequests = answerRequests;
        this.maxAttempts = maxAttempts;
        this.retryIntervalNanos = retryIntervalNanos;
    }

    /** The MAC for {@code ip}, or {@link ArpCache#NO_ENTRY} after starting (or continuing) a resolution. */
    public long resolve(int ip, long now, ArpOutput out) {
        long pin = pinned.get(ip);
        if (pin != ArpCache.NO_ENTRY) {
            return pin;
        }
        long mac = cache.lookup(ip, now);
        if (mac != ArpCache.NO_ENTRY) {
            return mac;
        }
        if (!pending.containsKey(ip) && !failed.containsKey(ip)) {
            Pending p = new Pending();
            p.nextAttemptAt = now;
            p.startedAt = now;
            pending.put(ip, p);
            poll(now, out);
        }
        return ArpCache.NO_ENTRY;
    }

    /** True once every attempt for {@code ip} went unanswered. */
    public boolean hasFailed(int ip) {
        return failed.containsKey(ip);
    }

    /** Forgets an earlier failure so the next {@link #resolve} asks again (a new transfer, a new chance). */
    public void forgetFailure(int ip) {
        failed.remove(ip);
    }

    /** Keeps the current mapping for {@code ip} in force whatever later replies say (while a connection lives). */
    public void pin(int ip, long mac) {
        pinned.put(ip, mac);
    }

    public void unpin(int ip) {
        pinned.remove(ip);
    }

    /** Handles an ARP packet that reached us. */
    public void onArp(ArpPacket arp, long now, ArpOutput out) {
        int sender = arp.senderIp();
        long senderMac = arp.senderMac();
        boolean forUs = arp.targetIp() == ourIp;
        if (sender != 0 && (forUs || pending.containsKey(sender) || cache.lookup(sender, now) != ArpCache.NO_ENTRY)) {
            learn(sender, senderMac, now);
        }
        if (forUs && answerRequests && arp.operation() == ArpPacket.OP_REQUEST) {
            log.debug("answering who-has {} from {} ({})", Ipv4Address.format(ourIp), Ipv4Address.format(sender), MacAddress.format(senderMac));
            out.sendArp(ArpPacket.OP_REPLY, senderMac, sender, senderMac);
        }
    }

    private void learn(int ip, long mac, long now) {
        long pin = pinned.get(ip);
        if (pin != ArpCache.NO_ENTRY && pin != mac) {
            log.warn("ARP: {} now claims to be at {}, but the connection keeps using {} (possible ARP spoofing or failover)",
                    Ipv4Address.format(ip), MacAddress.format(mac), MacAddress.format(pin));
        }
        long replaced = cache.put(ip, mac, now);
        Pending p = pending.remove(ip);
        failed.remove(ip);
        if (p != null) {
            log.info("ARP: {} is-at {} (resolved in {} us, {} request(s))", Ipv4Address.format(ip), MacAddress.format(mac),
                    (now - p.startedAt) / 1000, p.attemptsMade);
        } else if (replaced != ArpCache.NO_ENTRY && replaced != mac) {
            log.warn("ARP: {} moved from {} to {}", Ipv4Address.format(ip), MacAddress.format(replaced), MacAddress.format(mac));
        }
    }

    /** Sends requests that are due and retires resolutions that ran out of attempts. */
    public void poll(long now, ArpOutput out) {
        if (pending.isEmpty()) {
            return; // the usual case, and no iterator to allocate
        }
        var it = pending.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            Pending p = e.getValue();
            if (now - p.nextAttemptAt < 0) {
                continue;
            }
            if (p.attemptsMade >= maxAttempts) {
                log.info("ARP: no reply from {} after {} requests", Ipv4Address.format(e.getKey()), p.attemptsMade);
                failed.put(e.getKey(), now);
                it.remove();
                continue;
            }
            p.attemptsMade++;
            p.nextAttemptAt = now + retryIntervalNanos;
            log.debug("ARP: who-has {} tell {} (attempt {})", Ipv4Address.format(e.getKey()), Ipv4Address.format(ourIp), p.attemptsMade);
            out.sendArp(ArpPacket.OP_REQUEST, 0, e.getKey(), MacAddress.BROADCAST.bits());
        }
    }

    /** When {@link #poll} next has work, or Long.MAX_VALUE. */
    public long pollAt() {
        long at = Long.MAX_VALUE;
        if (pending.isEmpty()) {
            return at; // asked after every batch: no iterator to allocate
        }
        for (Pending p : pending.values()) {
            at = Math.min(at, p.nextAttemptAt);
        }
        return at;
    }
}
