package rawhttpget.stack;

import rawhttpget.ipv4.Ipv4Packet;
import rawhttpget.tcp.TcpFlags;
import rawhttpget.tcp.TcpSegment;

/**
 * Which received TCP segments may skip checksum verification because the kernel glued them together.
 *
 * <p>With GRO (or LRO) on, the capture sees one "super-frame" of up to 64 KiB for a run of segments of
 * one flow. The kernel rewrites the TCP checksum of such a frame to the pseudo-header sum only (it is
 * CHECKSUM_PARTIAL from then on), so it never verifies: 178 of 178 frames above the MTU failed tshark's
 * check on a veth with GRO on, and every one under the MTU passed. Dropping them stalls the download.
 * But the kernel merges only segments whose checksums it verified first (tcp4_gro_receive flushes a
 * segment that fails), so accepting the merged frame loses no protection the wire gave us.
 *
 * <p>Accepted unverified, and only while the interface has GRO or LRO on: a frame whose IPv4 packet is
 * longer than the MTU (no single frame on the wire could be), fills the frame exactly, has a 20-byte IPv4
 * header (GRO merges nothing else) whose own checksum holds (the kernel recomputes it), carries data, has
 * ACK and none of SYN, RST or URG (GRO never merges those). Everything else is checked as before, so a
 * corrupt frame under the MTU is still dropped.
 */
public record ReceiveCoalescing(boolean enabled, int mtu) {

    /** No GRO/LRO: every segment's checksum must verify. */
    public static final ReceiveCoalescing OFF = new ReceiveCoalescing(false, 0);

    /** GRO or LRO is on at an interface with this MTU. */
    public static ReceiveCoalescing aboveMtu(int mtu) {
        if (mtu < 68) {
            throw new IllegalArgumentException("IPv4 MTU below 68: " + mtu);
        }
        return new ReceiveCoalescing(true, mtu);
    }

    /**
     * Whether a segment whose checksum failed is a coalesced one we accept anyway.
     *
     * @param ipBytesInFrame what the Ethernet frame carried after its header
     */
    public boolean vouchesFor(Ipv4Packet ip, int ipBytesInFrame, TcpSegment tcp) {
        if (!enabled || ip.totalLength() <= mtu || ip.totalLength() != ipBytesInFrame) {
            return false;
        }
        if (ip.headerLength() != Ipv4Packet.MIN_HEADER_LENGTH || tcp.payloadLength() == 0) {
            return false;
        }
        return tcp.has(TcpFlags.ACK) && (tcp.flags() & (TcpFlags.SYN | TcpFlags.RST | TcpFlags.URG)) == 0;
    }
}
