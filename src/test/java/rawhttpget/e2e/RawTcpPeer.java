package rawhttpget.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import rawhttpget.arp.ArpPacket;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.MacAddress;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.ipv4.Ipv4Packet;
import rawhttpget.link.PcapLink;
import rawhttpget.link.PcapLinkSettings;
import rawhttpget.tcp.TcpFlags;
import rawhttpget.tcp.TcpOptions;
import rawhttpget.tcp.TcpSegment;

/**
 * A scripted, hostile HTTP server with a TCP of its own, on raw frames, for the server namespace of the test
 * network: {@code ip netns exec NS java -cp rawhttpget.jar:target/test-classes rawhttpget.e2e.RawTcpPeer IFACE IP}.
 * The namespace's kernel must not answer its ports (the test drops the kernel's RSTs from them). Each port plays
 * one fault ({@link Fault}) while it serves {@link #BODY_LENGTH} bytes of {@link HostileHttpServer#body} with a
 * Content-Length, so the client's file can be checked byte for byte. What it observes of the client goes to
 * standard output as {@code PORT key value} lines; it exits when its standard input closes.
 */
public final class RawTcpPeer {
    static final int BODY_LENGTH = 200_000;
    static final int FIRST_PORT = 9001;
    private static final int MSS = 1460;
    private static final int SERVER_ISN = 0x5000_0000;
    private static final long IMPOSTOR_MAC = 0x02_66_66_66_66_66L;
    private static final long RESEND_AFTER_NANOS = 300_000_000L;

    /** The fault a port plays; its port is FIRST_PORT + ordinal. */
    enum Fault {
        BLIND_RST, CHALLENGE_RST, OUT_OF_WINDOW_DATA, OVERLAPPING_RETRANSMISSION, WRONG_SYN_ACK, MSS_ONE,
        ZERO_WINDOW, ARP_SPOOF;

        int port() {
            return FIRST_PORT + ordinal();
        }
    }

    /** How long ZERO_WINDOW keeps its window shut (the test gives the client a shorter --timeout). */
    static final long ZERO_WINDOW_HOLD_NANOS = 6_000_000_000L;

    private final PcapLink link;
    private final long mac;
    private final int ip;
    private final byte[] response;
    private final Map<Integer, Conn> connections = new HashMap<>();
    private final byte[] tx = new byte[14 + 20 + 60 + MSS];

    private RawTcpPeer(PcapLink link, long mac, int ip) {
        this.link = link;
        this.mac = mac;
        this.ip = ip;
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Length: " + BODY_LENGTH + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        this.response = new byte[head.length + BODY_LENGTH];
        System.arraycopy(head, 0, response, 0, head.length);
        System.arraycopy(HostileHttpServer.body(0, BODY_LENGTH), 0, response, head.length, BODY_LENGTH);
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String iface = args[0];
        int ip = Ipv4Address.parseBits(args[1]);
        long mac = MacAddress.parse(Files.readString(Path.of("/sys/class/net", iface, "address")).strip()).bits();
        PcapLink link = PcapLink.open(PcapLinkSettings.of(iface, "tcp or arp").withPromiscuous(true));
        ExitOnStdinEof.arm();
        RawTcpPeer peer = new RawTcpPeer(link, mac, ip);
        System.out.println("listening");
        System.out.flush();
        while (true) {
            try {
                link.receive(peer::onFrame);
                peer.onTimer(System.nanoTime());
            } catch (RuntimeException e) {
                // A bug of ours must show in the test's output, not silently end every later scenario.
                System.out.println("0 peer-error " + e);
                System.out.flush();
                e.printStackTrace();
            }
            link.awaitFrames(5_000_000L);
        }
    }

    /** One client connection and where its script stands. */
    private final class Conn {
        final Fault fault;
        final int port;
        final int clientIp;
        final int clientPort;
        final long clientMac;
        final int clientIsn;
        int rcvNxt;
        final ByteArrayOutputStream request = new ByteArrayOutputStream();
        boolean established;
        boolean responding;
        /** Response bytes acknowledged / sent, as offsets into {@link #response}. */
        int una;
        int nxt;
        long lastProgressAt;
        boolean faultPlayed;
        boolean finSent;
        int windowOpen = 65535;
        long zeroWindowUntil;
        int maxRequestSegment;
        int probesAnswered;
        int framesToOtherMacs;
        long clientWindow = 65535;

        Conn(Fault fault, int port, int clientIp, int clientPort, long clientMac, int clientIsn) {
            this.fault = fault;
            this.port = port;
            this.clientIp = clientIp;
            this.clientPort = clientPort;
            this.clientMac = clientMac;
            this.clientIsn = clientIsn;
            this.rcvNxt = clientIsn + 1;
        }

        void report(String key, Object value) {
            System.out.println(port + " " + key + " " + value);
            System.out.flush();
        }
    }

    private final EthernetFrame eth = new EthernetFrame();
    private final Ipv4Packet ipv4 = new Ipv4Packet();
    private final TcpSegment tcp = new TcpSegment();
    private final TcpOptions options = new TcpOptions();

    private void onFrame(byte[] b, int off, int len) {
        if (eth.wrap(b, off, len) != null || eth.etherType() != EthernetFrame.TYPE_IPV4 || eth.source() == mac) {
            return;
        }
        if (ipv4.wrap(b, eth.payloadOffset(), eth.payloadLength()) != null || ipv4.destination() != ip
                || ipv4.protocol() != Ipv4Packet.PROTOCOL_TCP) {
            return;
        }
        if (tcp.wrap(b, ipv4.payloadOffset(), ipv4.payloadLength()) != null || tcp.parseOptions(options) != null) {
            return;
        }
        int port = tcp.destinationPort();
        if (port < FIRST_PORT || port >= FIRST_PORT + Fault.values().length) {
            return;
        }
        Conn c = connections.get(tcp.sourcePort() << 16 | port);
        if (c != null && eth.destination() != mac) {
            c.framesToOtherMacs++;
            c.report("frame-to-other-mac", MacAddress.format(eth.destination()));
            return;
        }
        long now = System.nanoTime();
        if (tcp.has(TcpFlags.SYN) && !tcp.has(TcpFlags.ACK)) {
            if (c == null) {
                c = new Conn(Fault.values()[port - FIRST_PORT], port, ipv4.source(), tcp.sourcePort(), eth.source(),
                        tcp.seq());
                connections.put(tcp.sourcePort() << 16 | port, c);
                c.report("syn", "mss " + options.mss);
            }
            sendSynAck(c);
            return;
        }
        if (c == null) {
            return;
        }
        if (tcp.has(TcpFlags.RST)) {
            c.report("rst", "seq " + (tcp.seq() - c.clientIsn - 1));
            if (c.fault == Fault.WRONG_SYN_ACK && !c.established) {
                c.established = true; // the client refused the bad SYN-ACK as it should: now the real one
                sendSynAck(c);
            }
            return;
        }
        if (!tcp.has(TcpFlags.ACK)) {
            return;
        }
        onAck(c, now);
        int payload = tcp.payloadLength();
        if (payload > 0 && !c.responding) {
            if (tcp.seq() == c.rcvNxt) {
                c.maxRequestSegment = Math.max(c.maxRequestSegment, payload);
                c.request.write(b, tcp.payloadOffset(), payload);
                c.rcvNxt += payload;
            }
            if (c.fault == Fault.ZERO_WINDOW && now - c.zeroWindowUntil < 0) {
                c.probesAnswered++;
            }
            sendAck(c);
            if (c.request.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                c.report("request-max-segment", c.maxRequestSegment);
                c.responding = true;
                c.lastProgressAt = now;
                sendData(c, now);
            }
        } else if (payload == 0 && c.fault == Fault.ZERO_WINDOW && !c.responding && now - c.zeroWindowUntil < 0) {
            c.probesAnswered++;
            sendAck(c); // a window probe: answer it, window still shut
        } else if (tcp.has(TcpFlags.FIN)) {
            c.rcvNxt = tcp.seq() + payload + 1;
            sendAck(c);
        }
        if (c.responding) {
            sendData(c, now);
        }
    }

    private void onAck(Conn c, long now) {
        c.clientWindow = tcp.window(); // our SYN-ACK offers no window scaling, so the field is the window
        int acked = tcp.ack() - (SERVER_ISN + 1);
        if (acked > c.una && acked <= response.length + 1) {
            c.una = Math.min(acked, response.length);
            c.lastProgressAt = now;
            if (c.una == response.length && !c.finSent) {
                sendSegment(c, TcpFlags.FIN | TcpFlags.ACK, SERVER_ISN + 1 + response.length, new byte[0], 0, 0);
                c.finSent = true;
                c.report("complete", c.una);
            }
        }
    }

    private void onTimer(long now) {
        for (Conn c : connections.values()) {
            if (c.fault == Fault.ZERO_WINDOW && c.established && !c.responding && c.zeroWindowUntil != 0
                    && now - c.zeroWindowUntil >= 0 && c.windowOpen == 0) {
                c.windowOpen = 65535;
                c.report("probes-answered", c.probesAnswered);
                sendAck(c); // the window opens
            }
            if (c.responding && c.una < response.length && now - c.lastProgressAt > RESEND_AFTER_NANOS) {
                c.nxt = c.una; // go back: resend from what the client acknowledged
                c.lastProgressAt = now;
                sendData(c, now);
            }
        }
    }

    private void sendSynAck(Conn c) {
        TcpOptions o = new TcpOptions();
        o.mss = c.fault == Fault.MSS_ONE ? 1 : MSS;
        int ack = c.clientIsn + 1;
        int window = 65535;
        if (c.fault == Fault.WRONG_SYN_ACK && !c.established) {
            ack += 1000;
        } else {
            c.established = true;
        }
        if (c.fault == Fault.ZERO_WINDOW) {
            window = 0;
            c.windowOpen = 0;
            c.zeroWindowUntil = System.nanoTime() + ZERO_WINDOW_HOLD_NANOS;
        }
        int end = TcpSegment.emitHeader(tx, 34, c.port, c.clientPort, SERVER_ISN, ack, TcpFlags.SYN | TcpFlags.ACK,
                window, o);
        transmit(c, end - 34);
    }

    private void sendAck(Conn c) {
        sendSegment(c, TcpFlags.ACK, SERVER_ISN + 1 + c.nxt, new byte[0], 0, 0);
    }

    /** Sends response bytes from {@code c.nxt} as the client's window allows, playing the fault once at half way. */
    private void sendData(Conn c, long now) {
        int half = response.length / 2;
        while (c.nxt < response.length && c.nxt - c.una < c.clientWindow) {
            if (!c.faultPlayed && c.nxt >= half) {
                if (c.una < c.nxt) {
                    return; // play the fault once everything before it is acknowledged, so nothing races it
                }
                c.faultPlayed = true;
                playFault(c);
            }
            int n = Math.min(MSS, response.length - c.nxt);
            sendSegment(c, TcpFlags.ACK | TcpFlags.PSH, SERVER_ISN + 1 + c.nxt, response, c.nxt, n);
            c.nxt += n;
        }
    }

    private void playFault(Conn c) {
        int seq = SERVER_ISN + 1 + c.nxt;
        byte[] garbage = new byte[1000];
        java.util.Arrays.fill(garbage, (byte) 'X');
        switch (c.fault) {
            case BLIND_RST -> sendSegment(c, TcpFlags.RST, seq + 1_000_000_000, new byte[0], 0, 0);
            case CHALLENGE_RST -> sendSegment(c, TcpFlags.RST, seq + 100, new byte[0], 0, 0);
            case OUT_OF_WINDOW_DATA -> {
                sendSegment(c, TcpFlags.ACK | TcpFlags.PSH, seq + (64 << 20), garbage, 0, garbage.length);
                sendSegment(c, TcpFlags.ACK | TcpFlags.PSH, seq - 50_000, garbage, 0, garbage.length);
            }
            case OVERLAPPING_RETRANSMISSION -> {
                // Delivered bytes again but different, followed by the true next 500: [nxt-500, nxt+500).
                byte[] overlap = new byte[1000];
                System.arraycopy(garbage, 0, overlap, 0, 500);
                System.arraycopy(response, c.nxt, overlap, 500, 500);
                sendSegment(c, TcpFlags.ACK | TcpFlags.PSH, seq - 500, overlap, 0, overlap.length);
                // True bytes [nxt+1500, nxt+2500) out of order, then [nxt+1000, nxt+2000) whose second half, the
                // part already held, is different. Every segment fits the 1500-byte MTU.
                sendSegment(c, TcpFlags.ACK | TcpFlags.PSH, seq + 1500, response, c.nxt + 1500, 1000);
                byte[] lie = java.util.Arrays.copyOfRange(response, c.nxt + 1000, c.nxt + 2000);
                java.util.Arrays.fill(lie, 500, 1000, (byte) 'Y');
                sendSegment(c, TcpFlags.ACK | TcpFlags.PSH, seq + 1000, lie, 0, lie.length);
                c.nxt += 500; // the normal sending goes on after the true 500 bytes; it refills the hole
            }
            case ARP_SPOOF -> {
                byte[] f = new byte[42];
                EthernetFrame.emitHeader(f, 0, c.clientMac, IMPOSTOR_MAC, EthernetFrame.TYPE_ARP);
                ArpPacket.emit(f, 14, ArpPacket.OP_REPLY, IMPOSTOR_MAC, ip, c.clientMac, c.clientIp);
                link.send(f, 0, f.length);
                EthernetFrame.emitHeader(f, 0, MacAddress.BROADCAST.bits(), IMPOSTOR_MAC, EthernetFrame.TYPE_ARP);
                ArpPacket.emit(f, 14, ArpPacket.OP_REQUEST, IMPOSTOR_MAC, ip, 0, ip);
                link.send(f, 0, f.length);
                c.report("arp-spoofed", MacAddress.format(IMPOSTOR_MAC));
            }
            default -> {
            }
        }
        c.report("fault-played", c.fault);
    }

    private void sendSegment(Conn c, int flags, int seq, byte[] data, int from, int length) {
        int window = c.fault == Fault.ZERO_WINDOW ? c.windowOpen : 65535;
        int end = TcpSegment.emitHeader(tx, 34, c.port, c.clientPort, seq, (flags & TcpFlags.RST) != 0 ? 0 : c.rcvNxt,
                flags, window, null);
        System.arraycopy(data, from, tx, end, length);
        transmit(c, end - 34 + length);
    }

    private void transmit(Conn c, int tcpLength) {
        TcpSegment.fillChecksum(tx, 34, tcpLength, ip, c.clientIp);
        Ipv4Packet.emitHeader(tx, 14, ip, c.clientIp, Ipv4Packet.PROTOCOL_TCP, tcpLength, 0, 64);
        EthernetFrame.emitHeader(tx, 0, c.clientMac, mac, EthernetFrame.TYPE_IPV4);
        link.send(tx, 0, Math.max(60, 34 + tcpLength));
    }
}
