package rawhttpget.exchange;

import rawhttpget.testing.MemorySink;
import rawhttpget.failure.DownloadException;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rawhttpget.arp.ArpPacket;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.MacAddress;
import rawhttpget.ipv4.Ipv4Packet;
import rawhttpget.ipv4.Route;
import rawhttpget.link.MemoryLink;
import rawhttpget.stack.NetworkStack;
import rawhttpget.tcp.IsnGenerator;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpFlags;
import rawhttpget.tcp.TcpSegment;
import rawhttpget.tcp.TcpState;

/**
 * The end of an exchange, in virtual time over an in-memory link with a scripted server: the request said
 * {@code Connection: close}, so once the body is complete we wait for the server's FIN and close second (no
 * TIME-WAIT), and send our FIN first only when it has not come within {@link HttpTransfer#SERVER_CLOSE_WAIT_NANOS}.
 */
class HttpTransferServerCloseTest {
    private static final int OUR_IP = 0xC612_0001;
    private static final int SERVER_IP = 0xC612_0002;
    private static final long OUR_MAC = 0x02_00_00_00_00_01L;
    private static final long SERVER_MAC = 0x02_00_00_00_00_02L;
    private static final int OUR_PORT = 50_000;
    private static final int TCP_AT = 34;
    private static final long MS = 1_000_000L;
    private static final byte[] RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
            .getBytes(StandardCharsets.US_ASCII);
    private static final long TIME_WAIT = 1_000 * MS;

    private final MemoryLink server;
    private final NetworkStack stack;
    private final HttpTransfer transfer;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final List<TcpSegment> fromUs = new ArrayList<>();
    private long now = 1_000 * MS;
    private int ourIsn;
    private int requestLength;
    private boolean done;
    /** 1 once the server acknowledges our FIN. */
    private int ackOfOurFin;

    HttpTransferServerCloseTest() throws DownloadException {
        MemoryLink[] cable = MemoryLink.pair();
        server = cable[1];
        stack = new NetworkStack(cable[0], new MacAddress(OUR_MAC), new Route(OUR_IP, 24, 0), false,
                new IsnGenerator(new byte[32]));
        byte[] request = "GET / HTTP/1.1\r\nHost: s\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        requestLength = request.length;
        transfer = new HttpTransfer(stack, TcpConfig.defaults(1460).withTimeWait(TIME_WAIT),
                new HttpTransfer.Target(SERVER_IP, 80, OUR_PORT, request, "s"), PlainTransport.FACTORY,
                head -> new MemorySink(body));
    }

    @Test
    void theServersFinWithinTheWaitMakesUsCloseSecondWithoutTimeWait() throws DownloadException {
        sendResponse();
        step();
        assertThat(body.toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(transfer.connection().state()).isEqualTo(TcpState.ESTABLISHED);

        now += HttpTransfer.SERVER_CLOSE_WAIT_NANOS - 1;
        step();
        assertThat(finsFromUs()).isZero(); // still waiting for the server

        fromServer(TcpFlags.FIN | TcpFlags.ACK, 1 + RESPONSE.length, new byte[0]);
        step();
        assertThat(transfer.connection().state()).isEqualTo(TcpState.LAST_ACK);
        assertThat(finsFromUs()).isEqualTo(1);

        ackOfOurFin = 1;
        fromServer(TcpFlags.ACK, 2 + RESPONSE.length, new byte[0]);
        step();
        assertThat(transfer.connection().state()).isEqualTo(TcpState.CLOSED);
        assertThat(done).isTrue(); // at once, not after --time-wait
    }

    @Test
    void withoutTheServersFinWeCloseFirstWhenTheWaitEnds() throws DownloadException {
        sendResponse();
        step();
        long completed = now;
        assertThat(transfer.wakeAt()).isEqualTo(completed + HttpTransfer.SERVER_CLOSE_WAIT_NANOS);

        now = completed + HttpTransfer.SERVER_CLOSE_WAIT_NANOS - 1;
        step();
        assertThat(finsFromUs()).isZero();

        now = completed + HttpTransfer.SERVER_CLOSE_WAIT_NANOS;
        step();
        assertThat(finsFromUs()).isEqualTo(1);
        assertThat(transfer.connection().state()).isEqualTo(TcpState.FIN_WAIT_1);
        assertThat(transfer.wakeAt()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aFinThatCameWithTheBodyClosesAtOnce() throws DownloadException {
        handshake();
        fromServer(TcpFlags.PSH | TcpFlags.ACK | TcpFlags.FIN, 1, RESPONSE);
        step();
        assertThat(body.toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(finsFromUs()).isEqualTo(1);
        assertThat(transfer.connection().state()).isEqualTo(TcpState.LAST_ACK);
    }

    /** ARP, handshake, and the response in one segment, without a FIN. */
    private void sendResponse() throws DownloadException {
        handshake();
        fromServer(TcpFlags.PSH | TcpFlags.ACK, 1, RESPONSE);
    }

    private void handshake() throws DownloadException {
        step(); // who-has
        byte[] arp = new byte[42];
        EthernetFrame.emitHeader(arp, 0, OUR_MAC, SERVER_MAC, EthernetFrame.TYPE_ARP);
        ArpPacket.emit(arp, 14, ArpPacket.OP_REPLY, SERVER_MAC, SERVER_IP, OUR_MAC, OUR_IP);
        server.send(arp, 0, arp.length);
        step(); // resolved: SYN, with the request queued behind it
        TcpSegment syn = fromUs.stream().filter(s -> s.has(TcpFlags.SYN)).findFirst().orElseThrow();
        ourIsn = syn.seq();
        fromServer(TcpFlags.SYN | TcpFlags.ACK, 0, new byte[0]);
        step();
        step();
        assertThat(transfer.connection().state()).isEqualTo(TcpState.ESTABLISHED);
    }

    /** One turn of the event loop, as EventLoop.run takes it. */
    private void step() throws DownloadException {
        stack.poll(now);
        done = transfer.advance(now);
        stack.poll(now);
        for (byte[] f; (f = server.poll()) != null; ) {
            if (f.length > TCP_AT && ((f[12] & 0xFF) << 8 | (f[13] & 0xFF)) == EthernetFrame.TYPE_IPV4) {
                TcpSegment s = new TcpSegment();
                assertThat(s.wrap(f, TCP_AT, f.length - TCP_AT)).isNull();
                fromUs.add(s);
            }
        }
    }

    private int finsFromUs() {
        return (int) fromUs.stream().filter(s -> s.has(TcpFlags.FIN)).count();
    }

    /** A segment from the server; {@code seq} relative to its ISN 0 (1 is its first data byte). */
    private void fromServer(int flags, int seq, byte[] payload) {
        int ack = (flags & TcpFlags.SYN) != 0 ? ourIsn + 1 : ourIsn + 1 + requestLength + ackOfOurFin;
        int tcpLength = 20 + payload.length;
        byte[] f = new byte[TCP_AT + tcpLength];
        EthernetFrame.emitHeader(f, 0, OUR_MAC, SERVER_MAC, EthernetFrame.TYPE_IPV4);
        Ipv4Packet.emitHeader(f, 14, SERVER_IP, OUR_IP, Ipv4Packet.PROTOCOL_TCP, tcpLength, 1, 64);
        TcpSegment.emitHeader(f, TCP_AT, 80, OUR_PORT, seq, ack, flags, 65535, null);
        System.arraycopy(payload, 0, f, TCP_AT + 20, payload.length);
        TcpSegment.fillChecksum(f, TCP_AT, tcpLength, SERVER_IP, OUR_IP);
        server.send(f, 0, f.length);
    }
}
