package rawhttpget.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.arp.ArpCache;
import rawhttpget.arp.ArpPacket;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.IpAddress;
import rawhttpget.inet.MacAddress;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.ipv4.Ipv4Packet;
import rawhttpget.ipv4.Route;
import rawhttpget.ipv6.Ipv6Packet;
import rawhttpget.ipv6.Ipv6Route;
import rawhttpget.link.Link;
import rawhttpget.tcp.IsnGenerator;
import rawhttpget.tcp.SegmentObserver;
import rawhttpget.tcp.SegmentOutput;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpFlags;
import rawhttpget.tcp.TcpOptions;
import rawhttpget.tcp.TcpSegment;
import rawhttpget.tcp.TcpStats;
import rawhttpget.tcp.TcpdumpNotation;

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
    /** How many RFC 5227 probes {@link #probeOwnAddress} sends. */
    public static final int ADDRESS_PROBES = OwnAddressCheck.PROBES;
    /** Segments go after room for Ethernet and IPv6 headers; an IPv4 frame starts 20 bytes later, at FRAME4_AT. */
    private static final int TCP_AT = EthernetFrame.HEADER_LENGTH + Ipv6Packet.HEADER_LENGTH;
    private static final int IP_AT = TCP_AT - Ipv4Packet.MIN_HEADER_LENGTH;
    private static final int FRAME4_AT = IP_AT - EthernetFrame.HEADER_LENGTH;
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
    /** False on an L3 link: frames are bare IPv4 packets (sent from {@link #IP_AT} of {@link #tx}). */
    private final boolean ethernetHeader;
    private final ReceiveCoalescing coalescing;
    private final Neighbours arp;
    private final IsnGenerator isns;
    private final ConnectionTable connections = new ConnectionTable();
    private final StackStats stats = new StackStats();
    private final IcmpInput icmpInput = new IcmpInput(stats, connections::find);
    private final LinkKind kind;
    /** Null until {@link #enableIpv6}: the stack then drops IPv6 as an unknown EtherType. */
    private Ipv6Side v6;

    private final EthernetFrame frame = new EthernetFrame();
    private final ArpPacket arpView = new ArpPacket();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final TcpSegment tcp = new TcpSegment();
    private final TcpOptions options = new TcpOptions();
    private final byte[] tx = new byte[TCP_AT + 60 + 65535];
    private final SegmentOutput segmentOutput = new FramingOutput(this, tx, TCP_AT);
    /** --report and --events: told of every segment of every connection; null (and never called) otherwise. */
    private SegmentObserver observer;
    private int identification;
    /** What the frame being received carried after its link-layer header. */
    private int ipBytesInFrame;
    private long now;
    /** Set while our address is being probed for, and kept after a conflict: the stack stays silent then. */
    private OwnAddressCheck addressCheck;
    private OwnAddressState ownAddressState = OwnAddressState.UNCHECKED;

    /**
     * @param ownAddress true when the address is ours alone (own-address mode): we answer ARP for it and
     *                   reset stray segments, as a host would. In host-address mode the kernel does both.
     */
    public NetworkStack(Link link, MacAddress mac, Route route, boolean ownAddress, IsnGenerator isns) {
        this(link, LinkKind.ETHERNET, mac, route, ownAddress, isns, ReceiveCoalescing.OFF);
    }

    /** {@code kind}: see {@link LinkKind}; {@code coalescing}: see {@link ReceiveCoalescing}. */
    public NetworkStack(Link link, LinkKind kind, MacAddress mac, Route route, boolean ownAddress, IsnGenerator isns,
                        ReceiveCoalescing coalescing) {
        this.link = link;
        this.kind = kind;
        this.coalescing = coalescing.overLink(kind);
        this.mac = mac.bits();
        this.route = route;
        this.ownAddress = ownAddress;
        this.ethernetHeader = kind.hasEthernetHeader();
        this.isns = isns;
        this.arp = new Neighbours(kind, this.mac, route.localAddress(), ownAddress, (b, length) -> transmit(b, 0, length));
    }

    public int localAddress() {
        return route.localAddress();
    }

    /** Speaks IPv6 too, from {@code route6}'s address, next hops resolved by Neighbor Discovery (Ipv6Side). */
    /** {@code ownAddress6}: the IPv6 address is ours alone (not the kernel's), whatever IPv4's mode. */
    public void enableIpv6(Ipv6Route route6, boolean ownAddress6) {
        v6 = new Ipv6Side(route6, kind, mac, ownAddress6, stats, coalescing, this::transmit, connections);
    }

    public StackStats stats() {
        return stats;
    }

    /** From now on, tells {@code observer} of each segment the connections receive and send (null: nobody). */
    public void observe(SegmentObserver observer) {
        this.observer = observer;
    }

    /** Receives what has arrived, runs ARP and every connection, sends what is due. */
    public void poll(long now) {
        this.now = now;
        if (addressCheck != null) {
            addressCheck.poll(link, now);
            ownAddressState = addressCheck.state();
            if (ownAddressState == OwnAddressState.CLEAR) {
                addressCheck = null;
            }
            return;
        }
        link.receive(this::onFrame);
        arp.poll(now, connections::add);
        if (v6 != null) {
            v6.poll(now, connections::add);
        }
        connections.poll(now, segmentOutput);
    }

    /** When {@link #poll} next has work to do; Long.MAX_VALUE when nothing is scheduled. */
    public long pollAt() {
        if (addressCheck != null) {
            return addressCheck.pollAt();
        }
        long at = v6 == null ? arp.pollAt() : ConnectionTable.earlier(arp.pollAt(), v6.pollAt());
        return connections.pollAt(at);
    }

    /** Whether the route reaches {@code destination}: on-link, or through the gateway when there is one. */
    public boolean hasRouteTo(int destination) {
        return route.nextHop(destination) != 0;
    }

    /** The same for an address of either family; an IPv6 one needs {@link #enableIpv6}. */
    public boolean hasRouteTo(IpAddress destination) {
        return destination instanceof Ipv6Address a ? v6 != null && v6.route().nextHop(a) != null
                : hasRouteTo(((Ipv4Address) destination).bits());
    }

    /**
     * Starts (or continues) resolving a next hop's MAC: returns the MAC bits, or {@link ArpCache#NO_ENTRY} while
     * waiting. Tests that script ARP themselves use it; connections need not ({@link #connect} holds them).
     */
    long resolve(int nextHop, long now) {
        this.now = now;
        return arp.resolve(nextHop, now);
    }

    /** Keeps the next hop's current MAC, whatever later ARP says (what {@link #connect} does for its next hop). */
    void pinNextHop(int nextHop, long mac) {
        arp.pin(nextHop, mac);
    }

    /**
     * Opens a connection. When its next hop's MAC is known the SYN leaves at the next poll; otherwise the stack
     * sends an ARP request now and holds the connection (SYN-SENT, sending nothing) until the reply, or fails it
     * as unreachable when no reply comes ({@link #connectionError} says why). Writes are queued meanwhile.
     *
     * @throws IllegalArgumentException when there is no route to {@code remoteIp} (see {@link #hasRouteTo})
     */
    public TcpConnection connect(TcpConfig config, int localPort, int remoteIp, int remotePort, long now) {
        int nextHop = route.nextHop(remoteIp);
        if (nextHop == 0) {
            throw new IllegalArgumentException("no route to " + Ipv4Address.format(remoteIp));
        }
        this.now = now;
        int iss = isns.isn(route.localAddress(), localPort, remoteIp, remotePort, now);
        TcpConnection c = new TcpConnection(config, route.localAddress(), localPort, remoteIp, remotePort, iss,
                isns.timestampOffset(route.localAddress(), remoteIp));
        c.connect(now);
        if (arp.readyFor(c, nextHop, now)) {
            connections.add(c);
        }
        return c;
    }

    /** {@link #connect(TcpConfig, int, int, int, long)} to either family; over IPv6 through {@link Ipv6Side#connect}. */
    public TcpConnection connect(TcpConfig config, int localPort, IpAddress remote, int remotePort, long now) {
        if (!(remote instanceof Ipv6Address remote6)) {
            return connect(config, localPort, ((Ipv4Address) remote).bits(), remotePort, now);
        }
        if (v6 == null) {
            throw new IllegalArgumentException("no route to " + remote6 + ": no IPv6 here");
        }
        this.now = now;
        return v6.connect(config, localPort, remote6, remotePort, isns, now, connections::add);
    }

    /** True while {@code connection} waits for its next hop's MAC, its SYN not sent yet. */
    public boolean awaitingNeighbour(TcpConnection connection) {
        return arp.isHeld(connection) || v6 != null && v6.neighbours().isHeld(connection);
    }

    /**
     * Why the stack itself failed {@code connection} (its next hop never answered ARP: "no ARP reply from the
     * gateway 198.18.0.254"), or null when it did not; the connection's failure is then UNREACHABLE.
     */
    public String connectionError(TcpConnection connection) {
        String why = arp.failure(connection);
        return why == null && v6 != null ? v6.neighbours().failure(connection) : why;
    }

    /**
     * Own-address mode's start-up step (RFC 5227): {@link #ADDRESS_PROBES} probes for our address 200 ms apart,
     * then 400 ms of listening, driven by {@link #poll} and {@link #pollAt} like everything else. Until it ends the
     * stack only probes and listens: nothing else is received, answered or sent. {@link #ownAddressState} tells
     * the outcome, {@link #ownAddressConflict} who holds the address.
     */
    public void probeOwnAddress(long now) {
        addressCheck = new OwnAddressCheck(mac, route.localAddress(), now);
        ownAddressState = OwnAddressState.PROBING;
    }

    /** {@link #probeOwnAddress} for our IPv6 address: RFC 4862 duplicate address detection (one solicitation, 1 s). */
    public void probeOwnIpv6Address(long now) {
        addressCheck = new OwnAddressCheck(mac, v6.route().localAddress(), now);
        ownAddressState = OwnAddressState.PROBING;
    }

    public OwnAddressState ownAddressState() {
        return ownAddressState;
    }

    /** "198.18.1.50 is already in use by 02:bb:00:00:00:02"; only in {@link OwnAddressState#CONFLICT}. */
    public String ownAddressConflict() {
        return addressCheck.describeConflict();
    }

    private void onFrame(byte[] b, int off, int len) {
        stats.framesIn++;
        if (linkLog.isTraceEnabled() && ethernetHeader) {
            linkLog.trace("In  {}", FrameTrace.describe(b, off, len));
        }
        if (!ethernetHeader) {
            if (len > 0 && (b[off] & 0xF0) == 0x60) {
                onIpv6(b, off, len);
            } else {
                onIpv4(b, off, len);
            }
            return;
        }
        String problem = frame.wrap(b, off, len);
        if (problem != null) {
            if (dropping(linkLog, DropReason.MALFORMED_ETHERNET)) {
                linkLog.debug("drop: {}", problem);
            }
            return;
        }
        long dst = frame.destination();
        if (dst != mac && dst != MacAddress.BROADCAST.bits() && (v6 == null || !v6.acceptsMulticast(dst))) {
            if (dropping(linkLog, DropReason.ETHERNET_NOT_FOR_US)) {
                linkLog.debug("drop: ethernet: to {}, not us", MacAddress.format(dst));
            }
            return;
        }
        switch (frame.etherType()) {
            case EthernetFrame.TYPE_ARP -> onArp(b);
            case EthernetFrame.TYPE_IPV4 -> onIpv4(b, frame.payloadOffset(), frame.payloadLength());
            case EthernetFrame.TYPE_IPV6 -> onIpv6(b, frame.payloadOffset(), frame.payloadLength());
            default -> {
                if (dropping(linkLog, DropReason.UNKNOWN_ETHERTYPE)) {
                    linkLog.debug("drop: ethernet: type {}", EthernetFrame.typeName(frame.etherType()));
                }
            }
        }
    }

    private void onArp(byte[] b) {
        String problem = arpView.wrap(b, frame.payloadOffset(), frame.payloadLength());
        if (problem != null) {
            if (dropping(arpLog, DropReason.MALFORMED_ARP)) {
                arpLog.debug("drop: {}", problem);
            }
            return;
        }
        if (arpLog.isDebugEnabled()) {
            arpLog.debug("In  {}, length {}", arpView.describe(), frame.payloadLength());
        }
        arp.onArp(arpView, now);
    }

    private void onIpv4(byte[] b, int off, int len) {
        ipBytesInFrame = len;
        String problem = ip.wrap(b, off, len);
        if (problem != null) {
            if (dropping(ipLog, DropReason.ofIpv4(problem))) {
                ipLog.debug("drop: {}", problem);
            }
            return;
        }
        if (ip.destination() != route.localAddress()) {
            if (dropping(ipLog, DropReason.IP_NOT_FOR_US)) {
                ipLog.debug("drop: ip: to {}, not us", Ipv4Address.format(ip.destination()));
            }
            return;
        }
        if (ip.isFragment()) {
            if (dropping(ipLog, DropReason.IP_FRAGMENT)) {
                ipLog.debug("drop: ip: fragment (id {}, offset {}); we do not reassemble", ip.identification(),
                        ip.fragmentOffset());
            }
            return;
        }
        switch (ip.protocol()) {
            case Ipv4Packet.PROTOCOL_TCP -> onTcp(b);
            case Ipv4Packet.PROTOCOL_ICMP -> icmpInput.onIcmp(ip, b, now, observer);
            default -> {
                if (dropping(ipLog, DropReason.UNKNOWN_IP_PROTOCOL)) {
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
            if (dropping(tcpLog, DropReason.MALFORMED_TCP)) {
                tcpLog.debug("drop: {}", problem);
            }
            return;
        }
        if (!tcp.checksumValid(ip.source(), ip.destination())) {
            // GRO's super-frames also hold the pseudo-header sum; they are counted as what they are, coalesced.
            if (coalescing.vouchesFor(ip, ipBytesInFrame, tcp)) {
                stats.coalescedSegments++;
            } else if (coalescing.vouchesForPartialChecksum(ip, tcp)) {
                stats.partialChecksumSegments++;
            } else {
                if (dropping(tcpLog, DropReason.TCP_CHECKSUM)) {
                    tcpLog.debug("drop: tcp: bad checksum 0x{}: {}", Integer.toHexString(tcp.checksum()),
                            TcpdumpNotation.segment(ip.source(), ip.destination(), tcp, false, 0, 0));
                }
                return;
            }
        }
        problem = tcp.parseOptions(options);
        if (problem != null) {
            if (dropping(tcpLog, DropReason.MALFORMED_TCP_OPTIONS)) {
                tcpLog.debug("drop: {}: {}", problem, TcpdumpNotation.segment(ip.source(), ip.destination(), tcp, false, 0, 0));
            }
            return;
        }
        TcpConnection c = connections.find(ip.source(), tcp.sourcePort(), tcp.destinationPort());
        if (c == null) {
            // On lo our own segments come back to the capture as received ones, from and to our own address.
            boolean ours = connections.find(ip.destination(), tcp.destinationPort(), tcp.sourcePort()) != null;
            if (dropping(tcpLog, ours ? DropReason.OWN_SEGMENT_LOOPED_BACK : DropReason.NO_CONNECTION)) {
                tcpLog.debug("drop: tcp: {} {}", ours ? "our own segment, looped back:" : "no connection for",
                        TcpdumpNotation.segment(ip.source(), ip.destination(), tcp, false, 0, 0));
            }
            if (ownAddress && !ours && !tcp.has(TcpFlags.RST)) {
                resetStray();
            }
            return;
        }
        deliver(c);
    }

    /** Hands the segment in {@link #tcp} (checksum verified, options parsed) to {@code c}, and acks as due. */
    private void deliver(TcpConnection c) {
        TcpStats counters = c.stats();
        long unusualBefore = counters.unusualSegments();
        boolean holesBefore = c.hasReceiveHoles();
        if (observer != null) {
            observer.segment(c, now, false, tcp, options);
        }
        c.onSegment(tcp, options, now);
        if (observer != null) {
            observer.processed(c, now);
        }
        long due = c.pollAt();
        if (due != Long.MAX_VALUE && due - now <= 0
                && (!plainInOrderData(holesBefore || c.hasReceiveHoles(), counters.unusualSegments() != unusualBefore)
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

    /** The segment just processed was data that extended the in-order stream, and nothing else. */
    private boolean plainInOrderData(boolean holes, boolean unusual) {
        return !holes && !unusual && tcp.payloadLength() > 0 && (tcp.flags() & ~(TcpFlags.ACK | TcpFlags.PSH)) == 0;
    }

    /** RFC 9293 §3.10.7.1: a segment for no connection is answered with a RST (own-address mode only). */
    private void resetStray() {
        int length = StrayReset.emit(tx, TCP_AT, tcp, route.localAddress(), ip.source(), tcpLog.isDebugEnabled() ? tcpLog : null);
        sendIpv4(ip.source(), Ipv4Packet.PROTOCOL_TCP, length);
    }

    /** Wraps the payload at {@link #TCP_AT} of {@link #tx} in IPv4 and Ethernet and sends it; false without a MAC. */
    private boolean sendIpv4(int destination, int protocol, int payloadLength) {
        int nextHop = route.nextHop(destination);
        long dstMac = nextHop == 0 ? ArpCache.NO_ENTRY : arp.resolve(nextHop, now);
        if (dstMac == ArpCache.NO_ENTRY) {
            stats.framesUnsentNoArp++;
            if (ipLog.isDebugEnabled()) {
                ipLog.debug("ip: no MAC yet for next hop {}; packet to {} dropped", Ipv4Address.format(nextHop),
                        Ipv4Address.format(destination));
            }
            return false;
        }
        identification = (identification + 1) & 0xFFFF;
        Ipv4Packet.emitHeader(tx, IP_AT, route.localAddress(), destination, protocol, payloadLength,
                identification, Ipv4Packet.DEFAULT_TTL);
        if (!ethernetHeader) {
            transmit(tx, IP_AT, TCP_AT - IP_AT + payloadLength);
            return true;
        }
        EthernetFrame.emitHeader(tx, FRAME4_AT, dstMac, mac, EthernetFrame.TYPE_IPV4);
        int length = Math.max(MIN_FRAME, TCP_AT - FRAME4_AT + payloadLength);
        if (length > TCP_AT - FRAME4_AT + payloadLength) {
            java.util.Arrays.fill(tx, TCP_AT + payloadLength, FRAME4_AT + length, (byte) 0);
        }
        transmit(tx, FRAME4_AT, length);
        return true;
    }

    private void onIpv6(byte[] b, int off, int len) {
        stats.ipv6FramesIn++;
        TcpConnection c = v6 == null ? null : v6.receive(b, off, len, now, observer, tcp, options);
        if (c != null) {
            deliver(c);
        } else if (v6 == null && dropping(linkLog, DropReason.UNKNOWN_ETHERTYPE)) {
            linkLog.debug("drop: IPv6, which this run does not speak");
        }
    }

    private void transmit(byte[] b, int off, int length) {
        if (linkLog.isTraceEnabled() && ethernetHeader) {
            linkLog.trace("Out {}", FrameTrace.describe(b, off, length));
        }
        link.send(b, off, length);
        stats.framesOut++;
    }

    /**
     * Counts a dropped frame and tells whether to say why. Callers build the reason only when this returns true,
     * so a flood of frames that are not ours costs no strings while DEBUG is off.
     */
    private boolean dropping(Logger log, DropReason reason) {
        stats.count(reason);
        return log.isDebugEnabled();
    }

    /** Frames what {@code from} wrote at {@link #TCP_AT} of {@link #tx} (remoteIp 0: IPv6); false if nothing left. */
    boolean frame(TcpConnection from, int tcpLength) {
        return from.remoteIp() == 0 ? v6.send(tx, TCP_AT, (Ipv6Address) from.remoteAddress(), tcpLength, now)
                : sendIpv4(from.remoteIp(), Ipv4Packet.PROTOCOL_TCP, tcpLength);
    }

    /** Tells --report's observer, if any, of the segment {@code from} just sent. */
    void observeSent(SentSegmentView sent, TcpConnection from, int tcpLength) {
        if (observer != null) {
            sent.observe(observer, tx, TCP_AT, tcpLength, from, now);
        }
    }
}
