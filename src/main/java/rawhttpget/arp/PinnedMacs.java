package rawhttpget.arp;

import java.util.Arrays;

/**
 * The MACs that connections keep using whatever later ARP replies say: one per next hop in use, so a handful at
 * most. Two arrays and a linear scan, because {@link ArpResolver#resolve} asks for every frame we send and a
 * {@code Map<Integer, Long>} boxed the address on each lookup.
 */
final class PinnedMacs {
    private int[] ips = new int[2];
    private long[] macs = new long[2];
    private int size;

    /** The pinned MAC for {@code ip}, or {@link ArpCache#NO_ENTRY}. */
    long get(int ip) {
        for (int i = 0; i < size; i++) {
            if (ips[i] == ip) {
                return macs[i];
            }
        }
        return ArpCache.NO_ENTRY;
    }

    void put(int ip, long mac) {
        for (int i = 0; i < size; i++) {
            if (ips[i] == ip) {
                macs[i] = mac;
                return;
            }
        }
        if (size == ips.length) {
            ips = Arrays.copyOf(ips, size * 2);
            macs = Arrays.copyOf(macs, size * 2);
        }
        ips[size] = ip;
        macs[size] = mac;
        size++;
    }

    void remove(int ip) {
        for (int i = 0; i < size; i++) {
            if (ips[i] == ip) {
                size--;
                ips[i] = ips[size];
                macs[i] = macs[size];
                return;
            }
        }
    }
}
