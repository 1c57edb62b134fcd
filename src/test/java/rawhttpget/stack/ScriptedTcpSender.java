package rawhttpget.stack;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.TreeMap;
import rawhttpget.arp.ArpPacket;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.ipv6.Icmpv6Message;
import rawhttpget.ipv6.Ipv6Packet;
import rawhttpget.ndp.NdpEmit;
import rawhttpget.ndp.NdpMessage;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.ipv4.Ipv4Packet;
import rawhttpget.link.MemoryLink;
import rawhttpget.tcp.SeqNum;
import rawhttpget.tcp.TcpFlags;
import rawhttpget.tcp.TcpOptions;
import rawhttpget.tcp.TcpSegment;

/**
 * A small in-memory TCP server for tests: it answers ARP, accepts one connection, reads a request of a known
 * length, then sends a fixed body and a FIN like a simple Reno sender with a SACK scoreboard: slow start and
 * congestion avoidance, fast retransmit after three duplicate ACKs or three segments' worth of SACKed data,
 * retransmission of the holes the receiver's SACK blocks show, go-back-N on a retransmission timeout with
 * exponential backoff, zero-window probes. It is written independently of the stack under test, from the
 * RFCs, so that the two disagree loudly when either is wrong. Time is an argument; it reads no clock.
 *
 * <p>It checks the peer too: every frame's IPv4 and TCP checksums are verified (a corrupted frame is dropped,
 * as a kernel would), and {@link #violations} collects what a correct receiver must never do: acknowledge
 * data that was never sent, move the right edge of its window left (by a scale unit or more), send a SACK
 * block outside what was sent, or reset the connection.
 */
final class ScriptedTcpSender {
    private static final long MS = 1_000_000L;
    private static final long MIN_RTO = 200 * MS;
    private static final long MAX_RTO = 60_000 * MS;
    private static final int OUR_SHIFT = 7;

    private final MemoryLink link;
    private final long mac;
    private final int ip;
    private final int port;
    private final byte[] body;
    private final int requestLength;
    private final int mss;

    private final EthernetFrame frame = new EthernetFrame();
    private final ArpPacket arp = new ArpPacket();
    private final Ipv4Packet ipv4 = new Ipv4Packet();
    private final TcpSegment seg = new TcpSegment();
    private final TcpOptions in = new TcpOptions();
    private final TcpOptions out = new TcpOptions();
    private final byte[] tx = new byte[14 + 40 + 60 + 65535];
    private int ipId;
    /** With {@link #speakIpv6}: our IPv6 address, and the peer's once its SYN came over IPv6. */
    private Ipv6Address ip6;
    private Ipv6Address peer6;
    private final Ipv6Packet ipv6 = new Ipv6Packet();
    private final Icmpv6Message icmpv6 = new Icmpv6Message();
    private final NdpMessage ndp = new NdpMessage();
    private boolean arrivedOverIpv6;
    private int lastEdgeTsVal;
    private boolean edgeTsValSeen;

    // The peer, learned from its first frames.
    private long peerMac;
    private int peerIp;
    private int peerPort;
    private boolean synReceived;
    private boolean established;
    private int irs;
    private int peerShift;
    private boolean sack;
    private boolean timestamps;
    private int tsRecent;
    private int peerMss = 536;

    // Receive side: the request, then the peer's FIN.
    private final ByteArrayOutputStream request = new ByteArrayOutputStream();
    private boolean peerFin;
    private boolean ackDue;

    // Send side, in stream offsets: 0 is the first body byte, body.length is the FIN.
    private final int iss;
    private long una;
    private long nxt;
    private long max;
    private long peerWindowEdge;
    private long latestEdge;
    private int lastEdgeIpId = -1;
    private long peerWindow;
    private long cwnd;
    private long ssthresh = Long.MAX_VALUE;
    private int dupAcks;
    private boolean inRecovery;
    private long recover;
    /** Holes below this offset were already resent in the current recovery. */
    private long resentUpTo;
    private final TreeMap<Long, Long> sacked = new TreeMap<>();
    private boolean synAckDue;
    private long synAckSentAt = -1;

    // RTO (RFC 6298), sampled with timestamps.
    private long srtt = -1;
    private long rttvar;
    private long rto = 1_000 * MS;
    private long rtoAt = Long.MAX_VALUE;
    private long persistAt = Long.MAX_VALUE;
    private int backoff;

    private final StringBuilder violations = new StringBuilder();
    int segmentsSent;
    int retransmissions;
    int timeouts;
    int fastRetransmits;
    int badChecksums;
    int zeroWindowProbes;
    long largestPeerWindow;

    ScriptedTcpSender(MemoryLink link, long mac, int ip, int port, byte[] body, int requestLength, int mss, int iss) {
        this.link = link;
        this.mac = mac;
        this.ip = ip;
        this.port = port;
        this.body = body;
        this.requestLength = requestLength;
        this.mss = mss;
        this.iss = iss;
    }

    /** Serves over IPv6 too, at {@code address}, answering Neighbor Solicitations for it. */
    ScriptedTcpSender speakIpv6(Ipv6Address address) {
        this.ip6 = address;
        return this;
    }

    /** The request bytes received so far. */
    byte[] request() {
        return request.toByteArray();
    }

    /** Both FINs exchanged and ours acknowledged. */
    boolean finished() {
        return peerFin && una == body.length + 1;
    }

    String violations() {
        return violations.toString();
    }

    String describe() {
        return "sender: una " + una + "/" + body.length + ", cwnd " + cwnd + ", ssthresh " + ssthresh + ", rto " + rto / MS
                + " ms, sent " + segmentsSent + ", retransmissions " + retransmissions + ", timeouts " + timeouts
                + ", fast retransmits " + fastRetransmits + ", bad checksums " + badChecksums + ", probes "
                + zeroWindowProbes;
    }

    /** Reads every waiting frame, then sends what is due. */
    void poll(long now) {
        byte[] f;
        while ((f = link.poll()) != null) {
            onFrame(f, now);
        }
        if (rtoAt != Long.MAX_VALUE && now - rtoAt >= 0) {
            onTimeout(now);
        }
        if (persistAt != Long.MAX_VALUE && now - persistAt >= 0) {
            persistAt = Long.MAX_VALUE;
            if (nxt == una && peerWindowEdge <= nxt && nxt < body.length) {
                // RFC 9293 §3.8.6.1: one byte past a zero window; the RTO resends it until the window opens.
                zeroWindowProbes++;
                sendData(nxt, 1, now);
                nxt++;
            }
        }
        transmit(now);
    }

    long pollAt() {
        return ackDue || synAckDue ? 0 : Math.min(rtoAt, persistAt);
    }

    // ------------------------------------------------------------------ arrivals

    private void onFrame(byte[] f, long now) {
        if (frame.wrap(f, 0, f.length) != null) {
            return;
        }
        if (frame.etherType() == EthernetFrame.TYPE_ARP) {
            if (arp.wrap(f, frame.payloadOffset(), frame.payloadLength()) == null
                    && arp.operation() == ArpPacket.OP_REQUEST && arp.targetIp() == ip) {
                int at = EthernetFrame.emitHeader(tx, 0, arp.senderMac(), mac, EthernetFrame.TYPE_ARP);
                ArpPacket.emit(tx, at, ArpPacket.OP_REPLY, mac, ip, arp.senderMac(), arp.senderIp());
                link.send(tx, 0, 60);
            }
            return;
        }
        if (frame.etherType() == EthernetFrame.TYPE_IPV6 && ip6 != null) {
            onIpv6(f, now);
            return;
        }
        if (frame.etherType() != EthernetFrame.TYPE_IPV4 || frame.destination() != mac) {
            return;
        }
        if (ipv4.wrap(f, frame.payloadOffset(), frame.payloadLength()) != null) {
            badChecksums++;
            return;
        }
        if (ipv4.destination() != ip || ipv4.protocol() != Ipv4Packet.PROTOCOL_TCP) {
            return;
        }
        if (seg.wrap(f, ipv4.payloadOffset(), ipv4.payloadLength()) != null
                || !seg.checksumValid(ipv4.source(), ipv4.destination())) {
            badChecksums++;
            return;
        }
        if (seg.destinationPort() != port || seg.parseOptions(in) != null) {
            return;
        }
        if (synReceived && (peer6 != null || ipv4.source() != peerIp || seg.sourcePort() != peerPort)) {
            return;
        }
        arrivedOverIpv6 = false;
        onSegment(now);
        peerMac = frame.source();
    }

    private void onIpv6(byte[] f, long now) {
        if (ipv6.wrap(f, frame.payloadOffset(), frame.payloadLength()) != null) {
            return;
        }
        if (ipv6.upperLayerProtocol() == Ipv6Packet.NEXT_HEADER_ICMPV6) {
            if (icmpv6.wrap(ipv6) != null) {
                badChecksums++;
            } else if (ndp.wrap(ipv6, icmpv6) == null && ndp.type() == Icmpv6Message.TYPE_NEIGHBOR_SOLICITATION
                    && ndp.target().equals(ip6)) {
                int at = EthernetFrame.emitHeader(tx, 0, frame.source(), mac, EthernetFrame.TYPE_IPV6);
                link.send(tx, 0, at + NdpEmit.neighborAdvertisement(tx, at, ip6, ipv6.source(), mac));
            }
            return;
        }
        if (frame.destination() != mac || !ipv6.destination().equals(ip6)
                || ipv6.upperLayerProtocol() != Ipv6Packet.NEXT_HEADER_TCP) {
            return;
        }
        int length = ipv6.upperLayerLength();
        if (seg.wrap(f, ipv6.upperLayerOffset(), length) != null
                || !seg.checksumValid(ipv6.pseudoHeaderSum(Ipv6Packet.NEXT_HEADER_TCP, length))) {
            badChecksums++;
            return;
        }
        if (seg.destinationPort() != port || seg.parseOptions(in) != null) {
            return;
        }
        if (synReceived && (!ipv6.source().equals(peer6) || seg.sourcePort() != peerPort)) {
            return;
        }
        arrivedOverIpv6 = true;
        onSegment(now);
        peerMac = frame.source();
    }

    private void onSegment(long now) {
        if (seg.has(TcpFlags.RST)) {
            violations.append("peer sent RST at seq ").append(seg.seq()).append('\n');
            return;
        }
        if (seg.has(TcpFlags.SYN)) {
            if (!synReceived) {
                synReceived = true;
                peerIp = arrivedOverIpv6 ? 0 : ipv4.source();
                peer6 = arrivedOverIpv6 ? ipv6.source() : null;
                peerPort = seg.sourcePort();
                irs = seg.seq();
                peerShift = Math.max(in.windowScale, 0);
                sack = in.sackPermitted;
                timestamps = in.hasTimestamp;
                peerMss = in.mss > 0 ? in.mss : 536;
                peerWindow = seg.window();
                peerWindowEdge = peerWindow;
            }
            if (timestamps) {
                tsRecent = in.tsVal;
            }
            synAckDue = true;
            return;
        }
        if (!synReceived || !seg.has(TcpFlags.ACK)) {
            return;
        }
        if (timestamps && in.hasTimestamp && in.tsVal - tsRecent > 0) {
            tsRecent = in.tsVal;
        }
        onAckField(now);
        onData();
    }

    private void onData() {
        int rcvNxt = irs + 1 + request.size();
        int len = seg.payloadLength();
        if (len > 0) {
            ackDue = true;
            if (seg.seq() == rcvNxt && request.size() + len <= requestLength) {
                request.write(seg.buffer(), seg.payloadOffset(), len);
            } else if (SeqNum.lt(seg.seq(), rcvNxt) && SeqNum.gt(seg.seq() + len, rcvNxt)) {
                int skip = SeqNum.diff(rcvNxt, seg.seq());
                request.write(seg.buffer(), seg.payloadOffset() + skip, len - skip);
            }
        }
        if (seg.has(TcpFlags.FIN)) {
            ackDue = true;
            if (seg.seq() + len == irs + 1 + request.size()) {
                peerFin = true;
            }
        }
    }

    private void onAckField(long now) {
        long ack = Integer.toUnsignedLong(seg.ack() - (iss + 1));
        if (seg.ack() == iss) {
            ack = -1; // acknowledges nothing beyond the SYN's predecessor
        }
        if (seg.ack() == iss + 1 && !established) {
            established = true;
            synAckDue = false;
            if (synAckSentAt >= 0) {
                sampleRtt(now - synAckSentAt);
            }
            cwnd = 10L * segmentSize();
        }
        if (!established) {
            return;
        }
        if (ack > max || ack < 0 && max > 0) {
            violations.append("ACK ").append(ack).append(" for data never sent (highest ").append(max).append(")\n");
            return;
        }
        long window = (long) seg.window() << peerShift;
        long edge = Math.max(ack, 0) + window;
        // The path may reorder ACKs; the peer's IPv4 identification tells the order it sent them in.
        // IPv6 has no identification: a later TSval (a later millisecond) says the same, less finely.
        boolean newest = arrivedOverIpv6
                ? in.hasTimestamp && (!edgeTsValSeen || in.tsVal - lastEdgeTsVal > 0)
                : lastEdgeIpId < 0 || (short) (ipv4.identification() - lastEdgeIpId) > 0;
        if (newest) {
            // RFC 7323 §2.4: with a scale factor the edge may seem to retract by less than one unit, from
            // rounding; more than that is a shrunken window.
            if (latestEdge - edge >= 1L << peerShift) {
                violations.append("window right edge moved left: ").append(latestEdge).append(" -> ").append(edge)
                        .append('\n');
            }
            latestEdge = edge;
            if (arrivedOverIpv6) {
                lastEdgeTsVal = in.tsVal;
                edgeTsValSeen = true;
            } else {
                lastEdgeIpId = ipv4.identification();
            }
        }
        if (ack >= una) {
            peerWindowEdge = Math.max(peerWindowEdge, edge);
            peerWindow = window;
            largestPeerWindow = Math.max(largestPeerWindow, window);
        }
        if (sack) {
            readSackBlocks(ack);
        }
        if (timestamps && in.hasTimestamp && in.tsEcr != 0 && ack > una) {
            sampleRtt(now - tsEcrTime(in.tsEcr));
        }
        if (ack > una) {
            long acked = ack - una;
            una = ack;
            sacked.headMap(una, false).clear();
            trimSackedBelow(una);
            backoff = 0;
            if (inRecovery) {
                if (una >= recover) {
                    inRecovery = false;
                    cwnd = ssthresh;
                } else {
                    // RFC 6582: a partial ACK shows the next hole; resend it at once.
                    resend(una, now);
                }
            } else if (cwnd < ssthresh) {
                cwnd += Math.min(acked, segmentSize());
            } else {
                cwnd += Math.max(1, (long) segmentSize() * segmentSize() / cwnd);
            }
            dupAcks = 0;
            rtoAt = una < max ? now + currentRto() : Long.MAX_VALUE;
            if (nxt < una) {
                nxt = una;
            }
            return;
        }
        boolean duplicate = ack == una && una < max && seg.payloadLength() == 0 && !seg.has(TcpFlags.FIN);
        if (!duplicate) {
            return;
        }
        dupAcks++;
        if (!inRecovery && (dupAcks >= 3 || sackedBytes() >= 3L * segmentSize())) {
            fastRetransmits++;
            inRecovery = true;
            recover = max;
            ssthresh = Math.max((max - una) / 2, 2L * segmentSize());
            cwnd = ssthresh;
            resentUpTo = una;
            resend(una, now);
        }
    }

    /** When the segment whose TSval the peer echoes left: our TSval is the time in ms, plus one. */
    private static long tsEcrTime(int tsEcr) {
        return (long) (tsEcr - 1) * MS;
    }

    private void readSackBlocks(long ack) {
        for (int i = 0; i < in.sackBlockCount; i++) {
            long start = Integer.toUnsignedLong(in.sackBlocks[2 * i] - (iss + 1));
            long end = Integer.toUnsignedLong(in.sackBlocks[2 * i + 1] - (iss + 1));
            if (end <= ack && i == 0) {
                continue; // D-SACK of data already acknowledged (RFC 2883: only the first block may be one)
            }
            if (start >= end || end > max || start < ack && i > 0) {
                violations.append("SACK block [").append(start).append(", ").append(end).append(") outside (")
                        .append(ack).append(", ").append(max).append("]\n");
                continue;
            }
            if (start < ack) {
                continue; // a D-SACK block overlapping the cumulative ACK
            }
            addSacked(start, end);
        }
    }

    private void addSacked(long start, long end) {
        Map.Entry<Long, Long> before = sacked.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        Map.Entry<Long, Long> next;
        while ((next = sacked.ceilingEntry(start)) != null && next.getKey() <= end) {
            end = Math.max(end, next.getValue());
            sacked.remove(next.getKey());
        }
        sacked.put(start, end);
    }

    private void trimSackedBelow(long offset) {
        Map.Entry<Long, Long> first = sacked.firstEntry();
        if (first != null && first.getKey() < offset) {
            sacked.remove(first.getKey());
            if (first.getValue() > offset) {
                sacked.put(offset, first.getValue());
            }
        }
    }

    private long sackedBytes() {
        long n = 0;
        for (Map.Entry<Long, Long> e : sacked.entrySet()) {
            n += e.getValue() - e.getKey();
        }
        return n;
    }

    private void sampleRtt(long r) {
        if (r <= 0) {
            return;
        }
        if (srtt < 0) {
            srtt = r;
            rttvar = r / 2;
        } else {
            rttvar = (3 * rttvar + Math.abs(srtt - r)) / 4;
            srtt = (7 * srtt + r) / 8;
        }
        rto = Math.min(MAX_RTO, Math.max(MIN_RTO, srtt + 4 * rttvar));
    }

    private long currentRto() {
        return Math.min(MAX_RTO, rto << Math.min(backoff, 10));
    }

    private void onTimeout(long now) {
        timeouts++;
        backoff++;
        if (!established) {
            synAckDue = synReceived;
            rtoAt = Long.MAX_VALUE;
            return;
        }
        ssthresh = Math.max((max - una) / 2, 2L * segmentSize());
        cwnd = segmentSize();
        inRecovery = false;
        dupAcks = 0;
        sacked.clear(); // RFC 2018 §8: the receiver may renege, so SACKed data is sent again after a timeout
        nxt = una;
        rtoAt = now + currentRto();
    }

    // ------------------------------------------------------------------ transmission

    private int segmentSize() {
        return Math.min(mss, peerMss) - (timestamps ? 12 : 0);
    }

    private void transmit(long now) {
        if (synAckDue) {
            synAckDue = false;
            out.clear();
            out.mss = mss;
            if (sack) {
                out.sackPermitted = true;
            }
            if (in.windowScale >= 0 || peerShift > 0) {
                out.windowScale = OUR_SHIFT;
            }
            addTimestamp(now);
            emit(TcpFlags.SYN | TcpFlags.ACK, iss, 65535, 0, 0);
            synAckSentAt = synAckSentAt < 0 ? now : -2;
            rtoAt = now + currentRto();
            return;
        }
        if (!established) {
            return;
        }
        boolean requestComplete = request.size() >= requestLength;
        if (requestComplete) {
            if (inRecovery) {
                resendHoles(now);
            }
            sendNew(now);
            if (nxt == una && peerWindowEdge <= nxt && nxt < body.length && persistAt == Long.MAX_VALUE) {
                persistAt = now + currentRto();
            }
        }
        if (ackDue) {
            out.clear();
            addTimestamp(now);
            emit(TcpFlags.ACK, seqOf(nxt), ourWindow(), 0, 0);
        }
    }

    /** RFC 6675, simplified: resend each hole below the highest SACKed byte once, while the pipe allows. */
    private void resendHoles(long now) {
        Map.Entry<Long, Long> last = sacked.lastEntry();
        if (last == null) {
            return;
        }
        long from = Math.max(resentUpTo, una);
        while (pipe() < cwnd) {
            Map.Entry<Long, Long> covering = sacked.floorEntry(from);
            if (covering != null && covering.getValue() > from) {
                from = covering.getValue();
            }
            if (from >= last.getKey()) {
                return;
            }
            Long nextSacked = sacked.ceilingKey(from);
            long holeEnd = nextSacked == null ? last.getKey() : nextSacked;
            int len = (int) Math.min(segmentSize(), holeEnd - from);
            sendData(from, len, now);
            retransmissions++;
            from += len;
            resentUpTo = from;
        }
    }

    private long pipe() {
        return Math.max(0, nxt - una - sackedBytes());
    }

    private void sendNew(long now) {
        while (nxt < body.length) {
            long room = Math.min(cwnd - pipe(), peerWindowEdge - nxt);
            int len = (int) Math.min(Math.min(segmentSize(), body.length - nxt), room);
            if (len <= 0 || len < segmentSize() && len < body.length - nxt && pipe() > 0) {
                return; // sender-side silly window avoidance: no runt while data is in flight
            }
            if (nxt < max) {
                retransmissions++;
            }
            sendData(nxt, len, now);
            nxt += len;
        }
        if (nxt == body.length && peerWindowEdge >= nxt) {
            out.clear();
            addTimestamp(now);
            emit(TcpFlags.FIN | TcpFlags.ACK, seqOf(nxt), ourWindow(), 0, 0);
            if (nxt + 1 <= max) {
                retransmissions++;
            }
            nxt++;
            max = Math.max(max, nxt);
            if (rtoAt == Long.MAX_VALUE) {
                rtoAt = now + currentRto();
            }
        }
    }

    private void resend(long offset, long now) {
        if (offset >= body.length) {
            out.clear();
            addTimestamp(now);
            emit(TcpFlags.FIN | TcpFlags.ACK, seqOf(body.length), ourWindow(), 0, 0);
            retransmissions++;
            return;
        }
        int len = (int) Math.min(segmentSize(), body.length - offset);
        sendData(offset, len, now);
        retransmissions++;
        resentUpTo = Math.max(resentUpTo, offset + len);
    }

    private void sendData(long offset, int len, long now) {
        out.clear();
        addTimestamp(now);
        emit(TcpFlags.ACK | TcpFlags.PSH, seqOf(offset), ourWindow(), (int) offset, len);
        max = Math.max(max, offset + len);
        if (rtoAt == Long.MAX_VALUE) {
            rtoAt = now + currentRto();
        }
    }

    private int seqOf(long offset) {
        return iss + 1 + (int) offset;
    }

    private int ourWindow() {
        return 65535 >> 1; // we take little data: the request and a FIN
    }

    private void addTimestamp(long now) {
        if (timestamps) {
            out.hasTimestamp = true;
            out.tsVal = ourTsClock(now);
            out.tsEcr = tsRecent;
        }
    }

    private int ourTsClock(long now) {
        return (int) (now / MS) + 1;
    }

    private void emit(int flags, int seq, int window, int bodyOffset, int len) {
        int tcpAt = peer6 != null ? 14 + 40 : 14 + 20;
        int ack = (flags & TcpFlags.ACK) != 0 ? irs + 1 + request.size() + (peerFin ? 1 : 0) : 0;
        int payloadAt = TcpSegment.emitHeader(tx, tcpAt, port, peerPort, seq, ack, flags, window, out);
        System.arraycopy(body, bodyOffset, tx, payloadAt, len);
        int tcpLength = payloadAt - tcpAt + len;
        if (peer6 != null) {
            TcpSegment.fillChecksum(tx, tcpAt, tcpLength, ip6.checksumWords() + peer6.checksumWords());
            Ipv6Packet.emitHeader(tx, 14, 0, tcpLength, Ipv6Packet.NEXT_HEADER_TCP, 64, ip6, peer6);
            EthernetFrame.emitHeader(tx, 0, peerMac, mac, EthernetFrame.TYPE_IPV6);
        } else {
            TcpSegment.fillChecksum(tx, tcpAt, tcpLength, ip, peerIp);
            Ipv4Packet.emitHeader(tx, 14, ip, peerIp, Ipv4Packet.PROTOCOL_TCP, tcpLength, ipId++ & 0xFFFF, 64);
            EthernetFrame.emitHeader(tx, 0, peerMac, mac, EthernetFrame.TYPE_IPV4);
        }
        link.send(tx, 0, Math.max(60, tcpAt + tcpLength));
        segmentsSent++;
        if ((flags & TcpFlags.ACK) != 0) {
            ackDue = false;
        }
    }
}
