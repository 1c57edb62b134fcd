package rawhttpget.ndp;

import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.inet.MacAddress;
import rawhttpget.ipv6.Icmpv6Message;
import rawhttpget.ipv6.Ipv6Packet;

/**
 * Duplicate address detection (RFC 4862 §5.4) for an address we mean to use in own-address mode, the IPv6
 * counterpart of ARP's AddressProbe and driven the same way: {@link #poll} sends the solicitation that is due,
 * {@link #onFrame} looks at each captured frame, {@link #finished} says when the address is ours. DupAddrDetectTransmits
 * solicitations (1 by default) one RetransTimer (1 s) apart, then one RetransTimer of quiet.
 *
 * <p>A conflict (§5.4.3, §5.4.4): a Neighbor Advertisement for the tentative address, or another host's
 * solicitation for it from the unspecified address (that host is detecting the same address). A solicitation
 * from a real address is someone resolving it, and is ignored; so is our own solicitation, should the capture
 * show it to us (the Ethernet source is our MAC).
 */
public final class DuplicateAddressDetection {
    public static final int DUP_ADDR_DETECT_TRANSMITS = 1;
    public static final long RETRANS_TIMER = 1_000_000_000L;
    /** RFC 2464's EtherType for IPv6 (kept here until the ethernet package names it). */
    public static final int ETHER_TYPE_IPV6 = 0x86DD;

    /** Where solicitations go: the link, in practice. */
    public interface Output {
        void send(byte[] frame, int offset, int length);
    }

    private final long ourMac;
    private final Ipv6Address tentative;
    private final int transmits;
    private final long retransNanos;
    private final byte[] solicitation = new byte[EthernetFrame.HEADER_LENGTH + NdpEmit.WITHOUT_OPTIONS];
    private final EthernetFrame frame = new EthernetFrame();
    private final Ipv6Packet ip = new Ipv6Packet();
    private final Icmpv6Message icmp = new Icmpv6Message();
    private final NdpMessage ndp = new NdpMessage();

    private int sent;
    private long nextAt;
    private long conflictMac = -1;

    public DuplicateAddressDetection(long ourMac, Ipv6Address tentative, long now) {
        this(ourMac, tentative, DUP_ADDR_DETECT_TRANSMITS, RETRANS_TIMER, now);
    }

    public DuplicateAddressDetection(long ourMac, Ipv6Address tentative, int transmits, long retransNanos, long now) {
        if (transmits < 1) {
            throw new IllegalArgumentException("at least one solicitation: " + transmits);
        }
        this.ourMac = ourMac;
        this.tentative = tentative;
        this.transmits = transmits;
        this.retransNanos = retransNanos;
        this.nextAt = now;
        int at = EthernetFrame.emitHeader(solicitation, 0, tentative.solicitedNodeMulticast().multicastMacBits(), ourMac,
                ETHER_TYPE_IPV6);
        NdpEmit.duplicateAddressSolicitation(solicitation, at, tentative);
    }

    /** Sends the solicitation that is due, if any. */
    public void poll(long now, Output out) {
        if (sent < transmits && now - nextAt >= 0 && !conflict()) {
            out.send(solicitation, 0, solicitation.length);
            sent++;
            nextAt = now + retransNanos;
        }
    }

    /** When {@link #poll} or {@link #finished} next has something to do. */
    public long pollAt() {
        return nextAt;
    }

    /** True once every solicitation went out and the wait after the last passed without a conflict. */
    public boolean finished(long now) {
        return !conflict() && sent == transmits && now - nextAt >= 0;
    }

    /** Looks at one captured frame for a sign that another host uses (or is claiming) the address. */
    public void onFrame(byte[] buffer, int offset, int length) {
        if (conflict() || frame.wrap(buffer, offset, length) != null || frame.etherType() != ETHER_TYPE_IPV6
                || frame.source() == ourMac
                || ip.wrap(buffer, frame.payloadOffset(), frame.payloadLength()) != null
                || ip.upperLayerProtocol() != Ipv6Packet.NEXT_HEADER_ICMPV6
                || icmp.wrap(ip) != null || ndp.wrap(ip, icmp) != null) {
            return;
        }
        boolean advertised = ndp.type() == Icmpv6Message.TYPE_NEIGHBOR_ADVERTISEMENT;
        boolean detecting = ndp.type() == Icmpv6Message.TYPE_NEIGHBOR_SOLICITATION && ip.source().isUnspecified();
        if ((advertised || detecting) && ndp.target().equals(tentative)) {
            conflictMac = frame.source();
        }
    }

    public boolean conflict() {
        return conflictMac >= 0;
    }

    /** The MAC of the host that uses (or is claiming) the address; only when {@link #conflict()}. */
    public long conflictMac() {
        return conflictMac;
    }

    public String describeConflict() {
        return tentative + " is already in use by " + MacAddress.format(conflictMac);
    }
}
