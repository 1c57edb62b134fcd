package rawhttpget.stack;

import rawhttpget.arp.AddressProbe;
import rawhttpget.link.Link;

/**
 * The stack's start-up step in own-address mode: RFC 5227 probes for the address straight on the link (see
 * {@link AddressProbe} for the shorter timing), before the stack receives, answers or sends anything else.
 */
final class OwnAddressCheck {
    static final int PROBES = 3;
    static final long PROBE_INTERVAL = 200_000_000L;
    static final long QUIET = 400_000_000L;

    private final AddressProbe probe;
    private OwnAddressState state = OwnAddressState.PROBING;

    OwnAddressCheck(long mac, int address, long now) {
        this.probe = new AddressProbe(mac, address, PROBES, PROBE_INTERVAL, QUIET, now);
    }

    /**
     * Listens for a conflict, ends the check when the quiet time passed, else sends the probe that is due. Probe
     * frames bypass the stack's counters and logs, as they did when the probe ran before the stack existed.
     */
    void poll(Link link, long now) {
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
        return state == OwnAddressState.PROBING ? probe.pollAt() : Long.MAX_VALUE;
    }

    OwnAddressState state() {
        return state;
    }

    String describeConflict() {
        return probe.describeConflict();
    }
}
