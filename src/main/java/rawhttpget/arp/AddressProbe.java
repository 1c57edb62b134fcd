package rawhttpget.arp;

import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.MacAddress;
import rawhttpget.inet.Ipv4Address;

/**
 * Checks that nobody else uses an address before we claim it (own-address mode), as RFC 5227 asks: a few
 * ARP probes (sender IP 0.0.0.0, so no one's cache learns a mapping yet, target IP the address), then a
 * quiet wait. Any ARP packet from another MAC whose sender IP is the address, or another host's probe for
 * the same address, means it is taken.
 *
 * <p>Timing is shorter than the RFC's (1 to 2 s between probes, after a random 0 to 1 s delay): a
 * downloader must start quickly, and a host on the link answers a probe within milliseconds. The random
 * delay is meant for many hosts booting at once, which is not our case. No announcement follows: we answer
 * ARP requests for the address from then on, which is all the peers need.
 *
 * <p>Driven like the stack: {@link #poll} with the current time, {@link #pollAt} for the next deadline,
 * {@link #onFrame} for each captured frame.
 */
public final class AddressProbe {
    /** Where probes go: the link, in practice. */
    public interface Output {
        void send(byte[] frame, int offset, int length);
    }

    private static final int MIN_FRAME = 60;

    private final long ourMac;
    private final int address;
    private final int probes;
    private final long intervalNanos;
    private final long quietNanos;
    private final byte[] probe = new byte[MIN_FRAME];
    private final EthernetFrame frame = new EthernetFrame();
    private final ArpPacket arp = new ArpPacket();

    private int sent;
    private long nextAt;
    private long conflictMac = -1;

    /**
     * @param probes        how many probes to send
     * @param intervalNanos time between probes
     * @param quietNanos    how long to keep listening after the last probe
     */
    public AddressProbe(long ourMac, int address, int probes, long intervalNanos, long quietNanos, long now) {
        if (probes < 1) {
            throw new IllegalArgumentException("at least one probe: " + probes);
        }
        this.ourMac = ourMac;
        this.address = address;
        this.probes = probes;
        this.intervalNanos = intervalNanos;
        this.quietNanos = quietNanos;
        this.nextAt = now;
        int at = EthernetFrame.emitHeader(probe, 0, MacAddress.BROADCAST.bits(), ourMac, EthernetFrame.TYPE_ARP);
        ArpPacket.emit(probe, at, ArpPacket.OP_REQUEST, ourMac, 0, 0, address);
    }

    /** Sends the probe that is due, if any. */
    public void poll(long now, Output out) {
        if (sent < probes && now - nextAt >= 0 && !conflict()) {
            out.send(probe, 0, probe.length);
            sent++;
            nextAt = now + (sent < probes ? intervalNanos : quietNanos);
        }
    }

    /** When {@link #poll} or {@link #finished} next has something to do. */
    public long pollAt() {
        return nextAt;
    }

    /** True once every probe went out and the quiet time after the last passed without a conflict. */
    public boolean finished(long now) {
        return !conflict() && sent == probes && now - nextAt >= 0;
    }

    /** Looks at one captured frame for a sign that another host uses the address. */
    public void onFrame(byte[] buffer, int offset, int length) {
        if (frame.wrap(buffer, offset, length) != null || frame.etherType() != EthernetFrame.TYPE_ARP
                || arp.wrap(buffer, frame.payloadOffset(), frame.payloadLength()) != null) {
            return;
        }
        long senderMac = arp.senderMac();
        if (senderMac == ourMac) {
            return; // our own probe, should the capture show it to us
        }
        boolean claimsIt = arp.senderIp() == address;
        boolean probesForIt = arp.senderIp() == 0 && arp.operation() == ArpPacket.OP_REQUEST
                && arp.targetIp() == address;
        if ((claimsIt || probesForIt) && !conflict()) {
            conflictMac = senderMac;
        }
    }

    public boolean conflict() {
        return conflictMac >= 0;
    }

    /** The MAC of the host that uses (or is probing for) the address; only when {@link #conflict()}. */
    public long conflictMac() {
        return conflictMac;
    }

    public String describeConflict() {
        return Ipv4Address.format(address) + " is already in use by " + MacAddress.format(conflictMac);
    }
}
