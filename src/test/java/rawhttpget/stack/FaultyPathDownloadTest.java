package rawhttpget.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rawhttpget.inet.MacAddress;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.ipv4.Route;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.ipv6.Ipv6Route;
import rawhttpget.link.FaultInjectingLink;
import rawhttpget.link.LinkFaults;
import rawhttpget.link.MemoryLink;
import rawhttpget.tcp.IsnGenerator;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpState;
import rawhttpget.time.ManualClock;

/**
 * The whole stack (NetworkStack, ARP, IPv4, TcpConnection) downloads a body from {@link ScriptedTcpSender}
 * over a {@link MemoryLink} whose client end is wrapped in a seeded {@link FaultInjectingLink}, in virtual
 * time. For every seed and every kind of fault the bytes received must be exactly the bytes sent, the
 * connection must close cleanly, the sender must see no receiver misbehaviour, and the run must end within
 * a bound of virtual time.
 */
class FaultyPathDownloadTest {
    private static final long MS = 1_000_000L;
    private static final int CLIENT_IP = Ipv4Address.parseBits("198.18.1.2");
    private static final int SERVER_IP = Ipv4Address.parseBits("198.18.1.1");
    private static final Ipv6Address CLIENT_IP6 = Ipv6Address.parse("2001:2:0:1::2");
    private static final Ipv6Address SERVER_IP6 = Ipv6Address.parse("2001:2:0:1::1");
    private static final long CLIENT_MAC = MacAddress.parse("02:00:00:00:00:02").bits();
    private static final long SERVER_MAC = MacAddress.parse("02:00:00:00:00:01").bits();
    private static final byte[] REQUEST = "GET /file HTTP/1.1\r\nHost: files.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int SEEDS = 20;
    private static final long RATE = 100_000_000L;
    private static final long ONE_WAY = 20 * MS;

    /**
     * The path of the WAN e2e tests, 20 ms each way at 100 Mbit/s, with each impairment in turn, and the
     * virtual time a download of ~600 kB must end within. The bounds are about three times the slowest of 20
     * seeds when they were set (clean 0.46 s; 1 % loss 3.1 s; 5 % loss 10.5 s; reordering 4.3 s; 1 %
     * corruption 3.7 s; everything 8.8 s): the simple sender's timeouts dominate the lossy cases, and a
     * receiver that stalls a transfer (a lost window update, a missing ACK) takes far longer.
     */
    enum Path {
        CLEAN(LinkFaults.NONE, 1_500),
        LOSS_1(LinkFaults.NONE.withDrop(0.01), 10_000),
        LOSS_5(LinkFaults.NONE.withDrop(0.05), 30_000),
        REORDER(LinkFaults.NONE.withDelay(0, 5 * MS), 15_000),
        DUPLICATE_1(LinkFaults.NONE.withDuplicate(0.01), 1_500),
        CORRUPT_1(LinkFaults.NONE.withCorrupt(0.01), 10_000),
        EVERYTHING(LinkFaults.NONE.withDrop(0.03).withDuplicate(0.03).withCorrupt(0.03).withDelay(0, 5 * MS), 30_000);

        final LinkFaults inbound;
        final LinkFaults outbound;
        final long bound;

        Path(LinkFaults extra, long boundMillis) {
            this.bound = boundMillis * MS;
            this.inbound = extra.withDelay(ONE_WAY + extra.delayNanos(), extra.jitterNanos()).withRate(RATE);
            this.outbound = extra.withDelay(ONE_WAY + extra.delayNanos(), extra.jitterNanos());
        }
    }

    static Stream<Arguments> pathsAndSeeds() {
        return Arrays.stream(Path.values())
                .flatMap(p -> IntStream.rangeClosed(1, SEEDS).mapToObj(seed -> Arguments.of(p, seed)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("pathsAndSeeds")
    void everySeedDownloadsTheIdenticalBody(Path path, int seed) {
        byte[] body = randomBody(seed, 600_000 + seed * 1_237);
        Run run = new Run(path.inbound, path.outbound, seed, body, TcpConfig.defaults(1460), 0);
        run.untilDone(path.bound);
        run.assertIdenticalAndClean();
    }

    /**
     * A reader that stalls for 300 ms at a time (a slow disk, a stalled pipe): the window closes, the sender
     * probes it, and the window update after each drain must get the transfer going again.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aSlowReaderThrottlesTheSenderAndStillGetsEveryByte(int seed) {
        byte[] body = randomBody(seed, 300_000);
        TcpConfig small = TcpConfig.defaults(1460).withReceiveBuffer(32 * 1024);
        Run run = new Run(Path.LOSS_1.inbound, Path.LOSS_1.outbound, seed, body, small, 300 * MS);
        run.untilDone(120_000 * MS);
        run.assertIdenticalAndClean();
        assertThat(run.connection.stats().zeroWindowsAdvertised).as("the window closed at least once").isPositive();
    }

    /**
     * The same paths over IPv6 (Neighbor Discovery instead of ARP, the IPv6 pseudo-header, MSS 1440): the family
     * matters to the checksums a corrupted frame must fail and to the segment sizes; five seeds a path.
     */
    @ParameterizedTest(name = "IPv6 {0} seed {1}")
    @MethodSource("pathsAndFewSeeds")
    void everySeedDownloadsTheIdenticalBodyOverIpv6(Path path, int seed) {
        byte[] body = randomBody(seed, 600_000 + seed * 1_237);
        Run run = new Run(path.inbound, path.outbound, seed, body, TcpConfig.defaults(1460), 0, true);
        run.untilDone(path.bound);
        run.assertIdenticalAndClean();
        assertThat(run.connection.remoteAddress().isIpv6()).isTrue();
    }

    static Stream<Arguments> pathsAndFewSeeds() {
        return Arrays.stream(Path.values()).flatMap(p -> IntStream.rangeClosed(1, 5).mapToObj(seed -> Arguments.of(p, seed)));
    }

    static IntStream seeds() {
        return IntStream.rangeClosed(1, 5);
    }

    private static byte[] randomBody(int seed, int length) {
        byte[] b = new byte[length];
        new SplittableRandom(seed * 7919L).nextBytes(b);
        return b;
    }

    /** One download in virtual time (SegmentObserverDownloadTest runs one too). */
    static final class Run {
        static final long START = 1_000 * MS;
        final ManualClock clock = new ManualClock(START);
        final MemoryLink clientEnd;
        final MemoryLink serverEnd;
        final FaultInjectingLink link;
        final NetworkStack stack;
        final ScriptedTcpSender server;
        final byte[] body;
        final byte[] received;
        /** The application reads everything waiting once per this interval; 0: at every poll. */
        final long readInterval;
        final TcpConfig config;
        int receivedLength;
        TcpConnection connection;
        boolean closed;
        long lastReadAt;

        Run(LinkFaults inbound, LinkFaults outbound, int seed, byte[] body, TcpConfig config, long readInterval) {
            this(inbound, outbound, seed, body, config, readInterval, false);
        }

        final boolean ipv6;

        Run(LinkFaults inbound, LinkFaults outbound, int seed, byte[] body, TcpConfig config, long readInterval,
            boolean ipv6) {
            this.ipv6 = ipv6;
            MemoryLink[] ends = MemoryLink.pair();
            this.clientEnd = ends[0];
            this.serverEnd = ends[1];
            this.link = new FaultInjectingLink(ends[0], inbound, outbound, seed, clock);
            this.stack = new NetworkStack(link, new MacAddress(CLIENT_MAC), new Route(CLIENT_IP, 24, 0), true,
                    new IsnGenerator(new byte[16]));
            this.server = new ScriptedTcpSender(ends[1], SERVER_MAC, SERVER_IP, 80, body, REQUEST.length, 1460,
                    0x7000_0000 + seed);
            if (ipv6) {
                stack.enableIpv6(new Ipv6Route(CLIENT_IP6, 64, null), true);
                server.speakIpv6(SERVER_IP6);
            }
            this.body = body;
            this.received = new byte[body.length];
            this.config = config;
            this.readInterval = readInterval;
        }

        void untilDone(long limit) {
            long start = START;
            int stuck = 0;
            while (!done()) {
                long now = clock.nanos();
                assertThat(now - start).as("virtual time used; %s; %s", server.describe(), link.describeCounts())
                        .isLessThan(limit);
                step(now);
                if (done()) {
                    return;
                }
                long next = nextEvent();
                if (next - now > 0) {
                    clock.set(next);
                    stuck = 0;
                } else {
                    assertThat(++stuck).as("polls at one instant without progress; %s", server.describe())
                            .isLessThan(10_000);
                }
            }
        }

        private boolean done() {
            return connection != null && closed && server.finished() && (connection.state() == TcpState.CLOSED
                    || connection.state() == TcpState.TIME_WAIT);
        }

        private void step(long now) {
            stack.poll(now);
            if (connection == null && ipv6) {
                connection = stack.connect(config, 40_000, SERVER_IP6, 80, now);
                connection.write(REQUEST, 0, REQUEST.length);
            }
            if (connection == null) {
                long mac = stack.resolve(SERVER_IP, now);
                if (mac != rawhttpget.arp.ArpCache.NO_ENTRY) {
                    stack.pinNextHop(SERVER_IP, mac);
                    connection = stack.connect(config, 40_000, SERVER_IP, 80, now);
                    connection.write(REQUEST, 0, REQUEST.length);
                }
            }
            if (connection != null) {
                read(now);
                if (connection.isReceiveFinished() && !closed) {
                    connection.close();
                    closed = true;
                }
                assertThat(connection.failure()).as("connection failure; %s", server.describe()).isNull();
            }
            stack.poll(now);
            server.poll(now);
        }

        private void read(long now) {
            if (now - lastReadAt < readInterval) {
                return;
            }
            lastReadAt = now;
            connection.drainTo((b, off, len) -> {
                assertThat(receivedLength + len).as("more bytes than the body").isLessThanOrEqualTo(received.length);
                System.arraycopy(b, off, received, receivedLength, len);
                receivedLength += len;
                return len;
            });
        }

        private long nextEvent() {
            if (clientEnd.pending() > 0 || serverEnd.pending() > 0) {
                return clock.nanos(); // frames in flight on the cable reach the other end at this instant
            }
            long next = min(stack.pollAt(), link.nextDueAt());
            next = min(next, server.pollAt());
            if (readInterval > 0 && connection != null && connection.readable() > 0) {
                next = min(next, lastReadAt + readInterval);
            }
            return next == Long.MAX_VALUE ? clock.nanos() + 1_000 * MS : next;
        }

        private static long min(long a, long b) {
            return a - b <= 0 ? a : b;
        }

        void assertIdenticalAndClean() {
            assertThat(server.violations()).as("receiver misbehaviour seen by the sender").isEmpty();
            assertThat(server.request()).as("request").isEqualTo(REQUEST);
            assertThat(receivedLength).as("bytes received; %s", server.describe()).isEqualTo(body.length);
            assertThat(Arrays.equals(received, body)).as("received bytes identical to the body").isTrue();
            assertThat(connection.failure()).isNull();
        }
    }
}
