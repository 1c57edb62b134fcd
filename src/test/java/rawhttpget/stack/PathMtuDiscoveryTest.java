package rawhttpget.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import rawhttpget.arp.ArpCache;
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
import rawhttpget.tcp.TcpState;

/**
 * Path MTU discovery (RFC 1191) through the whole stack: between our stack and {@link ScriptedTcpSender} sits a
 * router whose link toward the server carries at most {@link #NARROW_MTU} bytes. Our packets carry DF, so
 * it drops a bigger one and answers with ICMP fragmentation-needed; the request must still get through, in
 * segments that fit, without waiting for a retransmission timeout.
 */
class PathMtuDiscoveryTest {
    private static final long MS = 1_000_000L;
    private static final int NARROW_MTU = 1400;
    private static final int CLIENT_IP = Ipv4Address.parseBits("198.18.2.2");
    private static final int SERVER_IP = Ipv4Address.parseBits("198.18.2.1");
    private static final int ROUTER_IP = Ipv4Address.parseBits("198.18.2.254");
    private static final long CLIENT_MAC = MacAddress.parse("02:00:00:00:00:02").bits();
    private static final long SERVER_MAC = MacAddress.parse("02:00:00:00:00:01").bits();

    /** A GET whose request line is long enough to need two full-sized segments and a part of a third. */
    private static final byte[] REQUEST = ("GET /file?" + "q".repeat(3500) + " HTTP/1.1\r\nHost: files.test\r\n\r\n")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] BODY = new byte[100_000];

    private final MemoryLink[] clientCable = MemoryLink.pair();
    private final MemoryLink[] serverCable = MemoryLink.pair();
    private final NetworkStack stack = new NetworkStack(clientCable[0], new MacAddress(CLIENT_MAC),
            new Route(CLIENT_IP, 24, 0), true, new IsnGenerator(new byte[16]));
    private final ScriptedTcpSender server = new ScriptedTcpSender(serverCable[1], SERVER_MAC, SERVER_IP, 80, BODY,
            REQUEST.length, 1460, 12345);
    /** IPv4 total length of every packet from us the router forwarded or refused, in order. */
    private final List<Integer> clientPacketSizes = new ArrayList<>();
    private final List<Integer> icmpSent = new ArrayList<>();
    private boolean reportMtu = true;
    private TcpConnection connection;
    private long receivedBody;

    @Test
    void aTooBigSegmentIsResentAtOnceInSegmentsThatFit() {
        long doneAt = run(10_000);
        assertThat(server.request()).isEqualTo(REQUEST);
        assertThat(receivedBody).isEqualTo(BODY.length);
        // The first flight holds two full-sized segments (and the rest of the request): both are refused,
        // and after the first ICMP nothing too big leaves again.
        assertThat(icmpSent).containsExactly(NARROW_MTU, NARROW_MTU);
        assertThat(clientPacketSizes.stream().filter(n -> n > NARROW_MTU)).as("too big: the first flight's")
                .containsExactly(1500, 1500);
        assertThat(clientPacketSizes.stream().max(Integer::compare)).hasValue(1500);
        assertThat(clientPacketSizes.stream().filter(n -> n > 100 && n <= NARROW_MTU).max(Integer::compare))
                .as("full segments after the ICMP fill the narrow MTU").hasValue(NARROW_MTU);
        assertThat(doneAt).as("no retransmission timeout: the resend follows the ICMP at once").isLessThan(200 * MS);
    }

    @Test
    void aRouterThatDoesNotSayTheMtuMakesUsStepDownThePlateaus() {
        reportMtu = false;
        run(10_000);
        assertThat(server.request()).isEqualTo(REQUEST);
        assertThat(receivedBody).isEqualTo(BODY.length);
        // 1500 refused (twice: two full segments in the first flight); the plateau below is 1492, also
        // refused; below that 1006, which fits.
        assertThat(clientPacketSizes.stream().filter(n -> n > NARROW_MTU)).containsExactly(1500, 1500, 1492, 1492);
        assertThat(clientPacketSizes.stream().filter(n -> n <= NARROW_MTU).max(Integer::compare))
                .as("the largest packet forwarded").hasValue(1006);
    }

    @Test
    void anIcmpAboutDataNotInFlightChangesNothing() {
        // Established, request acknowledged, nothing in flight: a blind "fragmentation needed" quoting any
        // sequence number must not shrink our segments (RFC 5927 §4.1).
        long now = 0;
        while (connection == null || connection.state() != TcpState.ESTABLISHED || server.request().length == 0) {
            step(now);
            now += MS;
        }
        stack.poll(now);
        assertThat(connection.onFragmentationNeeded(600, 1500, 0x1234_5678, now)).isFalse();
    }

    /** Runs until the body is in and the connection closed; returns when the request was complete. */
    private long run(int maxMillis) {
        long requestDoneAt = -1;
        for (long now = 0; now < maxMillis * MS; now += MS / 10) {
            step(now);
            if (requestDoneAt < 0 && server.request().length == REQUEST.length) {
                requestDoneAt = now;
            }
            if (connection != null && connection.state() == TcpState.CLOSED && server.finished()) {
                return requestDoneAt;
            }
        }
        throw new AssertionError("not done after " + maxMillis + " ms: " + server.describe());
    }

    private void step(long now) {
        stack.poll(now);
        if (connection == null) {
            long mac = stack.resolve(SERVER_IP, now);
            if (mac != ArpCache.NO_ENTRY) {
                connection = stack.connect(TcpConfig.defaults(1460), 40_000, SERVER_IP, 80, now);
                connection.write(REQUEST, 0, REQUEST.length);
            }
        } else {
            receivedBody += connection.drainTo((b, off, len) -> len);
            if (connection.isReceiveFinished() && connection.state() == TcpState.CLOSE_WAIT) {
                connection.close();
            }
        }
        stack.poll(now);
        route();
        server.poll(now);
        route();
    }

    /** Moves frames between the two cables; refuses our IPv4 packets above the narrow MTU. */
    private void route() {
        byte[] f;
        while ((f = clientCable[1].poll()) != null) {
            int type = ((f[12] & 0xFF) << 8) | (f[13] & 0xFF);
            if (type == EthernetFrame.TYPE_IPV4) {
                int totalLength = ((f[16] & 0xFF) << 8) | (f[17] & 0xFF);
                clientPacketSizes.add(totalLength);
                if (totalLength > NARROW_MTU) {
                    assertThat(f[20] & 0x40).as("DF set").isNotZero();
                    clientCable[1].send(fragmentationNeeded(f), 0, 14 + 20 + 8 + 28);
                    icmpSent.add(reportMtu ? NARROW_MTU : 0);
                    continue;
                }
            }
            serverCable[0].send(f, 0, f.length);
        }
        while ((f = serverCable[0].poll()) != null) {
            clientCable[1].send(f, 0, f.length);
        }
    }

    /** ICMP type 3 code 4 from the router, quoting the refused packet's IP header and first 8 bytes. */
    private byte[] fragmentationNeeded(byte[] refused) {
        byte[] b = new byte[14 + 20 + 8 + 28];
        EthernetFrame.emitHeader(b, 0, CLIENT_MAC, SERVER_MAC, EthernetFrame.TYPE_IPV4);
        Ipv4Packet.emitHeader(b, 14, ROUTER_IP, CLIENT_IP, Ipv4Packet.PROTOCOL_ICMP, 8 + 28, 1, 64);
        int icmp = 34;
        b[icmp] = 3;
        b[icmp + 1] = 4;
        int mtu = reportMtu ? NARROW_MTU : 0;
        b[icmp + 6] = (byte) (mtu >> 8);
        b[icmp + 7] = (byte) mtu;
        System.arraycopy(refused, 14, b, icmp + 8, 28);
        int sum = InternetChecksum.of(b, icmp, 8 + 28);
        b[icmp + 2] = (byte) (sum >> 8);
        b[icmp + 3] = (byte) sum;
        assertThat(Arrays.copyOfRange(b, icmp + 8, icmp + 12)).isEqualTo(Arrays.copyOfRange(refused, 14, 18));
        return b;
    }
}
