package rawhttpget.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import rawhttpget.arp.ArpPacket;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.MacAddress;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.ipv4.InternetChecksum;
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
 * Hostile frames against the whole receive path: a stack in own-address mode with one established connection
 * (the request queued) takes a sequence of records from the fuzzer, each {@code [kind][length:2][bytes]}:
 * <ul>
 *   <li>0: a raw frame, as it is;</li>
 *   <li>1: a raw frame whose IPv4 header checksum, and TCP or ICMP checksum, are made right, so that mutations get
 *       past the checksums into the demultiplexer and the connection;</li>
 *   <li>2: a TCP header and payload from the server, put in a good IPv4 and Ethernet frame, its sequence and
 *       acknowledgement numbers read as offsets from the connection's own so that it lands in or near the
 *       window;</li>
 *   <li>3: time passing, {@code length} milliseconds, which runs the timers.</li>
 * </ul>
 * After each record the stack polls and the application reads. Nothing may throw, and every frame the stack sends
 * must parse with our own codecs, carry right checksums, and go to the MAC pinned for the connection.
 */
class NetworkStackFuzzTest {
    static final int OUR_IP = Ipv4Address.parseBits("198.18.0.1");
    static final int SERVER_IP = Ipv4Address.parseBits("198.18.0.2");
    static final long OUR_MAC = 0x02_00_00_00_00_01L;
    static final long SERVER_MAC = 0x02_00_00_00_00_02L;
    static final int OUR_PORT = 50000;
    static final int SERVER_PORT = 80;
    static final int SERVER_ISN = 0x7000_0000;
    static final int TCP_AT = 34;

    @FuzzTest(maxDuration = "10m")
    void hostileFramesNeverThrowAndEverythingSentIsWellFormed(byte[] input) {
        Harness h = new Harness();
        for (int i = 0; i + 3 <= input.length; ) {
            int kind = input[i] & 3;
            int length = Math.min(((input[i + 1] & 0xFF) << 8) | (input[i + 2] & 0xFF), input.length - i - 3);
            int at = i + 3;
            i = at + length;
            switch (kind) {
                case 0 -> h.server.send(input, at, length);
                case 1 -> {
                    byte[] f = fixChecksums(Arrays.copyOfRange(input, at, at + length));
                    h.server.send(f, 0, f.length);
                }
                case 2 -> {
                    byte[] f = h.segmentFromServer(input, at, length);
                    h.server.send(f, 0, f.length);
                }
                default -> h.now += (((input[at - 2] & 0xFF) << 8) | (input[at - 1] & 0xFF)) * 1_000_000L;
            }
            if (kind == 3) {
                i = at; // time records carry no bytes
            }
            h.step();
        }
    }

    /** One stack, one connection past the handshake, the server's end of the cable, and virtual time. */
    static final class Harness {
        final MemoryLink server;
        final NetworkStack stack;
        final TcpConnection connection;
        long now = 1_000_000_000L;
        final int iss;

        Harness() {
            MemoryLink[] cable = MemoryLink.pair();
            server = cable[1];
            stack = new NetworkStack(cable[0], new MacAddress(OUR_MAC), new Route(OUR_IP, 24, 0), true,
                    new IsnGenerator(new byte[32]));
            stack.resolve(SERVER_IP, now);
            server.poll(); // our ARP request
            byte[] reply = new byte[42];
            EthernetFrame.emitHeader(reply, 0, OUR_MAC, SERVER_MAC, EthernetFrame.TYPE_ARP);
            ArpPacket.emit(reply, 14, ArpPacket.OP_REPLY, SERVER_MAC, SERVER_IP, OUR_MAC, OUR_IP);
            server.send(reply, 0, reply.length);
            stack.poll(now);
            long mac = stack.resolve(SERVER_IP, now);
            assertThat(mac).isEqualTo(SERVER_MAC);
            stack.pinNextHop(SERVER_IP, mac);
            connection = stack.connect(TcpConfig.defaults(1460).withReceiveBuffer(65536), OUR_PORT, SERVER_IP,
                    SERVER_PORT, now);
            byte[] request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            connection.write(request, 0, request.length);
            stack.poll(now);
            byte[] syn = server.poll();
            TcpSegment view = new TcpSegment();
            assertThat(view.wrap(syn, TCP_AT, syn.length - TCP_AT)).isNull();
            iss = view.seq();
            now += 1_000_000L;
            byte[] synAck = new byte[TCP_AT + 24];
            synAck[TCP_AT + 20] = TcpOptions.KIND_MSS;
            synAck[TCP_AT + 21] = 4;
            synAck[TCP_AT + 22] = 0x05;
            synAck[TCP_AT + 23] = (byte) 0xB4;
            frame(synAck, SERVER_ISN, iss + 1, TcpFlags.SYN | TcpFlags.ACK, 4);
            server.send(synAck, 0, synAck.length);
            step();
        }

        /** The stack runs its turn, the application reads everything, and we check what it sent. */
        void step() {
            stack.poll(now);
            connection.drainTo((b, off, len) -> len);
            for (byte[] f; (f = server.poll()) != null; ) {
                checkSent(f);
            }
        }

        /** A TCP header plus payload from the fuzzer, numbered relative to the connection, framed and checksummed. */
        byte[] segmentFromServer(byte[] input, int at, int length) {
            if (length < TcpSegment.MIN_HEADER_LENGTH) {
                return new byte[0];
            }
            byte[] f = new byte[TCP_AT + length];
            System.arraycopy(input, at, f, TCP_AT, length);
            int seqOffset = i32(f, TCP_AT + 4);
            int ackOffset = i32(f, TCP_AT + 8);
            frame(f, SERVER_ISN + 1 + seqOffset, iss + 1 + ackOffset, f[TCP_AT + 13] & 0xFF, -1);
            return f;
        }

        /**
         * Fills in Ethernet, IPv4 and the TCP ports, numbers, flags and checksum of {@code f} (TCP at 34). With
         * {@code optionBytes} >= 0 also the data offset and a 65535 window; with -1 the fuzzer's are kept.
         */
        void frame(byte[] f, int seq, int ack, int flags, int optionBytes) {
            int tcpLength = f.length - TCP_AT;
            EthernetFrame.emitHeader(f, 0, OUR_MAC, SERVER_MAC, EthernetFrame.TYPE_IPV4);
            Ipv4Packet.emitHeader(f, 14, SERVER_IP, OUR_IP, Ipv4Packet.PROTOCOL_TCP, tcpLength, 1, 64);
            f[TCP_AT] = (byte) (SERVER_PORT >>> 8);
            f[TCP_AT + 1] = (byte) SERVER_PORT;
            f[TCP_AT + 2] = (byte) (OUR_PORT >>> 8);
            f[TCP_AT + 3] = (byte) OUR_PORT;
            put32(f, TCP_AT + 4, seq);
            put32(f, TCP_AT + 8, ack);
            if (optionBytes >= 0) {
                f[TCP_AT + 12] = (byte) (((20 + optionBytes) / 4) << 4);
                f[TCP_AT + 14] = (byte) 0xFF;
                f[TCP_AT + 15] = (byte) 0xFF;
            }
            f[TCP_AT + 13] = (byte) flags;
            TcpSegment.fillChecksum(f, TCP_AT, tcpLength, SERVER_IP, OUR_IP);
        }

        private void checkSent(byte[] f) {
            EthernetFrame eth = new EthernetFrame();
            assertThat(eth.wrap(f, 0, f.length)).isNull();
            assertThat(eth.source()).isEqualTo(OUR_MAC);
            if (eth.etherType() == EthernetFrame.TYPE_ARP) {
                return;
            }
            assertThat(eth.etherType()).isEqualTo(EthernetFrame.TYPE_IPV4);
            assertThat(eth.destination()).as("frames keep going to the pinned MAC").isEqualTo(SERVER_MAC);
            Ipv4Packet ip = new Ipv4Packet();
            assertThat(ip.wrap(f, 14, f.length - 14)).isNull();
            assertThat(ip.source()).isEqualTo(OUR_IP);
            assertThat(ip.protocol()).isEqualTo(Ipv4Packet.PROTOCOL_TCP);
            TcpSegment tcp = new TcpSegment();
            assertThat(tcp.wrap(f, ip.payloadOffset(), ip.payloadLength())).isNull();
            assertThat(tcp.checksumValid(ip.source(), ip.destination())).isTrue();
            assertThat(tcp.parseOptions(new TcpOptions())).isNull();
        }
    }

    /** Makes the IPv4 header checksum right, and the TCP or ICMP checksum when the header says which. */
    static byte[] fixChecksums(byte[] f) {
        if (f.length < TCP_AT || (f[14] & 0xF0) != 0x40) {
            return f;
        }
        int ihl = (f[14] & 0x0F) * 4;
        if (ihl < 20 || 14 + ihl > f.length) {
            return f;
        }
        f[24] = 0;
        f[25] = 0;
        int sum = InternetChecksum.of(f, 14, ihl);
        f[24] = (byte) (sum >>> 8);
        f[25] = (byte) sum;
        int total = Math.min(((f[16] & 0xFF) << 8) | (f[17] & 0xFF), f.length - 14);
        int payload = total - ihl;
        int at = 14 + ihl;
        if (payload >= 20 && f[23] == Ipv4Packet.PROTOCOL_TCP) {
            TcpSegment.fillChecksum(f, at, payload, i32(f, 26), i32(f, 30));
        } else if (payload >= 8 && f[23] == Ipv4Packet.PROTOCOL_ICMP) {
            f[at + 2] = 0;
            f[at + 3] = 0;
            int c = InternetChecksum.of(f, at, payload);
            f[at + 2] = (byte) (c >>> 8);
            f[at + 3] = (byte) c;
        }
        return f;
    }

    static int i32(byte[] b, int o) {
        return ((b[o] & 0xFF) << 24) | ((b[o + 1] & 0xFF) << 16) | ((b[o + 2] & 0xFF) << 8) | (b[o + 3] & 0xFF);
    }

    static void put32(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }
}
