package rawhttpget.exchange;

import rawhttpget.testing.MemorySink;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import rawhttpget.failure.DownloadException;
import rawhttpget.http.RequestMethod;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.inet.MacAddress;
import rawhttpget.ipv4.Route;
import rawhttpget.ipv6.Ipv6Route;
import rawhttpget.link.MemoryLink;
import rawhttpget.stack.NetworkStack;
import rawhttpget.tcp.IsnGenerator;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.testing.ScriptedHttpServer;

/**
 * Happy Eyeballs in virtual time: an exchange to the IPv6 address raced by the IPv4 one. With the IPv6 path
 * black-holed the IPv4 connection starts 250 ms after the first SYN and carries the exchange; with IPv6 answering at
 * once there is no race at all.
 */
class ConnectRaceTest {
    private static final long MS = 1_000_000L;
    private static final int OUR_IP = Ipv4Address.parseBits("198.18.0.1");
    private static final int SERVER_IP = Ipv4Address.parseBits("198.18.0.2");
    private static final Ipv6Address OURS6 = Ipv6Address.parse("2001:2::1");
    private static final Ipv6Address SERVER6 = Ipv6Address.parse("2001:2::2");
    private static final String RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello";

    private final MemoryLink[] cable = MemoryLink.pair();
    private final NetworkStack stack = new NetworkStack(cable[0], new MacAddress(0x02_00_00_00_00_01L),
            new Route(OUR_IP, 24, 0), true, new IsnGenerator(new byte[32]));
    private final ScriptedHttpServer server = new ScriptedHttpServer(cable[1], 0x02_00_00_00_00_02L, SERVER_IP, 80,
            List.of(ScriptedHttpServer.Reply.respond(RESPONSE))).speakIpv6(SERVER6);
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private long now = 1_000 * MS;
    private boolean ipv4Won;
    private HttpTransfer transfer;

    ConnectRaceTest() throws DownloadException {
        stack.enableIpv6(new Ipv6Route(OURS6, 64, null), true);
        byte[] request = "GET / HTTP/1.1\r\nHost: s\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        transfer = new HttpTransfer(stack, TcpConfig.defaults(1460),
                new HttpTransfer.Target(SERVER6, 80, 40000, request, "s", RequestMethod.GET), PlainTransport.FACTORY,
                head -> new MemorySink(body));
        transfer.raceWith(new Ipv4Address(SERVER_IP), 40001, () -> ipv4Won = true);
    }

    @Test
    void aBlackHoledIpv6PathLosesToIpv4After250Ms() throws DownloadException {
        server.blackHoleIpv6Tcp();
        long start = now;
        long ipv4At = run();
        assertThat(body.toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(ipv4Won).isTrue();
        assertThat(transfer.connection().remoteAddress()).isEqualTo(new Ipv4Address(SERVER_IP));
        assertThat(ipv4At - start).as("the IPv4 SYN left at the attempt delay").isEqualTo(ConnectRace.ATTEMPT_DELAY_NANOS);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void anAnsweringIpv6PathIsNotRaced() throws DownloadException {
        run();
        assertThat(body.toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(ipv4Won).isFalse();
        assertThat(transfer.connection().remoteAddress()).isEqualTo(SERVER6);
    }

    /** Runs the exchange to its end; returns when the first IPv4 frame (ARP) left, or -1. */
    private long run() throws DownloadException {
        long ipv4At = -1;
        for (int i = 0; i < 10_000; i++) {
            stack.poll(now);
            if (transfer.advance(now)) {
                return ipv4At;
            }
            stack.poll(now);
            for (byte[] f : peek()) {
                if (ipv4At < 0 && ((f[12] & 0xFF) << 8 | (f[13] & 0xFF)) == 0x0806) {
                    ipv4At = now;
                }
            }
            server.serve();
            if (cable[0].pending() == 0) {
                now = Math.max(now + 1, Math.min(stack.pollAt(), transfer.wakeAt()));
            }
        }
        throw new AssertionError("never finished");
    }

    /** The frames on their way to the server, left in place for it. */
    private List<byte[]> peek() {
        List<byte[]> frames = new java.util.ArrayList<>();
        for (byte[] f; (f = cable[1].poll()) != null; ) {
            frames.add(f);
        }
        for (byte[] f : frames) {
            cable[1].inject(f);
        }
        return frames;
    }
}
