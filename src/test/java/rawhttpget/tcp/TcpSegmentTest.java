package rawhttpget.tcp;

import org.junit.jupiter.api.Test;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV4Rfc791Tos;
import org.pcap4j.packet.TcpMaximumSegmentSizeOption;
import org.pcap4j.packet.TcpNoOperationOption;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.TcpSackOption;
import org.pcap4j.packet.TcpSackPermittedOption;
import org.pcap4j.packet.TcpTimestampsOption;
import org.pcap4j.packet.TcpWindowScaleOption;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.IpVersion;
import org.pcap4j.packet.namednumber.TcpPort;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.ipv4.IcmpMessage;
import rawhttpget.ipv4.Ipv4Packet;
import rawhttpget.testing.ArbitraryBytes;
import rawhttpget.testing.Buffers;
import rawhttpget.testing.CapturedFrames;
import rawhttpget.testing.Hex;
import rawhttpget.testing.Pcap4jValues;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static rawhttpget.tcp.TcpFlags.ACK;
import static rawhttpget.tcp.TcpFlags.FIN;
import static rawhttpget.tcp.TcpFlags.PSH;
import static rawhttpget.tcp.TcpFlags.SYN;
import static rawhttpget.testing.CapturedFrames.CLIENT_IP;
import static rawhttpget.testing.CapturedFrames.CLIENT_MAC;
import static rawhttpget.testing.CapturedFrames.NO_TS_CLIENT_MAC;
import static rawhttpget.testing.CapturedFrames.NO_TS_ROUTER_MAC;
import static rawhttpget.testing.CapturedFrames.ROUTER_MAC;
import static rawhttpget.testing.CapturedFrames.SERVER_IP;

class TcpSegmentTest {
    private final EthernetFrame eth = new EthernetFrame();
    private final Ipv4Packet ip = new Ipv4Packet();
    private final TcpSegment tcp = new TcpSegment();
    private final TcpOptions options = new TcpOptions();

    /** A captured frame and what tshark read in it; {@code options} is tcpdump's spelling. */
    private record Captured(String name, String hex, long srcMac, long dstMac, int ipId, int ttl, int srcIp, int dstIp,
                            int srcPort, int dstPort, long seq, long ack, int flags, int window, int checksum,
                            int headerLength, String options, String payload) {
    }

    private static final String SYN_OPTIONS = "[mss 1460,sackOK,TS val 1087227661 ecr 0,nop,wscale 10]";

    private static final List<Captured> CAPTURED = List.of(
            new Captured("SYN", CapturedFrames.SYN, CLIENT_MAC, ROUTER_MAC, 0x04c9, 64, CLIENT_IP, SERVER_IP,
                    40276, 80, 3346131525L, 0, SYN, 64240, 0x69ad, 40, SYN_OPTIONS, ""),
            new Captured("SYN-ACK", CapturedFrames.SYN_ACK, ROUTER_MAC, CLIENT_MAC, 0, 63, SERVER_IP, CLIENT_IP,
                    80, 40276, 4150558236L, 3346131526L, SYN | ACK, 65160, 0xacee, 40,
                    "[mss 1460,sackOK,TS val 1785714980 ecr 1087227661,nop,wscale 10]", ""),
            new Captured("GET", CapturedFrames.HTTP_GET, CLIENT_MAC, ROUTER_MAC, 0x04cb, 64, CLIENT_IP, SERVER_IP,
                    40276, 80, 3346131526L, 4150558237L, PSH | ACK, 63, 0xff3b, 32,
                    "[nop,nop,TS val 1087227662 ecr 1785714980]", CapturedFrames.HTTP_GET_PAYLOAD),
            new Captured("SACK", CapturedFrames.ACK_WITH_THREE_SACK_BLOCKS, CLIENT_MAC, ROUTER_MAC, 0x04f0, 64, CLIENT_IP, SERVER_IP,
                    40276, 80, 3346131603L, 4150596473L, ACK, 63, 0x9d0b, 60,
                    "[nop,nop,TS val 1087227665 ecr 1785714984,nop,nop,sack 3 {4150611209:4150614893}"
                            + "{4150603841:4150609981}{4150597701:4150602613}]", ""),
            new Captured("FIN", CapturedFrames.FIN_ACK, CLIENT_MAC, ROUTER_MAC, 0x05a7, 64, CLIENT_IP, SERVER_IP,
                    40276, 80, 3346131603L, 4150858442L, FIN | ACK, 307, 0x43f2, 32,
                    "[nop,nop,TS val 1087227678 ecr 1785714997]", ""),
            new Captured("SYN without TS", CapturedFrames.NO_TS_SYN, NO_TS_CLIENT_MAC, NO_TS_ROUTER_MAC, 0x13a1, 64, CLIENT_IP, SERVER_IP,
                    49014, 80, 2489048839L, 0, SYN, 64240, 0xb4ce, 32, "[mss 1460,nop,nop,sackOK,nop,wscale 7]", ""),
            new Captured("bare ACK", CapturedFrames.NO_TS_BARE_ACK, NO_TS_CLIENT_MAC, NO_TS_ROUTER_MAC, 0x13a2, 64, CLIENT_IP, SERVER_IP,
                    49014, 80, 2489048840L, 2854860273L, ACK, 502, 0x8e70, 20, "", ""),
            new Captured("SACK without TS", CapturedFrames.NO_TS_ACK_WITH_TWO_SACK_BLOCKS, NO_TS_CLIENT_MAC, NO_TS_ROUTER_MAC, 0x13af, 64,
                    CLIENT_IP, SERVER_IP, 49014, 80, 2489048917L, 2854860477L, ACK, 585, 0x02c3, 40,
                    "[nop,nop,sack 2 {2854875077:2854876317}{2854861717:2854873977}]", ""));

    private void wrapAll(byte[] frame, int offset, int length) {
        assertThat(eth.wrap(frame, offset, length)).isNull();
        assertThat(ip.wrap(frame, eth.payloadOffset(), eth.payloadLength())).isNull();
        assertThat(tcp.wrap(frame, ip.payloadOffset(), ip.payloadLength())).isNull();
    }

    @Test
    void readsEveryFieldOfEachCapturedSegment() {
        for (Captured c : CAPTURED) {
            byte[] frame = Buffers.placed(CapturedFrames.frame(c.hex()));
            wrapAll(frame, Buffers.OFFSET, frame.length - Buffers.OFFSET - 9);

            assertThat(tcp.sourcePort()).as(c.name()).isEqualTo(c.srcPort());
            assertThat(tcp.destinationPort()).as(c.name()).isEqualTo(c.dstPort());
            assertThat(tcp.seq()).as(c.name()).isEqualTo((int) c.seq());
            assertThat(tcp.ack()).as(c.name()).isEqualTo((int) c.ack());
            assertThat(tcp.flags()).as(c.name()).isEqualTo(c.flags());
            assertThat(tcp.window()).as(c.name()).isEqualTo(c.window());
            assertThat(tcp.checksum()).as(c.name()).isEqualTo(c.checksum());
            assertThat(tcp.headerLength()).as(c.name()).isEqualTo(c.headerLength());
            assertThat(tcp.checksumValid(c.srcIp(), c.dstIp())).as(c.name()).isTrue();
            assertThat(tcp.parseOptions(options)).as(c.name()).isNull();
            assertThat(options.describe()).as(c.name()).isEqualTo(c.options());
            assertThat(tcp.buffer()).isSameAs(frame);
            assertThat(tcp.payloadOffset()).as(c.name()).isEqualTo(Buffers.OFFSET + 14 + 20 + c.headerLength());
            assertThat(new String(frame, tcp.payloadOffset(), tcp.payloadLength(), StandardCharsets.US_ASCII))
                    .as(c.name()).isEqualTo(c.payload());
        }
    }

    @Test
    void countsSynAndFinInTheSequenceSpace() {
        int[] expected = {1, 1, 77, 0, 1, 1, 0, 0};
        for (int i = 0; i < CAPTURED.size(); i++) {
            byte[] frame = CapturedFrames.frame(CAPTURED.get(i).hex());
            wrapAll(frame, 0, frame.length);
            assertThat(tcp.sequenceLength()).as(CAPTURED.get(i).name()).isEqualTo(expected[i]);
        }
        byte[] b = new byte[25];
        TcpSegment.emitHeader(b, 0, 1, 2, 0, 0, SYN | FIN | PSH, 0, null);
        assertThat(tcp.wrap(b, 0, 25)).isNull();
        assertThat(tcp.sequenceLength()).isEqualTo(7);
        assertThat(tcp.has(SYN)).isTrue();
        assertThat(tcp.has(ACK)).isFalse();
    }

    @Test
    void emitsEachCapturedFrameByteForByte() {
        for (Captured c : CAPTURED) {
            byte[] captured = CapturedFrames.frame(c.hex());
            wrapAll(captured, 0, captured.length);
            TcpOptions opts = new TcpOptions();
            assertThat(tcp.parseOptions(opts)).isNull();
            byte[] payload = c.payload().getBytes(StandardCharsets.US_ASCII);
            TcpOptions emitted = c.headerLength() == 20 ? null : opts;

            byte[] out = Buffers.emitChecked(captured.length, (b, off) -> assertThat(emitFrame(b, off, c.srcMac(), c.dstMac(),
                    c.srcIp(), c.dstIp(), c.ipId(), c.ttl(), c.srcPort(), c.dstPort(), (int) c.seq(), (int) c.ack(), c.flags(),
                    c.window(), emitted, payload)).isEqualTo(captured.length));

            assertThat(Hex.of(out)).as(c.name()).isEqualTo(Hex.of(captured));
        }
    }

    /** Our emitters, the way the stack will call them; returns the frame length. */
    private static int emitFrame(byte[] b, int off, long srcMac, long dstMac, int srcIp, int dstIp, int ipId, int ttl,
                                 int srcPort, int dstPort, int seq, int ack, int flags, int window, TcpOptions opts, byte[] payload) {
        int tcpLength = TcpSegment.MIN_HEADER_LENGTH + (opts == null ? 0 : opts.length()) + payload.length;
        int ipAt = EthernetFrame.emitHeader(b, off, dstMac, srcMac, EthernetFrame.TYPE_IPV4);
        int tcpAt = Ipv4Packet.emitHeader(b, ipAt, srcIp, dstIp, Ipv4Packet.PROTOCOL_TCP, tcpLength, ipId, ttl);
        int payloadAt = TcpSegment.emitHeader(b, tcpAt, srcPort, dstPort, seq, ack, flags, window, opts);
        System.arraycopy(payload, 0, b, payloadAt, payload.length);
        TcpSegment.fillChecksum(b, tcpAt, tcpLength, srcIp, dstIp);
        return payloadAt + payload.length - off;
    }

    @Test
    void emittedSegmentsReadBackWithTheSameFields() {
        SplittableRandom random = new SplittableRandom(9293);
        for (int i = 0; i < 500; i++) {
            int srcPort = random.nextInt(65536);
            int dstPort = random.nextInt(65536);
            int seq = random.nextInt();
            int ack = random.nextInt();
            int flags = random.nextInt(256);
            int window = random.nextInt(65536);
            TcpOptions opts = randomOptions(random);
            byte[] payload = new byte[random.nextInt(0, 64)];
            random.nextBytes(payload);
            int srcIp = random.nextInt();
            int dstIp = random.nextInt();
            int hl = 20 + opts.length();

            byte[] seg = Buffers.emitChecked(hl + payload.length, (b, off) -> {
                assertThat(TcpSegment.emitHeader(b, off, srcPort, dstPort, seq, ack, flags, window, opts)).isEqualTo(off + hl);
                System.arraycopy(payload, 0, b, off + hl, payload.length);
                TcpSegment.fillChecksum(b, off, hl + payload.length, srcIp, dstIp);
            });

            assertThat(tcp.wrap(seg, 0, seg.length)).isNull();
            assertThat(tcp.sourcePort()).isEqualTo(srcPort);
            assertThat(tcp.destinationPort()).isEqualTo(dstPort);
            assertThat(tcp.seq()).isEqualTo(seq);
            assertThat(tcp.ack()).isEqualTo(ack);
            assertThat(tcp.flags()).isEqualTo(flags);
            assertThat(tcp.window()).isEqualTo(window);
            assertThat(tcp.headerLength()).isEqualTo(hl);
            assertThat(tcp.checksumValid(srcIp, dstIp)).isTrue();
            assertThat(Arrays.copyOfRange(seg, tcp.payloadOffset(), tcp.payloadOffset() + tcp.payloadLength())).isEqualTo(payload);
            assertThat(tcp.parseOptions(options)).isNull();
            assertThat(options.describe()).isEqualTo(opts.describe());
            assertThat(seg[12] & 0x0F).as("reserved bits").isZero();
            assertThat(seg[18] | seg[19]).as("urgent pointer").isZero();
        }
    }

    private static TcpOptions randomOptions(SplittableRandom random) {
        TcpOptions o = new TcpOptions();
        if (random.nextBoolean()) {
            o.mss = random.nextInt(65536);
        }
        if (random.nextBoolean()) {
            o.windowScale = random.nextInt(15);
        }
        o.sackPermitted = random.nextBoolean();
        o.hasTimestamp = random.nextBoolean();
        if (o.hasTimestamp) {
            o.tsVal = random.nextInt();
            o.tsEcr = random.nextInt();
        }
        o.sackBlockCount = random.nextInt(4) == 0 ? random.nextInt(1, TcpOptions.MAX_SACK_BLOCKS + 1) : 0;
        for (int k = 0; k < 2 * o.sackBlockCount; k++) {
            o.sackBlocks[k] = random.nextInt();
        }
        return o;
    }

    @Test
    void detectsEverySingleBitErrorInTheSegment() {
        byte[] good = CapturedFrames.tcpSegment(CapturedFrames.HTTP_GET);
        for (int bit = 0; bit < good.length * 8; bit++) {
            byte[] seg = good.clone();
            seg[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
            if (tcp.wrap(seg, 0, seg.length) == null) {
                assertThat(tcp.checksumValid(CLIENT_IP, SERVER_IP)).as("bit %d flipped", bit).isFalse();
            }
        }
        assertThat(tcp.wrap(good, 0, good.length)).isNull();
        assertThat(tcp.checksumValid(CLIENT_IP, SERVER_IP)).isTrue();
        assertThat(tcp.checksumValid(CLIENT_IP + 1, SERVER_IP)).as("pseudo-header address").isFalse();
        assertThat(tcp.checksumValid(CLIENT_IP, SERVER_IP ^ 0x00010000)).isFalse();
    }

    @Test
    void checksumCoversTheTrimmedSegmentNotTheEthernetPadding() {
        byte[] padded = new byte[60];
        byte[] ack = CapturedFrames.frame(CapturedFrames.NO_TS_BARE_ACK);
        System.arraycopy(ack, 0, padded, 0, ack.length);

        wrapAll(padded, 0, 60);

        assertThat(ip.payloadLength()).isEqualTo(20);
        assertThat(tcp.payloadLength()).isZero();
        assertThat(tcp.checksumValid(CLIENT_IP, SERVER_IP)).isTrue();
        assertThat(tcp.wrap(padded, 34, 26)).isNull();
        assertThat(tcp.payloadLength()).as("without trimming the padding would look like data").isEqualTo(6);
        assertThat(tcp.checksumValid(CLIENT_IP, SERVER_IP)).isFalse();
    }

    @Test
    void rejectsEveryLengthShorterThanAHeader() {
        byte[] seg = CapturedFrames.tcpSegment(CapturedFrames.NO_TS_BARE_ACK);
        for (int n = 0; n < 20; n++) {
            assertThat(tcp.wrap(seg, 0, n)).as("length %d", n).isEqualTo("tcp: " + n + " bytes, shorter than a header");
        }
        assertThat(tcp.wrap(seg, 0, 20)).isNull();
    }

    @Test
    void rejectsEveryLengthShorterThanItsDataOffset() {
        byte[] seg = Buffers.placed(CapturedFrames.tcpSegment(CapturedFrames.ACK_WITH_THREE_SACK_BLOCKS));
        for (int n = 20; n < 60; n++) {
            assertThat(tcp.wrap(seg, Buffers.OFFSET, n)).as("length %d", n).isEqualTo("tcp: bad data offset 60 in " + n + " bytes");
        }
        assertThat(tcp.wrap(seg, Buffers.OFFSET, 60)).isNull();
    }

    @Test
    void rejectsADataOffsetBelowFive() {
        for (int words = 0; words < 5; words++) {
            byte[] seg = CapturedFrames.tcpSegment(CapturedFrames.SYN);
            seg[12] = (byte) (words << 4);
            assertThat(tcp.wrap(seg, 0, seg.length)).isEqualTo("tcp: bad data offset " + words * 4 + " in 40 bytes");
        }
    }

    @Test
    void reportsMalformedOptionsFoundInsideTheHeader() {
        byte[] seg = CapturedFrames.tcpSegment(CapturedFrames.SYN);
        seg[21] = 21; // the MSS option now claims one byte more than the 20-byte options area

        assertThat(tcp.wrap(seg, 0, seg.length)).isNull();
        assertThat(tcp.parseOptions(options)).isEqualTo("tcp: option 2 length 21 overruns the options area");

        seg[21] = 40; // past the header, into the (absent) payload
        assertThat(tcp.parseOptions(options)).isEqualTo("tcp: option 2 length 40 overruns the options area");
    }

    @Test
    void readsTheSegmentHeaderQuotedByAnIcmpError() {
        byte[] frame = CapturedFrames.frame(CapturedFrames.ICMP_FRAGMENTATION_NEEDED);
        wrapIcmpQuote(frame);

        assertThat(tcp.sourcePort()).isEqualTo(80);
        assertThat(tcp.destinationPort()).isEqualTo(CapturedFrames.CLIENT_PORT);
        assertThat(tcp.seq()).isEqualTo((int) 4150558441L);
        assertThat(tcp.ack()).isEqualTo((int) 3346131603L);
        assertThat(tcp.flags()).isEqualTo(ACK);
        assertThat(tcp.headerLength()).isEqualTo(32);
        assertThat(tcp.payloadLength()).isEqualTo(548 - 20 - 32);
        assertThat(tcp.checksumValid(SERVER_IP, CLIENT_IP)).as("the quote is cut short").isFalse();
    }

    private void wrapIcmpQuote(byte[] frame) {
        assertThat(ip.wrap(frame, 14, frame.length - 14)).isNull();
        IcmpMessage icmp = new IcmpMessage();
        assertThat(icmp.wrap(frame, ip.payloadOffset(), ip.payloadLength())).isNull();
        int quotedIhl = (frame[icmp.quotedOffset()] & 0x0F) * 4;
        assertThat(tcp.wrap(frame, icmp.quotedOffset() + quotedIhl, icmp.quotedLength() - quotedIhl)).isNull();
    }

    @Test
    void pcap4jReadsWhatWeEmit() {
        SplittableRandom random = new SplittableRandom(1323);
        for (int i = 0; i < 300; i++) {
            int srcIp = random.nextInt();
            int dstIp = random.nextInt();
            int ipId = random.nextInt(65536);
            int ttl = random.nextInt(1, 256);
            int srcPort = random.nextInt(1, 65536);
            int dstPort = random.nextInt(1, 65536);
            int seq = random.nextInt();
            int ack = random.nextInt();
            int flags = random.nextInt(256);
            int window = random.nextInt(65536);
            TcpOptions opts = randomOptions(random);
            byte[] payload = new byte[random.nextInt(0, 100)];
            random.nextBytes(payload);
            byte[] frame = new byte[14 + 20 + 20 + opts.length() + payload.length];
            emitFrame(frame, 0, 0x020000000001L, 0x020000000002L, srcIp, dstIp, ipId, ttl, srcPort, dstPort, seq, ack, flags,
                    window, opts, payload);

            EthernetPacket packet = Pcap4jValues.parseFrame(frame);
            IpV4Packet.IpV4Header iph = packet.get(IpV4Packet.class).getHeader();
            TcpPacket tcpPacket = packet.get(TcpPacket.class);
            TcpPacket.TcpHeader h = tcpPacket.getHeader();
            String what = "segment " + i + ": " + Hex.of(frame);

            assertThat(Pcap4jValues.bits(packet.getHeader().getSrcAddr())).isEqualTo(0x020000000001L);
            assertThat(Pcap4jValues.bits(packet.getHeader().getDstAddr())).isEqualTo(0x020000000002L);
            assertThat(iph.hasValidChecksum(false)).as(what).isTrue();
            assertThat(iph.getIdentificationAsInt()).isEqualTo(ipId);
            assertThat(iph.getTtlAsInt()).isEqualTo(ttl);
            assertThat(iph.getDontFragmentFlag()).isTrue();
            assertThat(iph.getProtocol()).isEqualTo(IpNumber.TCP);
            assertThat(Pcap4jValues.bits(iph.getSrcAddr())).isEqualTo(srcIp);
            assertThat(Pcap4jValues.bits(iph.getDstAddr())).isEqualTo(dstIp);
            assertThat(tcpPacket.hasValidChecksum(Pcap4jValues.inet(srcIp), Pcap4jValues.inet(dstIp), false)).as(what).isTrue();
            assertThat(h.getSrcPort().valueAsInt()).isEqualTo(srcPort);
            assertThat(h.getDstPort().valueAsInt()).isEqualTo(dstPort);
            assertThat(h.getSequenceNumber()).isEqualTo(seq);
            assertThat(h.getAcknowledgmentNumber()).isEqualTo(ack);
            assertThat(h.getDataOffsetAsInt()).isEqualTo(5 + opts.length() / 4);
            assertThat(h.getFin()).isEqualTo((flags & TcpFlags.FIN) != 0);
            assertThat(h.getSyn()).isEqualTo((flags & TcpFlags.SYN) != 0);
            assertThat(h.getRst()).isEqualTo((flags & TcpFlags.RST) != 0);
            assertThat(h.getPsh()).isEqualTo((flags & TcpFlags.PSH) != 0);
            assertThat(h.getAck()).isEqualTo((flags & TcpFlags.ACK) != 0);
            assertThat(h.getUrg()).isEqualTo((flags & TcpFlags.URG) != 0);
            // Pcap4J 1.8 counts ECE and CWR among its six reserved bits, as the two lowest.
            assertThat(h.getReserved() & 0xFF).as("reserved bits and ECE, CWR").isEqualTo(flags >>> 6);
            assertThat(h.getWindowAsInt()).isEqualTo(window);
            assertThat(h.getUrgentPointerAsInt()).isZero();
            assertOptionsEqual(h.getOptions(), opts, what);
            byte[] pcapPayload = tcpPacket.getPayload() == null ? new byte[0] : tcpPacket.getPayload().getRawData();
            assertThat(pcapPayload).isEqualTo(payload);
        }
    }

    private static void assertOptionsEqual(List<TcpPacket.TcpOption> parsed, TcpOptions expected, String what) {
        int mss = -1;
        int ws = -1;
        boolean sackOk = false;
        TcpTimestampsOption ts = null;
        TcpSackOption sack = null;
        int optionBytes = 0;
        for (TcpPacket.TcpOption o : parsed) {
            optionBytes += o.length();
            if (o instanceof TcpMaximumSegmentSizeOption m) {
                mss = m.getMaxSegSizeAsInt();
            } else if (o instanceof TcpWindowScaleOption w) {
                ws = w.getShiftCountAsInt();
            } else if (o instanceof TcpSackPermittedOption) {
                sackOk = true;
            } else if (o instanceof TcpTimestampsOption t) {
                ts = t;
            } else if (o instanceof TcpSackOption s) {
                sack = s;
            } else {
                assertThat(o).as(what).isInstanceOf(TcpNoOperationOption.class);
            }
        }
        assertThat(optionBytes).as(what).isEqualTo(expected.length());
        assertThat(mss).as(what).isEqualTo(expected.mss);
        assertThat(ws).as(what).isEqualTo(expected.windowScale);
        assertThat(sackOk).as(what).isEqualTo(expected.sackPermitted);
        assertThat(ts != null).as(what).isEqualTo(expected.hasTimestamp);
        if (ts != null) {
            assertThat(ts.getTsValue()).isEqualTo(expected.tsVal);
            assertThat(ts.getTsEchoReply()).isEqualTo(expected.tsEcr);
        }
        int blocks = expected.sackBlocksThatFit();
        assertThat(sack != null).as(what).isEqualTo(blocks > 0);
        if (sack != null) {
            List<TcpSackOption.Sack> sacks = new ArrayList<>();
            for (int k = 0; k < blocks; k++) {
                sacks.add(new TcpSackOption.Sack(expected.sackBlocks[2 * k], expected.sackBlocks[2 * k + 1]));
            }
            assertThat(sack).as(what).isEqualTo(new TcpSackOption.Builder().sacks(sacks).correctLengthAtBuild(true).build());
        }
    }

    @Test
    void weReadWhatPcap4jBuildsInAnotherStacksOptionOrder() {
        // Windows lays a SYN out as mss, nop, wscale, nop, nop, sackOK; timestamps added at the end here.
        List<TcpPacket.TcpOption> windowsStyle = List.of(
                new TcpMaximumSegmentSizeOption.Builder().maxSegSize((short) 1440).correctLengthAtBuild(true).build(),
                TcpNoOperationOption.getInstance(),
                new TcpWindowScaleOption.Builder().shiftCount((byte) 8).correctLengthAtBuild(true).build(),
                TcpNoOperationOption.getInstance(),
                TcpNoOperationOption.getInstance(),
                TcpSackPermittedOption.getInstance(),
                TcpNoOperationOption.getInstance(),
                TcpNoOperationOption.getInstance(),
                new TcpTimestampsOption.Builder().tsValue(0xfedcba98).tsEchoReply(7).correctLengthAtBuild(true).build());
        byte[] frame = pcap4jFrame(windowsStyle, SYN | ACK, new byte[0]);
        assertThat(frame).hasSize(14 + 20 + 20 + 24);

        wrapAll(frame, 0, frame.length);

        assertThat(tcp.sourcePort()).isEqualTo(443);
        assertThat(tcp.destinationPort()).isEqualTo(50000);
        assertThat(tcp.seq()).isEqualTo(0x80000001);
        assertThat(tcp.ack()).isEqualTo(0x7fffffff);
        assertThat(tcp.flags()).isEqualTo(SYN | ACK);
        assertThat(tcp.window()).isEqualTo(65535);
        assertThat(tcp.headerLength()).isEqualTo(44);
        assertThat(tcp.checksumValid(SERVER_IP, CLIENT_IP)).isTrue();
        assertThat(tcp.parseOptions(options)).isNull();
        assertThat(options.mss).isEqualTo(1440);
        assertThat(options.windowScale).isEqualTo(8);
        assertThat(options.sackPermitted).isTrue();
        assertThat(options.hasTimestamp).isTrue();
        assertThat(options.tsVal).isEqualTo(0xfedcba98);
        assertThat(options.tsEcr).isEqualTo(7);
    }

    @Test
    void weReadSackBlocksAndPayloadPcap4jBuilds() {
        List<TcpSackOption.Sack> sacks = List.of(new TcpSackOption.Sack(100, 200), new TcpSackOption.Sack(-300, -200),
                new TcpSackOption.Sack(0x7fffffff, 0x80000000), new TcpSackOption.Sack(1, 2));
        List<TcpPacket.TcpOption> opts = List.of(TcpNoOperationOption.getInstance(), TcpNoOperationOption.getInstance(),
                new TcpSackOption.Builder().sacks(sacks).correctLengthAtBuild(true).build());
        byte[] payload = "HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] frame = pcap4jFrame(opts, PSH | ACK, payload);

        wrapAll(frame, 0, frame.length);

        assertThat(tcp.checksumValid(SERVER_IP, CLIENT_IP)).isTrue();
        assertThat(tcp.headerLength()).isEqualTo(56);
        assertThat(tcp.parseOptions(options)).isNull();
        assertThat(options.sackBlockCount).isEqualTo(4);
        assertThat(options.sackBlocks).containsExactly(100, 200, -300, -200, 0x7fffffff, 0x80000000, 1, 2);
        assertThat(new String(frame, tcp.payloadOffset(), tcp.payloadLength(), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 OK\r\n");
    }

    @Test
    void weReadAPcap4jSegmentPaddedToTheEthernetMinimum() {
        byte[] frame = pcap4jFrame(List.of(), ACK, new byte[0]);
        assertThat(frame).hasSize(60);

        wrapAll(frame, 0, frame.length);

        assertThat(tcp.payloadLength()).isZero();
        assertThat(tcp.checksumValid(SERVER_IP, CLIENT_IP)).isTrue();
    }

    private static byte[] pcap4jFrame(List<TcpPacket.TcpOption> opts, int flags, byte[] payload) {
        TcpPacket.Builder tcpBuilder = new TcpPacket.Builder()
                .srcPort(TcpPort.getInstance((short) 443))
                .dstPort(TcpPort.getInstance((short) 50000))
                .sequenceNumber(0x80000001)
                .acknowledgmentNumber(0x7fffffff)
                .syn((flags & SYN) != 0)
                .ack((flags & ACK) != 0)
                .psh((flags & PSH) != 0)
                .fin((flags & FIN) != 0)
                .window((short) 65535)
                .options(opts)
                .srcAddr(Pcap4jValues.inet(SERVER_IP))
                .dstAddr(Pcap4jValues.inet(CLIENT_IP))
                .correctChecksumAtBuild(true)
                .correctLengthAtBuild(true)
                .paddingAtBuild(true);
        if (payload.length > 0) {
            tcpBuilder.payloadBuilder(new UnknownPacket.Builder().rawData(payload));
        }
        IpV4Packet.Builder ipBuilder = new IpV4Packet.Builder()
                .version(IpVersion.IPV4)
                .tos(IpV4Rfc791Tos.newInstance((byte) 0))
                .identification((short) 0x1234)
                .dontFragmentFlag(true)
                .ttl((byte) 57)
                .protocol(IpNumber.TCP)
                .srcAddr(Pcap4jValues.inet(SERVER_IP))
                .dstAddr(Pcap4jValues.inet(CLIENT_IP))
                .payloadBuilder(tcpBuilder)
                .correctChecksumAtBuild(true)
                .correctLengthAtBuild(true);
        return new EthernetPacket.Builder()
                .dstAddr(Pcap4jValues.mac(CLIENT_MAC))
                .srcAddr(Pcap4jValues.mac(ROUTER_MAC))
                .type(EtherType.IPV4)
                .payloadBuilder(ipBuilder)
                .paddingAtBuild(true)
                .build()
                .getRawData();
    }

    @Test
    void neverThrowsOnArbitraryBytes() {
        List<byte[]> seeds = new ArrayList<>();
        for (Captured c : CAPTURED) {
            seeds.add(CapturedFrames.tcpSegment(c.hex()));
        }
        int accepted = ArbitraryBytes.forEachSlice(seeds, s -> {
            String reason = tcp.wrap(s.buffer(), s.offset(), s.length());
            if (s.length() < 20) {
                assertThat(reason).isNotNull();
            }
            if (reason != null) {
                return false;
            }
            assertThat(tcp.headerLength()).isBetween(20, Math.min(60, s.length()));
            assertThat(tcp.payloadOffset() + tcp.payloadLength()).isEqualTo(s.offset() + s.length());
            tcp.sourcePort();
            tcp.destinationPort();
            tcp.seq();
            tcp.ack();
            tcp.window();
            tcp.checksum();
            tcp.sequenceLength();
            tcp.checksumValid(CLIENT_IP, SERVER_IP);
            if (tcp.parseOptions(options) == null) {
                options.describe();
            }
            return true;
        });
        assertThat(accepted).isGreaterThan(ArbitraryBytes.ROUNDS / 4);
    }
}
