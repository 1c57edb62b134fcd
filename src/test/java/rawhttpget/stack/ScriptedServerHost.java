package rawhttpget.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import rawhttpget.arp.ArpPacket;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.MacAddress;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.ipv4.Ipv4Packet;
import rawhttpget.ipv4.Route;
import rawhttpget.link.MemoryLink;
import rawhttpget.tcp.IsnGenerator;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpFlags;
import rawhttpget.tcp.TcpOptions;
import rawhttpget.tcp.TcpSegment;

/**
 * Plays a hostile server's host against a whole {@link NetworkStack} over a {@link MemoryLink}, in virtual time:
 * it answers our ARP request, and writes Ethernet frames with real checksums whose sequence numbers are relative
 * to its own ISN (1 is its first data byte) and acknowledgement numbers relative to ours. It reads back every
 * frame the stack sends, including the destination MAC, so tests can see where frames go as well as what they
 * say. The application side reads everything the connection has, as the CLI does.
 */
final class ScriptedServerHost {
    static final int OUR_IP = Ipv4Address.parseBits("198.18.0.1");
    static final int SERVER_IP = Ipv4Address.parseBits("198.18.0.2");
    static final long OUR_MAC = 0x02_00_00_00_00_01L;
    static final long SERVER_MAC = 0x02_00_00_00_00_02L;
    static final int OUR_PORT = 50000;
    static final int SERVER_PORT = 80;
    static final int SERVER_ISN = 0x7000_0000;
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;
    private static final int TCP_AT = 34;

    /** A frame the stack sent, TCP fields relative as tcpdump prints them (ack relative to the server's ISN). */
    record Sent(long destinationMac, int etherType, int flags, int seq, int ack, int window, int mss, byte[] payload) {
        boolean is(int flag) {
            return (flags & flag) != 0;
        }
    }

    final MemoryLink server;
    final NetworkStack stack;
    final TcpConfig config;
    TcpConnection connection;
    long now = S;
    int iss;
    /** The server's next relative sequence number. */
    int nextSeq = 1;
    int requestLength;
    private final ByteArrayOutputStream delivered = new ByteArrayOutputStream();
    private final List<Sent> sent = new ArrayList<>();

    ScriptedServerHost(TcpConfig config) {
        this.config = config;
        MemoryLink[] cable = MemoryLink.pair();
        server = cable[1];
        stack = new NetworkStack(cable[0], new MacAddress(OUR_MAC), new Route(OUR_IP, 24, 0), true,
                new IsnGenerator(new byte[32]));
        assertThat(stack.resolve(SERVER_IP, now)).isEqualTo(rawhttpget.arp.ArpCache.NO_ENTRY);
        server.poll(); // our who-has
        server.send(arp(ArpPacket.OP_REPLY, SERVER_MAC, OUR_MAC), 0, 42);
        stack.poll(now);
        long mac = stack.resolve(SERVER_IP, now);
        assertThat(mac).isEqualTo(SERVER_MAC);
        stack.pinNextHop(SERVER_IP, mac); // as HttpTransfer does before it connects
    }

    /** A connection whose SYN has left with {@code request} queued behind it; the SYN is taken. */
    Sent connect(String request) {
        byte[] r = request.getBytes(StandardCharsets.US_ASCII);
        requestLength = r.length;
        connection = stack.connect(config, OUR_PORT, SERVER_IP, SERVER_PORT, now);
        connection.write(r, 0, r.length);
        step();
        List<Sent> syn = take();
        assertThat(syn).hasSize(1);
        assertThat(syn.get(0).is(TcpFlags.SYN)).isTrue();
        return syn.get(0);
    }

    /** Connected and the request acknowledged by the server's SYN-ACK with MSS 1460 and a 65535 window. */
    static ScriptedServerHost established(String request) {
        ScriptedServerHost h = new ScriptedServerHost(TcpConfig.defaults(1460).withReceiveBuffer(60000)
                .withOptions(false, true, false));
        h.connect(request);
        h.now += 10 * MS;
        h.synAck(1, 1460, 65535);
        h.take();
        h.receive(h.seg(TcpFlags.ACK, h.nextSeq, 1 + h.requestLength, 65535, new byte[0]));
        h.take();
        return h;
    }

    void synAck(int ackOffset, int mss, int window) {
        byte[] options = new byte[mss >= 0 ? 4 : 0];
        if (mss >= 0) {
            options[0] = TcpOptions.KIND_MSS;
            options[1] = 4;
            options[2] = (byte) (mss >>> 8);
            options[3] = (byte) mss;
        }
        receive(frame(TcpFlags.SYN | TcpFlags.ACK, 0, ackOffset, window, options, new byte[0]));
    }

    /** A segment from the server: relative seq (1 = first data byte), ack relative to our ISN. */
    byte[] seg(int flags, int seq, int ack, int window, byte[] payload) {
        return frame(flags, seq, ack, window, new byte[0], payload);
    }

    /** In-order data acknowledging the whole request, advancing the server's sequence number. */
    byte[] data(String ascii) {
        byte[] payload = ascii.getBytes(StandardCharsets.ISO_8859_1);
        byte[] f = seg(TcpFlags.ACK | TcpFlags.PSH, nextSeq, 1 + requestLength, 65535, payload);
        nextSeq += payload.length;
        return f;
    }

    /** Hands a frame to the stack and lets it and the application run. */
    void receive(byte[] frame) {
        server.send(frame, 0, frame.length);
        step();
    }

    void step() {
        stack.poll(now);
        connection.drainTo((b, off, len) -> {
            delivered.write(b, off, len);
            return len;
        });
        for (byte[] f; (f = server.poll()) != null; ) {
            sent.add(parse(f));
        }
    }

    /** Lets time pass to {@code until}, polling whenever the stack asks to be polled. */
    void runUntil(long until) {
        for (int i = 0; i < 100_000; i++) {
            long at = stack.pollAt();
            if (at == Long.MAX_VALUE || at > until) {
                break;
            }
            now = Math.max(now, at);
            step();
        }
        now = until;
        step();
    }

    List<Sent> take() {
        List<Sent> s = new ArrayList<>(sent);
        sent.clear();
        return s;
    }

    String delivered() {
        return delivered.toString(StandardCharsets.ISO_8859_1);
    }

    /** An ARP packet from the server's IP with {@code senderMac}, to {@code destinationMac}. */
    static byte[] arp(int operation, long senderMac, long destinationMac) {
        byte[] f = new byte[42];
        EthernetFrame.emitHeader(f, 0, destinationMac, senderMac, EthernetFrame.TYPE_ARP);
        ArpPacket.emit(f, 14, operation, senderMac, SERVER_IP, operation == ArpPacket.OP_REPLY ? OUR_MAC : 0,
                operation == ArpPacket.OP_REPLY ? OUR_IP : SERVER_IP);
        return f;
    }

    private byte[] frame(int flags, int seq, int ack, int window, byte[] options, byte[] payload) {
        int tcpLength = 20 + options.length + payload.length;
        byte[] f = new byte[TCP_AT + tcpLength];
        EthernetFrame.emitHeader(f, 0, OUR_MAC, SERVER_MAC, EthernetFrame.TYPE_IPV4);
        Ipv4Packet.emitHeader(f, 14, SERVER_IP, OUR_IP, Ipv4Packet.PROTOCOL_TCP, tcpLength, 1, 64);
        f[TCP_AT] = (byte) (SERVER_PORT >>> 8);
        f[TCP_AT + 1] = (byte) SERVER_PORT;
        f[TCP_AT + 2] = (byte) (OUR_PORT >>> 8);
        f[TCP_AT + 3] = (byte) OUR_PORT;
        put32(f, TCP_AT + 4, SERVER_ISN + seq);
        put32(f, TCP_AT + 8, iss + ack);
        f[TCP_AT + 12] = (byte) (((20 + options.length) / 4) << 4);
        f[TCP_AT + 13] = (byte) flags;
        f[TCP_AT + 14] = (byte) (window >>> 8);
        f[TCP_AT + 15] = (byte) window;
        System.arraycopy(options, 0, f, TCP_AT + 20, options.length);
        System.arraycopy(payload, 0, f, TCP_AT + 20 + options.length, payload.length);
        TcpSegment.fillChecksum(f, TCP_AT, tcpLength, SERVER_IP, OUR_IP);
        return f;
    }

    private Sent parse(byte[] f) {
        EthernetFrame eth = new EthernetFrame();
        assertThat(eth.wrap(f, 0, f.length)).isNull();
        if (eth.etherType() != EthernetFrame.TYPE_IPV4) {
            return new Sent(eth.destination(), eth.etherType(), 0, 0, 0, 0, -1, new byte[0]);
        }
        Ipv4Packet ip = new Ipv4Packet();
        assertThat(ip.wrap(f, 14, f.length - 14)).isNull();
        TcpSegment tcp = new TcpSegment();
        assertThat(tcp.wrap(f, ip.payloadOffset(), ip.payloadLength())).isNull();
        assertThat(tcp.checksumValid(ip.source(), ip.destination())).isTrue();
        TcpOptions options = new TcpOptions();
        assertThat(tcp.parseOptions(options)).isNull();
        if (tcp.has(TcpFlags.SYN)) {
            iss = tcp.seq();
        }
        byte[] payload = java.util.Arrays.copyOfRange(f, tcp.payloadOffset(), tcp.payloadOffset() + tcp.payloadLength());
        return new Sent(eth.destination(), eth.etherType(), tcp.flags(), tcp.seq() - iss, tcp.ack() - SERVER_ISN,
                tcp.window(), options.mss, payload);
    }

    private static void put32(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }
}
