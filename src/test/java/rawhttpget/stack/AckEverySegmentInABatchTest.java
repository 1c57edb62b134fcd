package rawhttpget.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rawhttpget.arp.ArpCache;
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
import rawhttpget.tcp.TcpState;

/**
 * Several segments often arrive in one batch (one {@link NetworkStack#poll}): the capture thread queues what
 * came while the stack was busy. An ACK due for one of them must leave before the next is processed, as
 * Linux's does: one ACK for the whole batch carries at most three SACK blocks, so with more holes than that
 * opening in one batch the sender never hears of some received data and resends it.
 */
class AckEverySegmentInABatchTest {
    private static final int OUR_IP = Ipv4Address.parseBits("198.18.1.2");
    private static final int PEER_IP = Ipv4Address.parseBits("198.18.1.1");
    private static final long OUR_MAC = MacAddress.parse("02:00:00:00:00:02").bits();
    private static final long PEER_MAC = MacAddress.parse("02:00:00:00:00:01").bits();
    private static final int PEER_ISS = 1_000_000;
    private static final int SEGMENT = 1000;

    private final MemoryLink[] cable = MemoryLink.pair();
    private final MemoryLink wire = cable[1];
    private final NetworkStack stack = new NetworkStack(cable[0], new MacAddress(OUR_MAC), new Route(OUR_IP, 24, 0), true,
            new IsnGenerator(new byte[16]));
    private final TcpSegment seg = new TcpSegment();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final TcpOptions opts = new TcpOptions();

    @Test
    void fiveHolesOpenedInOneBatchAreAllReportedInSackBlocks() {
        TcpConnection c = establish();
        // One batch: segments 1, 3, 5, 7 and 9 of ten; 0, 2, 4, 6 and 8 lost.
        for (int i = 1; i < 10; i += 2) {
            wire.send(dataFrame(PEER_ISS + 1 + i * SEGMENT, SEGMENT), 0, 14 + 20 + 32 + SEGMENT);
        }
        stack.poll(10_000_000L);

        Set<Long> reported = new TreeSet<>();
        int acks = 0;
        for (byte[] f : drain()) {
            parse(f);
            if (seg.has(TcpFlags.ACK) && seg.payloadLength() == 0) {
                acks++;
                assertThat(seg.ack()).isEqualTo(PEER_ISS + 1);
                for (int b = 0; b < opts.sackBlockCount; b++) {
                    reported.add((long) (opts.sackBlocks[2 * b] - PEER_ISS - 1) << 32
                            | (opts.sackBlocks[2 * b + 1] - PEER_ISS - 1));
                }
            }
        }
        assertThat(acks).as("one ACK per out-of-order segment").isEqualTo(5);
        List<Long> expected = new ArrayList<>();
        for (int i = 1; i < 10; i += 2) {
            expected.add((long) i * SEGMENT << 32 | (i + 1) * SEGMENT);
        }
        assertThat(reported).as("every received block reported at least once").containsExactlyElementsOf(expected);
        assertThat(c.state()).isEqualTo(TcpState.ESTABLISHED);
    }

    /**
     * In-order data with no hole carries no SACK news, so its ACK waits for the end of the batch: at LAN rates
     * an ACK every second segment costs a system call per two segments (docs/PERFORMANCE.md has the CPU it cost).
     */
    @Test
    void inOrderSegmentsOfOneBatchAreAckedOnceAtItsEnd() {
        TcpConnection c = establish();
        for (int i = 0; i < 10; i++) {
            wire.send(dataFrame(PEER_ISS + 1 + i * SEGMENT, SEGMENT), 0, 14 + 20 + 32 + SEGMENT);
        }
        stack.poll(10_000_000L);

        List<Integer> acks = new ArrayList<>();
        for (byte[] f : drain()) {
            parse(f);
            if (seg.has(TcpFlags.ACK) && seg.payloadLength() == 0) {
                acks.add(seg.ack() - PEER_ISS - 1);
                assertThat(opts.sackBlockCount).isZero();
            }
        }
        assertThat(acks).as("one ACK, for all ten segments").containsExactly(10 * SEGMENT);
        assertThat(c.readable()).isEqualTo(10 * SEGMENT);
    }

    /**
     * A batch of in-order full segments (1448 bytes with timestamps) is acked as Linux acks the same segments
     * merged by GRO: an ACK as soon as 64 KiB are unacknowledged (the largest GRO packet; 46 segments are the
     * first run past 65 536 bytes), and one for the rest at the end of the batch. An ACK below the batch's
     * last byte can only have left mid-batch. A lone segment after a boundary waits for the delayed-ACK timer,
     * as the segment-level rule says.
     */
    @ParameterizedTest(name = "{0} full segments in one batch: ACKs {1}, then {2} by the delayed-ACK timer")
    @CsvSource({
            "3,   4344,                 ''",
            "45,  65160,                ''",
            "46,  66608,                ''",
            "47,  66608,                68056",
            "100, 66608 133216 144800,  ''",
    })
    void aBatchOfInOrderSegmentsIsAckedAtEach64KiBAndAtItsEnd(int segments, String inBatch, String delayed) {
        TcpConnection c = establish();
        int full = 1448;
        for (int i = 0; i < segments; i++) {
            wire.send(dataFrame(PEER_ISS + 1 + i * full, full), 0, 14 + 20 + 32 + full);
        }
        stack.poll(10_000_000L);
        assertThat(pureAcks()).isEqualTo(inBatch);

        stack.poll(10_000_000L + 40_000_000L);
        assertThat(pureAcks()).isEqualTo(delayed);
        assertThat(c.readable()).isEqualTo(segments * full);
    }

    /** The ACK numbers (relative) of the pure ACKs sent since the last look, space-separated. */
    private String pureAcks() {
        List<String> acks = new ArrayList<>();
        for (byte[] f : drain()) {
            parse(f);
            if (seg.has(TcpFlags.ACK) && seg.payloadLength() == 0) {
                acks.add(Integer.toString(seg.ack() - PEER_ISS - 1));
            }
        }
        return String.join(" ", acks);
    }

    @Test
    void aHoleOpenedAfterInOrderDataIsStillAckedAtOnce() {
        establish();
        // Segments 0 and 1 in order (their ACK may wait), then 3: out of order, acked before anything else.
        for (int i : new int[] {0, 1, 3}) {
            wire.send(dataFrame(PEER_ISS + 1 + i * SEGMENT, SEGMENT), 0, 14 + 20 + 32 + SEGMENT);
        }
        stack.poll(10_000_000L);

        List<Integer> acks = new ArrayList<>();
        for (byte[] f : drain()) {
            parse(f);
            if (seg.has(TcpFlags.ACK) && seg.payloadLength() == 0) {
                acks.add(seg.ack() - PEER_ISS - 1);
            }
        }
        assertThat(acks).as("the out-of-order segment's ACK, with SACK").containsExactly(2 * SEGMENT);
        assertThat(opts.sackBlockCount).isEqualTo(1);
        assertThat(opts.sackBlocks[0] - PEER_ISS - 1).isEqualTo(3 * SEGMENT);
        assertThat(opts.sackBlocks[1] - PEER_ISS - 1).isEqualTo(4 * SEGMENT);
    }

    private TcpConnection establish() {
        assertThat(stack.resolve(PEER_IP, 0)).isEqualTo(ArpCache.NO_ENTRY);
        drain();
        byte[] arp = new byte[60];
        EthernetFrame.emitHeader(arp, 0, OUR_MAC, PEER_MAC, EthernetFrame.TYPE_ARP);
        ArpPacket.emit(arp, 14, ArpPacket.OP_REPLY, PEER_MAC, PEER_IP, OUR_MAC, OUR_IP);
        wire.send(arp, 0, arp.length);
        stack.poll(1_000_000L);
        assertThat(stack.resolve(PEER_IP, 1_000_000L)).isEqualTo(PEER_MAC);
        TcpConnection c = stack.connect(TcpConfig.defaults(1460), 40_000, PEER_IP, 80, 1_000_000L);
        stack.poll(1_000_000L);
        List<byte[]> syn = drain();
        assertThat(syn).hasSize(1);
        parse(syn.get(0));
        int iss = seg.seq();
        TcpOptions synAck = new TcpOptions();
        synAck.mss = 1460;
        synAck.sackPermitted = true;
        synAck.windowScale = 7;
        synAck.hasTimestamp = true;
        synAck.tsVal = 100;
        synAck.tsEcr = opts.tsVal;
        wire.send(frame(PEER_ISS, iss + 1, TcpFlags.SYN | TcpFlags.ACK, synAck, 0), 0, 14 + 20 + 40);
        stack.poll(2_000_000L);
        assertThat(c.state()).isEqualTo(TcpState.ESTABLISHED);
        drain();
        this.ourIss = iss;
        return c;
    }

    private int ourIss;

    private byte[] dataFrame(int seq, int length) {
        TcpOptions ts = new TcpOptions();
        ts.hasTimestamp = true;
        ts.tsVal = 101;
        return frame(seq, ourIss + 1, TcpFlags.ACK, ts, length);
    }

    private byte[] frame(int seq, int ack, int flags, TcpOptions options, int payload) {
        byte[] b = new byte[14 + 20 + 20 + options.length() + payload];
        int tcpAt = 34;
        int payloadAt = TcpSegment.emitHeader(b, tcpAt, 80, 40_000, seq, ack, flags, 512, options);
        int tcpLength = payloadAt - tcpAt + payload;
        TcpSegment.fillChecksum(b, tcpAt, tcpLength, PEER_IP, OUR_IP);
        Ipv4Packet.emitHeader(b, 14, PEER_IP, OUR_IP, Ipv4Packet.PROTOCOL_TCP, tcpLength, 1, 64);
        EthernetFrame.emitHeader(b, 0, OUR_MAC, PEER_MAC, EthernetFrame.TYPE_IPV4);
        return b;
    }

    private List<byte[]> drain() {
        List<byte[]> frames = new ArrayList<>();
        byte[] f;
        while ((f = wire.poll()) != null) {
            frames.add(f);
        }
        return frames;
    }

    private void parse(byte[] f) {
        assertThat(ip.wrap(f, 14, f.length - 14)).isNull();
        assertThat(seg.wrap(f, ip.payloadOffset(), ip.payloadLength())).isNull();
        assertThat(seg.parseOptions(opts)).isNull();
    }
}
