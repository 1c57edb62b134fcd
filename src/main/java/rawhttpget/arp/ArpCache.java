package rawhttpget.arp;

import java.util.HashMap;
import java.util.Map;

/** IPv4 to MAC mappings learned from replies, each good until it expires. Time is an argument. */
public final class ArpCache {
    public static final long NO_ENTRY = -1;

    private record Entry(long mac, long expiresAt) {
    }

    private final Map<Integer, Entry> entries = new HashMap<>();
    private final long lifetimeNanos;

    public ArpCache(long lifetimeNanos) {
        this.lifetimeNanos = lifetimeNanos;
    }

    /** The MAC for {@code ip}, or {@link #NO_ENTRY} when unknown or expired. */
    public long lookup(int ip, long now) {
        Entry e = entries.get(ip);
        if (e == null || now - e.expiresAt >= 0) {
            return NO_ENTRY;
        }
        return e.mac;
    }

    /** Records a mapping; returns the MAC it replaced while still valid, or {@link #NO_ENTRY}. */
    public long put(int ip, long mac, long now) {
        Entry old = entries.put(ip, new Entry(mac, now + lifetimeNanos));
        return old == null || now - old.expiresAt >= 0 ? NO_ENTRY : old.mac;
    }

    public int size() {
        return entries.size();
    }
}
