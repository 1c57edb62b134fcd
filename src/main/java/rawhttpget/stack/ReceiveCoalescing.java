package rawhttpget.stack;

import rawhttpget.ipv4.InternetChecksum;
import rawhttpget.ipv4.Ipv4Packet;
import rawhttpget.ipv6.Ipv6Packet;
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
 *
 * <p>Partial checksums from local peers (only on a link whose frames are all local, {@link LinkKind#framesAreLocal}):
 * a kernel that hands a segment to a veth, a bridge of veths or lo with checksum offload on (a container's veth
 * and lo have it by default) leaves it CHECKSUM_PARTIAL: the TCP checksum field holds only the pseudo-header's
 * sum, folded, for the NIC that never comes to finish it, and a TSO/GSO segment may be far longer than the MTU.
 * The frame did not cross a wire; it went from one kernel buffer to another, which is what a checksum protects
 * against, so there is nothing to verify. The packet socket says so per frame (TP_STATUS_CSUMNOTREADY in the
 * TPACKET header, or PACKET_AUXDATA's tp_status), but libpcap keeps that status to itself (its TPACKET_V3 reader
 * uses it only for VLAN tags; pcap_next_ex's header has no field for it), so the stack decides from what it can
 * see: the link's kind, read at start, and a checksum field equal to exactly what CHECKSUM_PARTIAL leaves. A
 * corrupt frame, or a correct frame with any other value there, is still dropped: on a local link the
 * acceptance widens by that one value per segment, on any other link not at all.
 */
public record ReceiveCoalescing(boolean enabled, int mtu, boolean localFrames) {

    /** No GRO/LRO: every segment's checksum must verify. */
    public static final ReceiveCoalescing OFF = new ReceiveCoalescing(false, 0, false);

    /** GRO or LRO is on at an interface with this MTU. */
    public static ReceiveCoalescing aboveMtu(int mtu) {
        if (mtu < 68) {
            throw new IllegalArgumentException("IPv4 MTU below 68: " + mtu);
        }
        return new ReceiveCoalescing(true, mtu, false);
    }

    /** The same, over a link of {@code kind}: partial checksums are accepted where its frames are all local. */
    public ReceiveCoalescing overLink(LinkKind kind) {
        return new ReceiveCoalescing(enabled, mtu, kind.framesAreLocal());
    }

    /**
     * Whether a segment whose checksum failed holds, in its checksum field, exactly the folded pseudo-header sum
     * that a local kernel's CHECKSUM_PARTIAL leaves, on a link where every frame is local.
     */
    public boolean vouchesForPartialChecksum(Ipv4Packet ip, TcpSegment tcp) {
        if (!localFrames) {
            return false;
        }
        long pseudo = InternetChecksum.pseudoHeader(ip.source(), ip.destination(), Ipv4Packet.PROTOCOL_TCP,
                ip.payloadLength());
        return tcp.checksum() == InternetChecksum.fold(pseudo);
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

    /** {@link #vouchesForPartialChecksum(Ipv4Packet, TcpSegment)} for IPv6, given the pseudo-header's sum. */
    public boolean vouchesForPartialChecksum(long pseudoHeaderSum, TcpSegment tcp) {
        return localFrames && tcp.checksum() == InternetChecksum.fold(pseudoHeaderSum);
    }

    /**
     * {@link #vouchesFor(Ipv4Packet, int, TcpSegment)} for IPv6: GRO merges only packets without extension
     * headers (ipv6_gro_receive flushes any other), so the segment must follow the 40-byte header.
     */
    public boolean vouchesFor(Ipv6Packet ip, int ipBytesInFrame, TcpSegment tcp) {
        int total = Ipv6Packet.HEADER_LENGTH + ip.payloadLength();
        if (!enabled || total <= mtu || total != ipBytesInFrame
                || ip.upperLayerOffset() != ip.offset() + Ipv6Packet.HEADER_LENGTH || tcp.payloadLength() == 0) {
            return false;
        }
        return tcp.has(TcpFlags.ACK) && (tcp.flags() & (TcpFlags.SYN | TcpFlags.RST | TcpFlags.URG)) == 0;
    }
}
