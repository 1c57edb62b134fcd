package rawhttpget.exchange;

import rawhttpget.testing.MemorySink;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rawhttpget.arp.ArpPacket;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.http.ConnectRequest;
import rawhttpget.http.HttpUrl;
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
import rawhttpget.tls.TlsTestServer;

/**
 * https through a proxy in virtual time, the whole exchange over our stack and an in-memory link: the test plays
 * the proxy (its TCP written segment by segment) and, once it has answered CONNECT, relays the tunnel to an
 * in-memory TLS server with a certificate for the origin's name only. Our side sends CONNECT alone, and its
 * ClientHello (SNI the origin's name) only after the proxy's blank line; the request and the response then cross
 * the tunnel encrypted, and the proxy never sees the request or the credentials again.
 */
class ProxyTunnelTest {
    private static final int OUR_IP = 0xC612_0001;
    private static final int PROXY_IP = 0xC612_0002;
    private static final long OUR_MAC = 0x02_00_00_00_00_01L;
    private static final long PROXY_MAC = 0x02_00_00_00_00_02L;
    private static final int OUR_PORT = 50_000;
    private static final int PROXY_PORT = 8888;
    private static final int TCP_AT = 34;
    private static final int MSS = 1460;
    private static final String ORIGIN = "origin.invalid";
    private static final byte[] REQUEST = ("GET /f.bin HTTP/1.1\r\nHost: " + ORIGIN + "\r\nConnection: close\r\n\r\n")
            .getBytes(US_ASCII);
    private static final String CONNECT = "CONNECT " + ORIGIN + ":443 HTTP/1.1\r\nUser-Agent: UA\r\n"
            + "Proxy-Authorization: Basic YWxpY2U6czNjcmV0\r\nHost: " + ORIGIN + ":443\r\n\r\n";

    @TempDir
    Path dir;

    private final MemoryLink proxy;
    private final NetworkStack stack;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    /** Everything our side sent the proxy, in order. */
    private final ByteArrayOutputStream fromUs = new ByteArrayOutputStream();
    private HttpTransfer transfer;
    private TlsTestServer origin;
    private final long now = 1_000_000_000L;
    private int ourIsn;
    private boolean ourFin;
    /** The proxy's next sequence number, relative to its ISN 0. */
    private int proxySeq = 1;
    private boolean done;
    /** How much of {@link #fromUs} the test has taken. */
    private int taken;

    ProxyTunnelTest() {
        MemoryLink[] cable = MemoryLink.pair();
        proxy = cable[1];
        stack = new NetworkStack(cable[0], new MacAddress(OUR_MAC), new Route(OUR_IP, 24, 0), false,
                new IsnGenerator(new byte[32]));
    }

    private void start(List<String> certificateNames) throws Exception {
        origin = TlsTestServer.withCertificateFor(certificateNames);
        Path ca = Files.writeString(dir.resolve("ca.pem"), origin.caPem(), US_ASCII);
        HttpUrl url = HttpUrl.parse("https://" + ORIGIN + "/f.bin");
        Transport.Factory layer = new Transports(ca.toString(), false, warning -> { })
                .throughProxy(url, new ConnectRequest(url, "UA", "Basic YWxpY2U6czNjcmV0"));
        transfer = new HttpTransfer(stack, TcpConfig.defaults(MSS),
                new HttpTransfer.Target(PROXY_IP, PROXY_PORT, OUR_PORT, REQUEST, "proxy"), layer,
                head -> new MemorySink(body));
        handshake();
    }

    @Test
    void connectFirstThenTlsWithTheOriginInsideTheTunnel() throws Exception {
        start(List.of(ORIGIN));
        assertThat(new String(takeFromUs(), US_ASCII)).isEqualTo(CONNECT); // the request waits for the tunnel

        fromProxy(TcpFlags.PSH | TcpFlags.ACK, "HTTP/1.0 200 Connection established\r\nProxy-agent: t\r\n\r\n"
                .getBytes(US_ASCII));
        String plaintext = relayUntilRequest();

        assertThat(origin.failure()).isNull();
        assertThat(origin.requestedHostNames()).containsExactly(ORIGIN);
        assertThat(plaintext).isEqualTo(new String(REQUEST, US_ASCII)); // origin-form, no Proxy-Authorization
        origin.send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello".getBytes(US_ASCII));
        origin.closeOutbound();
        fromProxy(TcpFlags.PSH | TcpFlags.ACK, origin.takeCiphertext());
        fromProxy(TcpFlags.FIN | TcpFlags.ACK, new byte[0]);
        for (int i = 0; i < 20 && !done; i++) {
            step();
        }
        assertThat(body.toString(US_ASCII)).isEqualTo("hello");
        assertThat(transfer.phases().wasEstablished()).isTrue();
        assertThat(transfer.connection().state()).isIn(TcpState.LAST_ACK, TcpState.CLOSED);
    }

    @Test
    void noClientHelloLeavesBeforeTheReplysBlankLine() throws Exception {
        start(List.of(ORIGIN));
        takeFromUs();

        fromProxy(TcpFlags.PSH | TcpFlags.ACK, "HTTP/1.1 200 OK\r\n".getBytes(US_ASCII));
        step();
        step();
        assertThat(takeFromUs()).isEmpty();

        fromProxy(TcpFlags.PSH | TcpFlags.ACK, "\r\n".getBytes(US_ASCII));
        step();
        step();
        byte[] hello = takeFromUs();
        assertThat(hello).isNotEmpty();
        assertThat(hello[0]).as("a TLS handshake record").isEqualTo((byte) 22);
    }

    /** wget 1.21.3 opens the tunnel on 200 only: another 2xx ends the exchange, and no ClientHello leaves. */
    @Test
    void aReplyOtherThan200OpensNoTunnel() throws Exception {
        start(List.of(ORIGIN));
        takeFromUs();

        fromProxy(TcpFlags.PSH | TcpFlags.ACK, "HTTP/1.1 204 No Content\r\n\r\n".getBytes(US_ASCII));

        assertThatThrownBy(() -> {
            step();
            step();
        }).isInstanceOfSatisfying(DownloadException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NETWORK))
                .hasMessage("Proxy tunneling failed: No ContentUnable to establish SSL connection.");
        assertThat(takeFromUs()).isEmpty();
        assertThat(body.size()).isZero();
    }

    @Test
    void theCertificateIsCheckedForTheOriginsName() throws Exception {
        start(List.of("other.invalid"));
        takeFromUs();
        fromProxy(TcpFlags.PSH | TcpFlags.ACK, "HTTP/1.1 200 OK\r\n\r\n".getBytes(US_ASCII));

        assertThatThrownBy(this::relayUntilRequest).isInstanceOfSatisfying(DownloadException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.TLS)).hasMessageContaining(ORIGIN);
        assertThat(body.size()).isZero();
    }

    /** Carries the tunnel both ways until the origin has the whole request head; returns it. */
    private String relayUntilRequest() throws Exception {
        StringBuilder plaintext = new StringBuilder();
        for (int i = 0; i < 20 && plaintext.indexOf("\r\n\r\n") < 0; i++) {
            step();
            byte[] fromClient = takeFromUs();
            if (fromClient.length > 0) {
                origin.receive(fromClient);
            }
            byte[] toClient = origin.takeCiphertext();
            if (toClient.length > 0) {
                fromProxy(TcpFlags.PSH | TcpFlags.ACK, toClient);
            }
            plaintext.append(new String(origin.takePlaintext(), US_ASCII));
        }
        return plaintext.toString();
    }

    private void handshake() throws DownloadException {
        step(); // who-has
        byte[] arp = new byte[42];
        EthernetFrame.emitHeader(arp, 0, OUR_MAC, PROXY_MAC, EthernetFrame.TYPE_ARP);
        ArpPacket.emit(arp, 14, ArpPacket.OP_REPLY, PROXY_MAC, PROXY_IP, OUR_MAC, OUR_IP);
        proxy.send(arp, 0, arp.length);
        step(); // the SYN
        proxySegment(TcpFlags.SYN | TcpFlags.ACK, 0, new byte[0], 0, 0);
        step();
        step();
        assertThat(transfer.connection().state()).isEqualTo(TcpState.ESTABLISHED);
    }

    /** One turn of the event loop; what our side sent is gathered in order. */
    private void step() throws DownloadException {
        stack.poll(now);
        done = transfer.advance(now);
        stack.poll(now);
        for (byte[] f; (f = proxy.poll()) != null; ) {
            if (f.length <= TCP_AT || ((f[12] & 0xFF) << 8 | (f[13] & 0xFF)) != EthernetFrame.TYPE_IPV4) {
                continue;
            }
            TcpSegment s = new TcpSegment();
            assertThat(s.wrap(f, TCP_AT, f.length - TCP_AT)).isNull();
            if (s.has(TcpFlags.SYN)) {
                ourIsn = s.seq();
            } else if (s.seq() == ourIsn + 1 + fromUs.size() && s.payloadLength() > 0) {
                fromUs.write(s.buffer(), s.payloadOffset(), s.payloadLength());
            }
            ourFin |= s.has(TcpFlags.FIN);
        }
    }

    /** What our side sent since the last call. */
    private byte[] takeFromUs() {
        byte[] all = fromUs.toByteArray();
        byte[] fresh = Arrays.copyOfRange(all, taken, all.length);
        taken = all.length;
        return fresh;
    }

    /** Bytes from the proxy, cut to its MSS, acknowledging everything of ours so far. */
    private void fromProxy(int flags, byte[] payload) {
        int off = 0;
        do {
            int len = Math.min(MSS, payload.length - off);
            int last = off + len == payload.length ? flags : flags & ~TcpFlags.FIN;
            proxySegment(last, proxySeq, payload, off, len);
            proxySeq += len + ((last & TcpFlags.FIN) != 0 ? 1 : 0);
            off += len;
        } while (off < payload.length);
    }

    private void proxySegment(int flags, int seq, byte[] payload, int off, int len) {
        int ack = (flags & TcpFlags.SYN) != 0 ? ourIsn + 1 : ourIsn + 1 + fromUs.size() + (ourFin ? 1 : 0);
        int tcpLength = 20 + len;
        byte[] f = new byte[TCP_AT + tcpLength];
        EthernetFrame.emitHeader(f, 0, OUR_MAC, PROXY_MAC, EthernetFrame.TYPE_IPV4);
        Ipv4Packet.emitHeader(f, 14, PROXY_IP, OUR_IP, Ipv4Packet.PROTOCOL_TCP, tcpLength, 1, 64);
        TcpSegment.emitHeader(f, TCP_AT, PROXY_PORT, OUR_PORT, seq, ack, flags, 65535, null);
        System.arraycopy(payload, off, f, TCP_AT + 20, len);
        TcpSegment.fillChecksum(f, TCP_AT, tcpLength, PROXY_IP, OUR_IP);
        proxy.send(f, 0, f.length);
    }
}
