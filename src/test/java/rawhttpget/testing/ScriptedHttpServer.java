package rawhttpget.testing;

import rawhttpget.arp.ArpPacket;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.ipv4.Ipv4Packet;
import rawhttpget.ipv6.Icmpv6Message;
import rawhttpget.ipv6.Ipv6Packet;
import rawhttpget.ndp.NdpEmit;
import rawhttpget.ndp.NdpMessage;
import rawhttpget.link.MemoryLink;
import rawhttpget.tcp.SeqNum;
import rawhttpget.tcp.TcpFlags;
import rawhttpget.tcp.TcpOptions;
import rawhttpget.tcp.TcpSegment;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP server's host on the far end of a {@link MemoryLink}, for whole downloads in unit tests: it answers ARP
 * for its address, accepts successive TCP connections on its port, reads each request's head, and answers the
 * n-th request with the n-th {@link Reply} of its script. Its TCP is the least that serves a lossless in-order
 * cable, written from RFC 9293 apart from the stack under test: no options but MSS (so no window scaling), data
 * sent within the peer's window, every segment from the peer acknowledged at once, no timers. Time is an argument;
 * it reads no clock. With {@link #speakIpv6} it serves over IPv6 too, answering Neighbor Solicitations for its
 * IPv6 address.
 */
public final class ScriptedHttpServer {
    private static final int TCP_AT = EthernetFrame.HEADER_LENGTH + 20;
    private static final int TCP6_AT = EthernetFrame.HEADER_LENGTH + Ipv6Packet.HEADER_LENGTH;
    private static final int MSS = 1460;
    private static final int WINDOW = 65535;

    /**
     * What the server does with one request: send {@code bytes}, then a FIN, or a RST once they are acknowledged;
     * or, {@code silent}, nothing at all (it still acknowledges what arrives); or, {@code keepOpen}, nothing after
     * the bytes: the connection waits for the next request, which gets the script's next reply.
     */
    public record Reply(byte[] bytes, boolean reset, boolean silent, boolean keepOpen) {
        public Reply(byte[] bytes, boolean reset, boolean silent) {
            this(bytes, reset, silent, false);
        }

        /** A whole response: status line, header fields, the blank line and the body, as written. */
        public static Reply respond(String response) {
            return new Reply(response.getBytes(StandardCharsets.ISO_8859_1), false, false);
        }

        /** A whole response, after which the connection stays open for another request. */
        public static Reply keepOpen(String response) {
            return new Reply(response.getBytes(StandardCharsets.ISO_8859_1), false, false, true);
        }

        /** {@code response} as far as it goes, then a reset: the connection breaks mid-body. */
        public static Reply resetAfter(String response) {
            return new Reply(response.getBytes(StandardCharsets.ISO_8859_1), true, false);
        }

        /** The server closes its side without a byte of response. */
        public static Reply close() {
            return respond("");
        }

        /** The server never answers, nor closes. */
        public static Reply silence() {
            return new Reply(new byte[0], false, true);
        }
    }

    private final MemoryLink link;
    private final long mac;
    private final int ip;
    private final int port;
    private final List<Reply> script;
    private final List<String> requests = new ArrayList<>();
    private final Map<Integer, Connection> connections = new HashMap<>();
    private final EthernetFrame frame = new EthernetFrame();
    private final ArpPacket arp = new ArpPacket();
    private final Ipv4Packet ipv4 = new Ipv4Packet();
    private final TcpSegment seg = new TcpSegment();
    private final TcpOptions options = new TcpOptions();
    private final Ipv6Packet ipv6 = new Ipv6Packet();
    private final Icmpv6Message icmpv6 = new Icmpv6Message();
    private final NdpMessage ndp = new NdpMessage();
    private final byte[] tx = new byte[TCP6_AT + 60 + MSS];
    private Ipv6Address ip6;
    private boolean answerSolicitations = true;
    private boolean blackHoledIpv6;
    private int ipId;
    private int nextIss = 0x4000_0000;
    private int refusalsLeft;
    private int accepted;
    /** Set by {@link #serveFile}: every request is answered from this body instead of the script. */
    private byte[] file;
    private boolean answersRanges;
    private Map<String, byte[]> files;
    private final Map<String, String> redirects = new HashMap<>();
    private final Map<Integer, Integer> resetsAfterBody = new HashMap<>();

    public ScriptedHttpServer(MemoryLink link, long mac, int ip, int port, List<Reply> script) {
        this.link = link;
        this.mac = mac;
        this.ip = ip;
        this.port = port;
        this.script = List.copyOf(script);
    }

    /** Serves over IPv6 too, at {@code address}. */
    public ScriptedHttpServer speakIpv6(Ipv6Address address) {
        this.ip6 = address;
        return this;
    }

    /** IPv6 segments are dropped unanswered (a black-holed path), Neighbor Discovery still answered. */
    public void blackHoleIpv6Tcp() {
        blackHoledIpv6 = true;
    }

    /** Whether Neighbor Solicitations for our IPv6 address are answered (a host that is down answers none). */
    public void answerSolicitations(boolean answer) {
        answerSolicitations = answer;
    }

    /** The next {@code count} connections are refused (a RST to the SYN), as by a host where nothing listens yet. */
    public void refuseConnections(int count) {
        refusalsLeft = count;
    }

    /**
     * Answers every request from {@code body} instead of the script, keeping each connection open: with
     * {@code answersRanges}, a {@code Range: bytes=A-B} (or {@code A-}) gets a 206 with its Content-Range (as nginx),
     * else the whole body in a 200 whatever the request asks (as a server without range support).
     */
    public void serveFile(byte[] body, boolean answersRanges) {
        this.file = body.clone();
        this.answersRanges = answersRanges;
    }

    /** As {@link #serveFile}, with each path its own body; any other path gets a 404. */
    public void serveFiles(Map<String, byte[]> bodies, boolean answersRanges) {
        this.files = new HashMap<>(bodies);
        this.file = new byte[0];
        this.answersRanges = answersRanges;
    }

    /** With {@link #serveFiles}: a request for {@code path} gets a 302 to {@code location}. */
    public void redirect(String path, String location) {
        redirects.put(path, location);
    }

    /** The answer to request {@code requestNumber} (from 1) of {@link #serveFile} stops after {@code bodyBytes}: a reset. */
    public void resetResponse(int requestNumber, int bodyBytes) {
        resetsAfterBody.put(requestNumber, bodyBytes);
    }

    /**
     * Go-back-N: every connection sends again what the peer has not acknowledged (its SYN-ACK too), as a sender
     * whose retransmission timer fired; the test calls it when the path may have lost something.
     */
    public void retransmitUnacknowledged() {
        for (Connection c : connections.values()) {
            c.goBack();
        }
    }

    private Reply fileReply(String head, int requestNumber) {
        byte[] file = this.file;
        if (files != null) {
            String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
            if (redirects.containsKey(path)) {
                return Reply.keepOpen("HTTP/1.1 302 Found\r\nLocation: " + redirects.get(path)
                        + "\r\nContent-Length: 0\r\n\r\n");
            }
            file = files.get(path);
            if (file == null) {
                return Reply.keepOpen("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
            }
        }
        long first = -1;
        long last = -1;
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Range: bytes=", 0, 13)) {
                String spec = line.substring(13).trim();
                int dash = spec.indexOf('-');
                first = Long.parseLong(spec.substring(0, dash));
                last = dash == spec.length() - 1 ? file.length - 1 : Math.min(Long.parseLong(spec.substring(dash + 1)),
                        file.length - 1);
            }
        }
        String response;
        int from;
        int to;
        if (answersRanges && first >= 0 && first < file.length) {
            from = (int) first;
            to = (int) last + 1;
            response = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + first + "-" + last + "/" + file.length
                    + "\r\nContent-Length: " + (to - from) + "\r\nAccept-Ranges: bytes\r\n\r\n";
        } else {
            from = 0;
            to = file.length;
            response = "HTTP/1.1 200 OK\r\nContent-Length: " + file.length + "\r\n\r\n";
        }
        Integer cut = resetsAfterBody.get(requestNumber);
        if (cut != null) {
            to = Math.min(to, from + cut);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(response.getBytes(StandardCharsets.ISO_8859_1));
        out.write(file, from, to - from);
        return new Reply(out.toByteArray(), cut != null, false, cut == null);
    }

    /** How many connections the server accepted (SYNs from distinct ports, refused ones not counted). */
    public int connectionsAccepted() {
        return accepted;
    }

    /** The head of every request received so far, in order, as sent (CRLFs included). */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Reads every frame waiting, then sends what is due. */
    public void serve() {
        byte[] f;
        while ((f = link.poll()) != null) {
            onFrame(f);
        }
        for (Connection c : connections.values()) {
            c.transmit();
        }
        connections.values().removeIf(c -> c.closed);
    }

    private void onFrame(byte[] f) {
        if (frame.wrap(f, 0, f.length) != null) {
            return;
        }
        if (frame.etherType() == EthernetFrame.TYPE_ARP) {
            onArp();
        } else if (frame.etherType() == EthernetFrame.TYPE_IPV4 && frame.destination() == mac) {
            onIpv4();
        } else if (frame.etherType() == EthernetFrame.TYPE_IPV6 && ip6 != null) {
            onIpv6();
        }
    }

    private void onIpv6() {
        if (ipv6.wrap(frame.buffer(), frame.payloadOffset(), frame.payloadLength()) != null) {
            return;
        }
        if (ipv6.upperLayerProtocol() == Ipv6Packet.NEXT_HEADER_ICMPV6) {
            if (icmpv6.wrap(ipv6) == null && ndp.wrap(ipv6, icmpv6) == null
                    && ndp.type() == Icmpv6Message.TYPE_NEIGHBOR_SOLICITATION && ndp.target().equals(ip6)
                    && answerSolicitations) {
                byte[] reply = new byte[EthernetFrame.HEADER_LENGTH + NdpEmit.WITH_LINK_LAYER_ADDRESS];
                EthernetFrame.emitHeader(reply, 0, frame.source(), mac, EthernetFrame.TYPE_IPV6);
                NdpEmit.neighborAdvertisement(reply, EthernetFrame.HEADER_LENGTH, ip6, ipv6.source(), mac);
                link.send(reply, 0, reply.length);
            }
            return;
        }
        int length = ipv6.upperLayerLength();
        if (blackHoledIpv6 || frame.destination() != mac || !ipv6.destination().equals(ip6)
                || ipv6.upperLayerProtocol() != Ipv6Packet.NEXT_HEADER_TCP
                || seg.wrap(frame.buffer(), ipv6.upperLayerOffset(), length) != null
                || !seg.checksumValid(ipv6.pseudoHeaderSum(Ipv6Packet.NEXT_HEADER_TCP, length))
                || seg.destinationPort() != port || seg.parseOptions(options) != null) {
            return;
        }
        accept(ipv6.source(), 0);
    }

    private void onArp() {
        if (arp.wrap(frame.buffer(), frame.payloadOffset(), frame.payloadLength()) != null
                || arp.operation() != ArpPacket.OP_REQUEST || arp.targetIp() != ip) {
            return;
        }
        byte[] reply = new byte[EthernetFrame.HEADER_LENGTH + ArpPacket.LENGTH];
        EthernetFrame.emitHeader(reply, 0, arp.senderMac(), mac, EthernetFrame.TYPE_ARP);
        ArpPacket.emit(reply, EthernetFrame.HEADER_LENGTH, ArpPacket.OP_REPLY, mac, ip, arp.senderMac(), arp.senderIp());
        link.send(reply, 0, reply.length);
    }

    private void onIpv4() {
        if (ipv4.wrap(frame.buffer(), frame.payloadOffset(), frame.payloadLength()) != null
                || ipv4.destination() != ip || ipv4.protocol() != Ipv4Packet.PROTOCOL_TCP
                || seg.wrap(frame.buffer(), ipv4.payloadOffset(), ipv4.payloadLength()) != null
                || !seg.checksumValid(ipv4.source(), ipv4.destination())
                || seg.destinationPort() != port || seg.parseOptions(options) != null) {
            return;
        }
        accept(null, ipv4.source());
    }

    /** The segment in {@link #seg} from {@code peer6} (IPv6) or {@code peerIp} (IPv4). */
    private void accept(Ipv6Address peer6, int peerIp) {
        Connection c = connections.get(seg.sourcePort());
        if (c == null) {
            if (!seg.has(TcpFlags.SYN) || seg.has(TcpFlags.ACK) || seg.has(TcpFlags.RST)) {
                return;
            }
            c = new Connection(frame.source(), peer6, peerIp, seg.sourcePort(), seg.seq(), nextIss);
            nextIss += 0x0100_0000;
            if (refusalsLeft > 0) {
                refusalsLeft--;
                c.emit(TcpFlags.RST | TcpFlags.ACK, 0, 0, 0, null);
                return;
            }
            connections.put(seg.sourcePort(), c);
            accepted++;
        }
        c.onSegment();
    }

    /** One accepted connection: the request's head in, then the script's reply out. */
    private final class Connection {
        private final long peerMac;
        private final int peerIp;
        private final Ipv6Address peer6;
        private final int peerPort;
        private final int iss;
        private final ByteArrayOutputStream request = new ByteArrayOutputStream();
        private int rcvNxt;
        private int peerMss = 536;
        private boolean peerFin;
        private boolean ackDue;
        private boolean synAckDue = true;
        private boolean established;
        private Reply reply;
        /** The stream offset of the current reply's first byte (after the replies this connection kept open for). */
        private long base;
        /** In stream offsets: 0 is the first reply byte, reply.bytes.length the FIN. */
        private long una;
        private long nxt;
        private long peerWindowEdge;
        private boolean finSent;
        /** The highest stream offset sent so far (nxt goes back below it after {@link #goBack}). */
        private long highest;
        private boolean finEverSent;
        private boolean closed;

        Connection(long peerMac, Ipv6Address peer6, int peerIp, int peerPort, int irs, int iss) {
            this.peerMac = peerMac;
            this.peer6 = peer6;
            this.peerIp = peerIp;
            this.peerPort = peerPort;
            this.iss = iss;
            this.rcvNxt = irs + 1;
        }

        void onSegment() {
            if (seg.has(TcpFlags.RST)) {
                closed = true;
                return;
            }
            if (seg.has(TcpFlags.SYN)) {
                peerMss = options.mss > 0 ? options.mss : 536;
                synAckDue = true; // the first SYN, or its retransmission
                return;
            }
            if (!seg.has(TcpFlags.ACK)) {
                return;
            }
            long ack = Integer.toUnsignedLong(seg.ack() - (iss + 1));
            if (seg.ack() == iss + 1 && !established) {
                established = true;
            }
            if (established && ack <= highest && ack >= una) {
                una = ack;
                nxt = Math.max(nxt, una);
                if (finEverSent && una == highest) {
                    finSent = true; // a FIN sent again after a go-back, acknowledged
                }
                peerWindowEdge = una + seg.window();
            }
            int len = seg.payloadLength();
            if (len > 0) {
                ackDue = true;
                if (seg.seq() == rcvNxt) {
                    request.write(seg.buffer(), seg.payloadOffset(), len);
                    rcvNxt += len;
                    onRequestBytes();
                }
            }
            if (seg.has(TcpFlags.FIN) && SeqNum.diff(seg.seq() + len, rcvNxt) == 0) {
                rcvNxt++;
                peerFin = true;
                ackDue = true;
            }
        }

        private void onRequestBytes() {
            String received = request.toString(StandardCharsets.ISO_8859_1);
            int end = received.indexOf("\r\n\r\n");
            if (reply == null && end >= 0) {
                requests.add(received.substring(0, end + 4));
                byte[] rest = request.toByteArray();
                request.reset();
                request.write(rest, end + 4, rest.length - end - 4);
                int n = requests.size() - 1;
                if (file != null) {
                    reply = fileReply(received.substring(0, end + 4), n + 1);
                    return;
                }
                if (n >= script.size()) {
                    throw new AssertionError("request " + (n + 1) + " has no reply in the script:\n" + received);
                }
                reply = script.get(n);
            }
        }

        void transmit() {
            if (closed) {
                return;
            }
            if (synAckDue) {
                synAckDue = false;
                options.clear();
                options.mss = MSS;
                emit(TcpFlags.SYN | TcpFlags.ACK, iss, 0, 0, options);
                return;
            }
            if (reply != null && !reply.silent()) {
                sendReply();
            } else if (reply == null && peerFin && !finSent && established) {
                emit(TcpFlags.FIN | TcpFlags.ACK, seqOf(nxt), 0, 0, null); // the client ended a kept connection
                finSent = true;
                finEverSent = true;
                nxt++;
                highest = Math.max(highest, nxt);
            }
            if (ackDue) {
                emit(TcpFlags.ACK, seqOf(nxt), 0, 0, null);
            }
            if (finSent && una == nxt && peerFin) {
                closed = true;
            }
        }

        private void sendReply() {
            byte[] bytes = reply.bytes();
            long end = base + bytes.length;
            while (nxt < end && nxt < peerWindowEdge) {
                int len = (int) Math.min(Math.min(Math.min(MSS, peerMss), end - nxt), peerWindowEdge - nxt);
                emit(TcpFlags.ACK | TcpFlags.PSH, seqOf(nxt), (int) (nxt - base), len, null);
                nxt += len;
                highest = Math.max(highest, nxt);
            }
            if (nxt < end || una < nxt && reply.reset()) {
                return; // more to send, or a reset that waits until the peer has everything before it
            }
            if (reply.keepOpen()) {
                if (una < end) {
                    return; // kept until acknowledged, so that go-back-N can send it again
                }
                reply = null;
                base = nxt;
                onRequestBytes(); // a request that came early waits in the buffer
                return;
            }
            if (reply.reset()) {
                emit(TcpFlags.RST | TcpFlags.ACK, seqOf(nxt), 0, 0, null);
                closed = true;
            } else if (!finSent) {
                emit(TcpFlags.FIN | TcpFlags.ACK, seqOf(nxt), 0, 0, null);
                finSent = true;
                finEverSent = true;
                nxt++;
                highest = Math.max(highest, nxt);
            }
        }

        void goBack() {
            if (!established) {
                synAckDue = true;
                return;
            }
            if (una < nxt) {
                nxt = una;
                finSent = false;
            }
        }

        private int seqOf(long offset) {
            return iss + 1 + (int) offset;
        }

        private void emit(int flags, int seq, int offset, int len, TcpOptions opts) {
            int tcpAt = peer6 != null ? TCP6_AT : TCP_AT;
            int payloadAt = TcpSegment.emitHeader(tx, tcpAt, port, peerPort, seq, rcvNxt, flags, WINDOW, opts);
            if (len > 0) {
                System.arraycopy(reply.bytes(), offset, tx, payloadAt, len);
            }
            int tcpLength = payloadAt - tcpAt + len;
            if (peer6 != null) {
                TcpSegment.fillChecksum(tx, tcpAt, tcpLength, ip6.checksumWords() + peer6.checksumWords());
                Ipv6Packet.emitHeader(tx, EthernetFrame.HEADER_LENGTH, 0, tcpLength, Ipv6Packet.NEXT_HEADER_TCP, 64,
                        ip6, peer6);
                EthernetFrame.emitHeader(tx, 0, peerMac, mac, EthernetFrame.TYPE_IPV6);
                link.send(tx, 0, tcpAt + tcpLength);
                ackDue = false;
                return;
            }
            TcpSegment.fillChecksum(tx, TCP_AT, tcpLength, ip, peerIp);
            Ipv4Packet.emitHeader(tx, EthernetFrame.HEADER_LENGTH, ip, peerIp, Ipv4Packet.PROTOCOL_TCP, tcpLength,
                    ipId++ & 0xFFFF, 64);
            EthernetFrame.emitHeader(tx, 0, peerMac, mac, EthernetFrame.TYPE_IPV4);
            link.send(tx, 0, Math.max(60, TCP_AT + tcpLength));
            ackDue = false;
        }
    }
}
