package rawhttpget.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.arp.ArpCache;
import rawhttpget.arp.ArpPacket;
import rawhttpget.arp.ArpResolver;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.ethernet.MacAddress;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.ipv4.IcmpMessage;
import rawhttpget.ipv4.Ipv4Packet;
import rawhttpget.ipv4.Route;
import rawhttpget.link.Link;
import rawhttpget.tcp.IsnGenerator;
import rawhttpget.tcp.SegmentOutput;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpFlags;
import rawhttpget.tcp.TcpOptions;
import rawhttpget.tcp.TcpSegment;
import rawhttpget.tcp.TcpState;
import rawhttpget.tcp.TcpStats;
import rawhttpget.tcp.TcpdumpNotation;

import java.util.ArrayList;
import java.util.List;

/**
 * The host as the stack sees it: one link, one MAC and IPv4 address, a route, ARP, and the TCP
 * connections. It demultiplexes arriving frames layer by layer, dropping (and saying why at DEBUG) what is
 * not for us, and frames what the connections send. Driven like the connections: {@link #poll} with the
 * current time, {@link #pollAt} to learn when to come back.
 */
public final class NetworkStack {
    private static final Logger linkLog = LoggerFactory.getLogger("rawhttpget.link");
    private static final Logger ipLog = LoggerFactory.getLogger("rawhttpget.ip");
    private static final Logger tcpLog = LoggerFactory.getLogger("rawhttpget.tcp");
    private static final Logger arpLog = LoggerFactory.getLogger("rawhttpget.arp");
    private static final long ARP_LIFETIME = 60_000_000_000L;
    private static final int ARP_ATTEMPTS = 3;
    private static final long ARP_RETRY = 1_000_000_000L;
    private static final int TCP_AT = EthernetFrame.HEADER_LENGTH + Ipv4Packet.MIN_HEADER_LENGTH;
    private static final int MIN_FRAME = 60;
    /**
     * The most in-order data one ACK may cover when acks are deferred to the end of a batch: 64 KiB, the
     * largest super-packet Linux's GRO builds. Linux acks each GRO packet at once (RFC 5681 §4.2's "every
     * second full-sized segment" applied to coalesced runs), so with this bound a batch is acked as the
     * kernel would ack the same segments merged by GRO, and the sender's ACK clock never waits on a whole
     * batch (up to 256 frames, 256 × 1448 bytes).
     */
    static final int MAX_COALESCED_RUN = 64 * 1024;

    private final Link link;
    private final long mac;
    private final Route route;
    private final boolean ownAddress;
    private final ReceiveCoalescing coalescing;
    private final ArpResolver arp;
    private final IsnGenerator isns;
    private final List<TcpConnection> connections = new ArrayList<>();
    private final StackStats stats = new StackStats();

    private final EthernetFrame frame = new EthernetFrame();
    private final ArpPacket arpView = new ArpPacket();
    private final ArpPacket sentArp = new ArpPacket();
    private final TcpSegment sentTcp = new TcpSegment();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final Ipv4Packet quotedIp = new Ipv4Packet();
    private final IcmpMessage icmp = new IcmpMessage();
    private final TcpSegment tcp = new TcpSegment();
    private final TcpOptions options = new TcpOptions();
    private final byte[] tx = new byte[TCP_AT + 60 + 65535];
    private final byte[] arpTx = new byte[MIN_FRAME];
    private final SegmentOutput segmentOutput = new FramingOutput();
    private final ArpResolver.ArpOutput arpOutput = this::sendArp;
    private int identification;
    private long now;

    /**
     * @param ownAddress true when the address is ours alone (own-address mode): we answer ARP for it and
     *                   reset stray segments, as a host would. In host-address mode the kernel does both.
     */
    public NetworkStack(Link link, MacAddress mac, Route route, boolean ownAddress, IsnGenerator isns) {
        this(link, mac, route, ownAddress, isns, ReceiveCoalescing.OFF);
    }

    /** @param coalescing whether GRO/LRO super-frames may arrive; see {@link ReceiveCoalescing} */
    public NetworkStack(Link link, MacAddress mac, Route route, boolean ownAddress, IsnGenerator isns,
                        ReceiveCoalescing coalescing) {
        this.link = link;
        this.coalescing = coalescing;
        this.mac = mac.bits();
        this.route = route;
        this.ownAddress = ownAddress;
        this.isns = isns;
        this.arp = new ArpResolver(new ArpCache(ARP_LIFETIME), route.localAddress(), ownAddress, ARP_ATTEMPTS, ARP_RETRY);
    }

    public int localAddress() {
        return route.localAddress();
    }

    public StackStats stats() {
        return stats;
    }

    /** Receives what has arrived, runs ARP and every connection, sends what is due. */
    public void poll(long now) {
        this.now = now;
        link.receive(this::onFrame);
        arp.poll(now, arpOutput);
        for (int i = 0; i < connections.size(); i++) {
            TcpConnection c = connections.get(i);
            c.poll(now, segmentOutput);
        }
        connections.removeIf(c -> c.state() == TcpState.CLOSED && c.pollAt() == Long.MAX_VALUE && c.readable() == 0);
    }

    /** When {@link #poll} next has work to do; Long.MAX_VALUE when nothing is scheduled. */
    public long pollAt() {
        long at = arp.pollAt();
        for (int i = 0; i < connections.size(); i++) {
            TcpConnection c = connections.get(i);
            long t = c.pollAt();
            if (t != Long.MAX_VALUE && (at == Long.MAX_VALUE || t - at < 0)) {
                at = t;
            }
        }
        return at;
    }

    /** The next hop toward {@code destination}: itself on-link, else the gateway; 0 when there is no route. */
    public int nextHop(int destination) {
        return route.nextHop(destination);
    }

    /**
     * Starts (or continues) resolving the next hop's MAC: returns the MAC bits, or
     * {@link ArpCache#NO_ENTRY} while waiting. {@link #resolutionFailed} tells when it gave up.
     */
    public long resolve(int nextHop, long now) {
        this.now = now;
        return arp.resolve(nextHop, now, arpOutput);
    }

    /** Lets a later {@link #resolve} ask again for a next hop that did not answer before. */
    public void forgetResolutionFailure(int nextHop) {
        arp.forgetFailure(nextHop);
    }

    public boolean resolutionFailed(int nextHop) {
        return arp.hasFailed(nextHop);
    }

    /** Keeps the next hop's current MAC while a connection lives, whatever later ARP says. */
    public void pinNextHop(int nextHop, long mac) {
        arp.pin(nextHop, mac);
    }

    /** Opens a connection; the SYN leaves at the next poll. */
    public TcpConnection connect(TcpConfig config, int localPort, int remoteIp, int remotePort, long now) {
        int iss = isns.isn(route.localAddress(), localPort, remoteIp, remotePort, now);
        TcpConnection c = new TcpConnection(config, route.localAddress(), localPort, remoteIp, remotePort, iss,
                isns.timestampOffset(route.localAddress(), remoteIp));
        c.connect(now);
        connections.add(c);
        return c;
    }

    private void onFrame(byte[] b, int off, int len) {
        stats.framesIn++;
        if (linkLog.isTraceEnabled()) {
            linkLog.trace("In  {}", FrameTrace.describe(b, off, len));
        }
        String problem = frame.wrap(b, off, len);
        if (problem != null) {
            if (dropping(linkLog)) {
                linkLog.debug("drop: {}", problem);
            }
            return;
        }
        long dst = frame.destination();
        if (dst != mac && dst != MacAddress.BROADCAST.bits()) {
            if (dropping(linkLog)) {
                linkLog.debug("drop: ethernet: to {}, not us", MacAddress.format(dst));
            }
            return;
        }
        switch (frame.etherType()) {
            case EthernetFrame.TYPE_ARP -> onArp(b);
            case EthernetFrame.TYPE_IPV4 -> onIpv4(b);
            default -> {
                if (dropping(linkLog)) {
                    linkLog.debug("drop: ethernet: type {}", EthernetFrame.typeName(frame.etherType()));
                }
            }
        }
    }

    private void onArp(byte[] b) {
        String problem = arpView.wrap(b, frame.payloadOffset(), frame.payloadLength());
        if (problem != null) {
            if (dropping(arpLog)) {
                arpLog.debug("drop: {}", problem);
            }
            return;
        }
        if (arpLog.isDebugEnabled()) {
            arpLog.debug("In  {}, length {}", arpView.describe(), frame.payloadLength());
        }
        arp.onArp(arpView, now, arpOutput);
    }

    private void onIpv4(byte[] b) {
        String problem = ip.wrap(b, frame.payloadOffset(), frame.payloadLength());
        if (problem != null) {
            if (problem.contains("checksum")) {
                stats.ipChecksumErrors++;
            }
            if (dropping(ipLog)) {
                ipLog.debug("drop: {}", problem);
            }
            return;
        }
        if (ip.destination() != route.localAddress()) {
            if (dropping(ipLog)) {
                ipLog.debug("drop: ip: to {}, not us", Ipv4Address.format(ip.destination()));
            }
            return;
        }
        if (ip.isFragment()) {
            if (dropping(ipLog)) {
                ipLog.debug("drop: ip: fragment (id {}, offset {}); we do not reassemble", ip.identification(),
                        ip.fragmentOffset());
            }
            return;
        }
        switch (ip.protocol()) {
            case Ipv4Packet.PROTOCOL_TCP -> onTcp(b);
            case Ipv4Packet.PROTOCOL_ICMP -> onIcmp(b);
            default -> {
                if (dropping(ipLog)) {
                    ipLog.debug("drop: IP {} > {}: ip-proto-{}, length {}: not a protocol we speak",
                            Ipv4Address.format(ip.source()), Ipv4Address.format(ip.destination()), ip.protocol(),
                            ip.payloadLength());
                }
            }
        }
    }

    private void onTcp(byte[] b) {
        String problem = tcp.wrap(b, ip.payloadOffset(), ip.payloadLength());
        if (problem != null) {
            if (dropping(tcpLog)) {
                tcpLog.debug("drop: {}", problem);
            }
            return;
        }
        if (!tcp.checksumValid(ip.source(), ip.destination())) {
            if (coalescing.vouchesFor(ip, frame.payloadLength(), tcp)) {
                stats.coalescedSegments++;
            } else {
                stats.tcpChecksumErrors++;
                if (dropping(tcpLog)) {
                    tcpLog.debug("drop: tcp: bad checksum 0x{}: {}", Integer.toHexString(tcp.checksum()),
                            TcpdumpNotation.segment(ip.source(), ip.destination(), tcp, false, 0, 0));
                }
                return;
            }
        }
        problem = tcp.parseOptions(options);
        if (problem != null) {
            if (dropping(tcpLog)) {
                tcpLog.debug("drop: {}: {}", problem, TcpdumpNotation.segment(ip.source(), ip.destination(), tcp, false, 0, 0));
            }
            return;
        }
        TcpConnection c = find(ip.source(), tcp.sourcePort(), tcp.destinationPort());
        if (c == null) {
            if (dropping(tcpLog)) {
                tcpLog.debug("drop: tcp: no connection for {}", TcpdumpNotation.segment(ip.source(), ip.destination(), tcp,
                        false, 0, 0));
            }
            if (ownAddress && !tcp.has(TcpFlags.RST)) {
                resetStray();
            }
            return;
        }
        TcpStats counters = c.stats();
        long unusualBefore = unusualSegments(counters);
        boolean holesBefore = c.hasReceiveHoles();
        c.onSegment(tcp, options, now);
        long due = c.pollAt();
        if (due != Long.MAX_VALUE && due - now <= 0
                && (!plainInOrderData(holesBefore || c.hasReceiveHoles(), unusualSegments(counters) != unusualBefore)
                        || c.unacknowledgedBytes() >= MAX_COALESCED_RUN)) {
            // An ACK the segment made due (out of order, a hole filled, a duplicate) leaves now, not after the
            // rest of the batch: with several holes opening in one batch, one ACK's three SACK blocks would
            // name only the newest, and the sender would resend what we already hold. Measured at 5 % loss on
            // the emulated WAN (40 MB, see README): 3.3 times the needed retransmissions and 453 D-SACKs with
            // one ACK per batch; Linux, which ACKs each such segment, had 4 D-SACKs.
            c.poll(now, segmentOutput);
        }
        // Plain in-order data with no hole anywhere carries no SACK news: its ACK (every second full segment)
        // leaves after the batch, when poll() runs the connection, unless the run reaches MAX_COALESCED_RUN.
        // On the LAN testnet acking each one inline sent 371 000 ACKs per GiB and took 2.37-2.72 s instead of
        // 2.07-2.24 s, 0.7 s more CPU (README).
    }

    /** Segments that always deserve an immediate answer, by the connection's own counters. */
    private static long unusualSegments(TcpStats s) {
        return s.outOfOrderSegments + s.duplicateSegments + s.unacceptableSegments + s.pawsRejected + s.challengeAcks;
    }

    /** The segment just processed was data that extended the in-order stream, and nothing else. */
    private boolean plainInOrderData(boolean holes, boolean unusual) {
        return !holes && !unusual && tcp.payloadLength() > 0 && (tcp.flags() & ~(TcpFlags.ACK | TcpFlags.PSH)) == 0;
    }

    private void onIcmp(byte[] b) {
        String problem = icmp.wrap(b, ip.payloadOffset(), ip.payloadLength());
        if (problem != null) {
            if (problem.contains("checksum")) {
                stats.icmpChecksumErrors++;
            }
            if (dropping(ipLog)) {
                ipLog.debug("drop: {}", problem);
            }
            return;
        }
        if (ipLog.isDebugEnabled()) {
            ipLog.debug("In  IP {} > {}: {}", Ipv4Address.format(ip.source()), Ipv4Address.format(ip.destination()),
                    icmp.tcpdumpNotation());
        }
        if (icmp.type() != IcmpMessage.TYPE_DEST_UNREACHABLE && icmp.type() != IcmpMessage.TYPE_TIME_EXCEEDED) {
            if (dropping(ipLog)) {
                ipLog.debug("drop: icmp: {} ignored", icmp.describe());
            }
            return;
        }
        // The error quotes our IP header and at least 8 bytes of TCP: enough for the ports.
        if (quotedIp.wrap(b, icmp.quotedOffset(), icmp.quotedLength()) != null && icmp.quotedLength() < 28) {
            if (dropping(ipLog)) {
                ipLog.debug("drop: icmp: {} quoting too little to match a connection", icmp.describe());
            }
            return;
        }
        int q = icmp.quotedOffset();
        int qhl = (b[q] & 0x0F) * 4;
        if (icmp.quotedLength() < qhl + 4 || (b[q + 9] & 0xFF) != Ipv4Packet.PROTOCOL_TCP) {
            if (dropping(ipLog)) {
                ipLog.debug("drop: icmp: {} about something other than TCP", icmp.describe());
            }
            return;
        }
        int quotedDst = Ipv4Address.readBits(b, q + 16);
        int srcPort = ((b[q + qhl] & 0xFF) << 8) | (b[q + qhl + 1] & 0xFF);
        int dstPort = ((b[q + qhl + 2] & 0xFF) << 8) | (b[q + qhl + 3] & 0xFF);
        TcpConnection c = find(quotedDst, dstPort, srcPort);
        if (c == null) {
            if (dropping(ipLog)) {
                ipLog.debug("drop: icmp: {} for no connection of ours", icmp.describe());
            }
            return;
        }
        ipLog.info("ICMP from {}: {}", Ipv4Address.format(ip.source()), icmp.describe());
        if (icmp.type() == IcmpMessage.TYPE_DEST_UNREACHABLE && icmp.code() == IcmpMessage.CODE_FRAGMENTATION_NEEDED) {
            // RFC 792 quotes 8 bytes of TCP: the ports, then the sequence number the check needs.
            if (icmp.quotedLength() < qhl + 8) {
                if (dropping(ipLog)) {
                    ipLog.debug("drop: icmp: {} without the quoted sequence number", icmp.describe());
                }
                return;
            }
            int quotedTotalLength = ((b[q + 2] & 0xFF) << 8) | (b[q + 3] & 0xFF);
            int quotedSeq = ((b[q + qhl + 4] & 0xFF) << 24) | ((b[q + qhl + 5] & 0xFF) << 16)
                    | ((b[q + qhl + 6] & 0xFF) << 8) | (b[q + qhl + 7] & 0xFF);
            c.onFragmentationNeeded(icmp.nextHopMtu(), quotedTotalLength, quotedSeq, now);
        } else if (icmp.type() == IcmpMessage.TYPE_DEST_UNREACHABLE) {
            c.onUnreachable("ICMP from " + Ipv4Address.format(ip.source()) + ": " + icmp.describe());
        }
    }

    /** RFC 9293 §3.10.7.1: a segment for no connection is answered with a RST (own-address mode only). */
    private void resetStray() {
        boolean hasAck = tcp.has(TcpFlags.ACK);
        int seq = hasAck ? tcp.ack() : 0;
        int ack = tcp.seq() + tcp.sequenceLength();
        int flags = hasAck ? TcpFlags.RST : TcpFlags.RST | TcpFlags.ACK;
        int end = TcpSegment.emitHeader(tx, TCP_AT, tcp.destinationPort(), tcp.sourcePort(), seq, hasAck ? 0 : ack, flags,
                0, null);
        TcpSegment.fillChecksum(tx, TCP_AT, end - TCP_AT, route.localAddress(), ip.source());
        if (tcpLog.isDebugEnabled()) {
            sentTcp.wrap(tx, TCP_AT, end - TCP_AT);
            tcpLog.debug("Out {}", TcpdumpNotation.segment(route.localAddress(), ip.source(), sentTcp, false, 0, 0));
        }
        sendIpv4(ip.source(), Ipv4Packet.PROTOCOL_TCP, end - TCP_AT);
    }

    private TcpConnection find(int remoteIp, int remotePort, int localPort) {
        // Indexed, not for-each: once per frame, and until C2 compiles this an iterator is an allocation.
        for (int i = 0; i < connections.size(); i++) {
            TcpConnection c = connections.get(i);
            if (c.remoteIp() == remoteIp && c.remotePort() == remotePort && c.localPort() == localPort) {
                return c;
            }
        }
        return null;
    }

    /** Wraps the transport payload already at {@link #TCP_AT} of {@link #tx} in IPv4 and Ethernet and sends it. */
    private void sendIpv4(int destination, int protocol, int payloadLength) {
        int nextHop = route.nextHop(destination);
        long dstMac = nextHop == 0 ? ArpCache.NO_ENTRY : arp.resolve(nextHop, now, arpOutput);
        if (dstMac == ArpCache.NO_ENTRY) {
            stats.framesUnsentNoArp++;
            if (ipLog.isDebugEnabled()) {
                ipLog.debug("ip: no MAC yet for next hop {}; packet to {} dropped", Ipv4Address.format(nextHop),
                        Ipv4Address.format(destination));
            }
            return;
        }
        identification = (identification + 1) & 0xFFFF;
        Ipv4Packet.emitHeader(tx, EthernetFrame.HEADER_LENGTH, route.localAddress(), destination, protocol, payloadLength,
                identification, Ipv4Packet.DEFAULT_TTL);
        EthernetFrame.emitHeader(tx, 0, dstMac, mac, EthernetFrame.TYPE_IPV4);
        int length = Math.max(MIN_FRAME, TCP_AT + payloadLength);
        if (length > TCP_AT + payloadLength) {
            java.util.Arrays.fill(tx, TCP_AT + payloadLength, length, (byte) 0);
        }
        transmit(tx, length);
    }

    private void sendArp(int operation, long targetMac, int targetIp, long destinationMac) {
        int at = EthernetFrame.emitHeader(arpTx, 0, destinationMac, mac, EthernetFrame.TYPE_ARP);
        ArpPacket.emit(arpTx, at, operation, mac, route.localAddress(), targetMac, targetIp);
        if (arpLog.isDebugEnabled()) {
            sentArp.wrap(arpTx, at, arpTx.length - at);
            arpLog.debug("Out {}, length {}", sentArp.describe(), arpTx.length - at);
        }
        transmit(arpTx, arpTx.length);
    }

    private void transmit(byte[] b, int length) {
        if (linkLog.isTraceEnabled()) {
            linkLog.trace("Out {}", FrameTrace.describe(b, 0, length));
        }
        link.send(b, 0, length);
        stats.framesOut++;
    }

    /**
     * Counts a dropped frame and tells whether to say why. Callers build the reason only when this returns true,
     * so a flood of frames that are not ours costs no strings while DEBUG is off.
     */
    private boolean dropping(Logger log) {
        stats.framesDropped++;
        return log.isDebugEnabled();
    }

    private final class FramingOutput implements SegmentOutput {
        @Override
        public byte[] buffer() {
            return tx;
        }

        @Override
        public int tcpOffset() {
            return TCP_AT;
        }

        @Override
        public void transmit(int sourceIp, int destinationIp, int tcpLength) {
            sendIpv4(destinationIp, Ipv4Packet.PROTOCOL_TCP, tcpLength);
        }
    }
}
