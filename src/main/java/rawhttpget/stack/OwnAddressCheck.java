package rawhttpget.stack;

import rawhttpget.arp.AddressProbe;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.link.Link;
import rawhttpget.ndp.DuplicateAddressDetection;

/**
 * The stack's start-up step in own-address mode: RFC 5227 probes for the IPv4 address straight on the link (see
 * {@link AddressProbe} for the shorter timing), or RFC 4862 duplicate address detection for an IPv6 one, before
 * the stack receives, answers or sends anything else.
 */
final class OwnAddressCheck {
    static final int PROBES = 3;
    static final long PROBE_INTERVAL = 200_000_000L;
    static final long QUIET = 400_000_000L;

    /** One of the two: the IPv4 probe, or IPv6's duplicate address detection. */
    private final AddressProbe probe;
    private final DuplicateAddressDetection dad;
    private OwnAddressState state = OwnAddressState.PROBING;

    OwnAddressCheck(long mac, int address, long now) {
        this.probe = new AddressProbe(mac, address, PROBES, PROBE_INTERVAL, QUIET, now);
        this.dad = null;
    }

    OwnAddressCheck(long mac, Ipv6Address address, long now) {
        this.probe = null;
        this.dad = new DuplicateAddressDetection(mac, address, now);
    }

    /**
     * Listens for a conflict, ends the check when the quiet time passed, else sends the probe that is due. Probe
     * frames bypass the stack's counters and logs, as they did when the probe ran before the stack existed.
     */
    void poll(Link link, long now) {
        if (dad != null) {
            link.receive(dad::onFrame);
            if (dad.conflict()) {
                state = OwnAddressState.CONFLICT;
            } else if (dad.finished(now)) {
                state = OwnAddressState.CLEAR;
            } else {
                dad.poll(now, link::send);
            }
            return;
        }
        link.receive(probe::onFrame);
        if (probe.conflict()) {
            state = OwnAddressState.CONFLICT;
        } else if (probe.finished(now)) {
            state = OwnAddressState.CLEAR;
        } else {
            probe.poll(now, link::send);
        }
    }

    /** The next probe or the end of the quiet time while probing; never after a conflict. */
    long pollAt() {
        return state != OwnAddressState.PROBING ? Long.MAX_VALUE : dad != null ? dad.pollAt() : probe.pollAt();
    }

    OwnAddressState state() {
        return state;
    }

    String describeConflict() {
        return dad != null ? dad.describeConflict() : probe.describeConflict();
    }
}
