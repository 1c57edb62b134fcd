package rawhttpget.stack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import rawhttpget.arp.ArpPacket;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.MacAddress;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.ipv4.Route;
import rawhttpget.link.MemoryLink;
import rawhttpget.tcp.IsnGenerator;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the stack says about frames, at which level, and what saying nothing costs. */
class NetworkStackLogTest {
    private static final long OUR_MAC = 0x020000000001L;
    private static final long PEER_MAC = 0x020000000002L;
    private static final long OTHER_MAC = 0x020000000099L;
    private static final int OUR_IP = Ipv4Address.parseBits("198.18.1.50");
    private static final int PEER_IP = Ipv4Address.parseBits("198.18.1.1");

    private final Logger parent = (Logger) LoggerFactory.getLogger("rawhttpget");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final MemoryLink[] cable = MemoryLink.pair();
    private final NetworkStack stack = new NetworkStack(cable[0], new MacAddress(OUR_MAC), new Route(OUR_IP, 24, 0), true,
            new IsnGenerator(new byte[32]));

    @BeforeEach
    void capture() {
        lines.start();
        parent.addAppender(lines);
        parent.setAdditive(false); // keep the test's lines off the console
    }

    @AfterEach
    void restore() {
        parent.detachAppender(lines);
        parent.setAdditive(true);
        for (String layer : List.of("", ".link", ".arp", ".ip", ".tcp")) {
            ((Logger) LoggerFactory.getLogger("rawhttpget" + layer)).setLevel(null);
        }
    }

    private static void level(String logger, Level level) {
        ((Logger) LoggerFactory.getLogger(logger)).setLevel(level);
    }

    private List<String> messages() {
        return lines.list.stream().map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()).toList();
    }

    private static byte[] frameTo(long dst) {
        byte[] f = new byte[60];
        EthernetFrame.emitHeader(f, 0, dst, PEER_MAC, EthernetFrame.TYPE_IPV4);
        return f;
    }

    private static byte[] arpRequestForUs() {
        byte[] f = new byte[60];
        int at = EthernetFrame.emitHeader(f, 0, MacAddress.BROADCAST.bits(), PEER_MAC, EthernetFrame.TYPE_ARP);
        ArpPacket.emit(f, at, ArpPacket.OP_REQUEST, PEER_MAC, PEER_IP, 0, OUR_IP);
        return f;
    }

    @Test
    void droppedFrameSaysWhyAtDebug() {
        level("rawhttpget", Level.DEBUG);
        cable[0].inject(frameTo(OTHER_MAC));
        stack.poll(0);
        assertThat(messages()).containsExactly("DEBUG rawhttpget.link drop: ethernet: to 02:00:00:00:00:99, not us");
        assertThat(stack.stats().framesDropped).isEqualTo(1);
    }

    @Test
    void droppingFramesForOthersBuildsNoReasonWhileDebugIsOff() {
        level("rawhttpget", Level.INFO);
        int frames = 10_000;
        long least = Long.MAX_VALUE;
        for (int pass = 0; pass < 5; pass++) {
            for (int i = 0; i < frames; i++) {
                cable[0].inject(frameTo(OTHER_MAC));
            }
            long before = allocated();
            stack.poll(pass);
            least = Math.min(least, allocated() - before);
        }
        // A reason string per frame would be some 100 bytes each, a megabyte in all; what remains is per poll.
        assertThat(least).isLessThan(frames);
        assertThat(stack.stats().framesDropped).isEqualTo(5L * frames);
        assertThat(messages()).isEmpty();
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void arpExchangeReadsLikeTcpdumpAtDebugOnTheArpLogger() {
        level("rawhttpget.arp", Level.DEBUG);
        cable[0].inject(arpRequestForUs());
        stack.poll(0);
        assertThat(messages()).contains(
                "DEBUG rawhttpget.arp In  ARP, Request who-has 198.18.1.50 tell 198.18.1.1, length 46",
                "DEBUG rawhttpget.arp Out ARP, Reply 198.18.1.50 is-at 02:00:00:00:00:01, length 46");
    }

    @Test
    void framesAreDumpedInHexOnlyAtTrace() {
        level("rawhttpget.link", Level.DEBUG);
        cable[0].inject(arpRequestForUs());
        stack.poll(0);
        assertThat(messages()).noneMatch(m -> m.contains("0x0000:"));

        level("rawhttpget.link", Level.TRACE);
        cable[0].inject(arpRequestForUs());
        stack.poll(1);
        assertThat(messages()).anyMatch(m -> m.startsWith(
                "TRACE rawhttpget.link In  02:00:00:00:00:02 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 60\n"
                        + "\t0x0000:  ffff ffff ffff 0200 0000 0002 0806 0001\n"))
                .anyMatch(m -> m.startsWith(
                        "TRACE rawhttpget.link Out 02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype ARP (0x0806), length 60\n"));
    }
}
