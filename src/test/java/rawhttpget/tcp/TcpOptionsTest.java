package rawhttpget.tcp;

import org.junit.jupiter.api.Test;
import rawhttpget.testing.ArbitraryBytes;
import rawhttpget.testing.Buffers;
import rawhttpget.testing.CapturedFrames;
import rawhttpget.testing.Hex;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TcpOptionsTest {
    private final TcpOptions options = new TcpOptions();

    /** The options area (bytes 20 up to the data offset) of a captured TCP segment. */
    private static byte[] optionArea(String frameHex) {
        byte[] tcp = CapturedFrames.tcpSegment(frameHex);
        int dataOffset = ((tcp[12] & 0xFF) >>> 4) * 4;
        return Arrays.copyOfRange(tcp, 20, dataOffset);
    }

    private TcpOptions parsed(String frameHex) {
        byte[] area = Buffers.placed(optionArea(frameHex));
        assertThat(options.parse(area, Buffers.OFFSET, area.length - Buffers.OFFSET - 9)).isNull();
        return options;
    }

    @Test
    void parsesTheCapturedLinuxSyn() {
        parsed(CapturedFrames.SYN);

        assertThat(options.mss).isEqualTo(1460);
        assertThat(options.sackPermitted).isTrue();
        assertThat(options.hasTimestamp).isTrue();
        assertThat(options.tsVal).isEqualTo(1087227661);
        assertThat(options.tsEcr).isZero();
        assertThat(options.windowScale).isEqualTo(10);
        assertThat(options.sackBlockCount).isZero();
    }

    @Test
    void parsesTheCapturedSynAckWithAnEchoedTimestamp() {
        parsed(CapturedFrames.SYN_ACK);

        assertThat(options.mss).isEqualTo(1460);
        assertThat(options.sackPermitted).isTrue();
        assertThat(options.tsVal).isEqualTo(1785714980);
        assertThat(options.tsEcr).isEqualTo(1087227661);
        assertThat(options.windowScale).isEqualTo(10);
    }

    @Test
    void parsesTheCapturedSackBlocksInOrder() {
        parsed(CapturedFrames.ACK_WITH_THREE_SACK_BLOCKS);

        assertThat(options.mss).isEqualTo(-1);
        assertThat(options.windowScale).isEqualTo(-1);
        assertThat(options.sackPermitted).isFalse();
        assertThat(options.hasTimestamp).isTrue();
        assertThat(options.tsVal).isEqualTo(1087227665);
        assertThat(options.tsEcr).isEqualTo(1785714984);
        assertThat(options.sackBlockCount).isEqualTo(3);
        assertThat(Arrays.copyOf(options.sackBlocks, 6)).containsExactly(
                (int) 4150611209L, (int) 4150614893L, (int) 4150603841L, (int) 4150609981L, (int) 4150597701L, (int) 4150602613L);
    }

    @Test
    void parsesTheCapturedOptionsWithoutTimestamps() {
        parsed(CapturedFrames.NO_TS_SYN);
        assertThat(options.mss).isEqualTo(1460);
        assertThat(options.sackPermitted).isTrue();
        assertThat(options.hasTimestamp).isFalse();
        assertThat(options.windowScale).isEqualTo(7);

        parsed(CapturedFrames.NO_TS_ACK_WITH_TWO_SACK_BLOCKS);
        assertThat(options.hasTimestamp).isFalse();
        assertThat(options.sackBlockCount).isEqualTo(2);
        assertThat(Arrays.copyOf(options.sackBlocks, 4)).containsExactly(
                (int) 2854875077L, (int) 2854876317L, (int) 2854861717L, (int) 2854873977L);
    }

    @Test
    void describesCapturedOptionsExactlyAsTcpdumpPrintsThem() {
        // tcpdump -S spelling (absolute sequence numbers in SACK blocks).
        assertThat(parsed(CapturedFrames.SYN).describe())
                .isEqualTo("[mss 1460,sackOK,TS val 1087227661 ecr 0,nop,wscale 10]");
        assertThat(parsed(CapturedFrames.SYN_ACK).describe())
                .isEqualTo("[mss 1460,sackOK,TS val 1785714980 ecr 1087227661,nop,wscale 10]");
        assertThat(parsed(CapturedFrames.HTTP_GET).describe())
                .isEqualTo("[nop,nop,TS val 1087227662 ecr 1785714980]");
        assertThat(parsed(CapturedFrames.ACK_WITH_THREE_SACK_BLOCKS).describe())
                .isEqualTo("[nop,nop,TS val 1087227665 ecr 1785714984,nop,nop,sack 3 {4150611209:4150614893}"
                        + "{4150603841:4150609981}{4150597701:4150602613}]");
        assertThat(parsed(CapturedFrames.NO_TS_SYN).describe())
                .isEqualTo("[mss 1460,nop,nop,sackOK,nop,wscale 7]");
        assertThat(parsed(CapturedFrames.NO_TS_ACK_WITH_TWO_SACK_BLOCKS).describe())
                .isEqualTo("[nop,nop,sack 2 {2854875077:2854876317}{2854861717:2854873977}]");
    }

    @Test
    void describesNoOptionsAsNothing() {
        assertThat(options.describe()).isEmpty();
        assertThat(options.parse(new byte[0], 0, 0)).isNull();
        assertThat(options.describe()).isEmpty();
    }

    @Test
    void emitsTheCapturedOptionsByteForByte() {
        for (String frame : List.of(CapturedFrames.SYN, CapturedFrames.SYN_ACK, CapturedFrames.HTTP_GET,
                CapturedFrames.ACK_WITH_THREE_SACK_BLOCKS, CapturedFrames.FIN_ACK, CapturedFrames.NO_TS_SYN,
                CapturedFrames.NO_TS_ACK_WITH_TWO_SACK_BLOCKS)) {
            byte[] captured = optionArea(frame);
            parsed(frame);

            assertThat(options.length()).isEqualTo(captured.length);
            byte[] out = Buffers.emitChecked(captured.length, (b, off) -> assertThat(options.emit(b, off)).isEqualTo(captured.length));
            assertThat(Hex.of(out)).isEqualTo(Hex.of(captured));
        }
    }

    @Test
    void emitsALinuxSynOfOurOwn() {
        options.mss = 1460;
        options.sackPermitted = true;
        options.hasTimestamp = true;
        options.tsVal = 0x01020304;
        options.tsEcr = 0;
        options.windowScale = 7;

        byte[] out = Buffers.emitChecked(20, (b, off) -> options.emit(b, off));

        assertThat(Hex.of(out)).isEqualTo("02 04 05 b4 04 02 08 0a 01 02 03 04 00 00 00 00 01 03 03 07");
        assertThat(options.describe()).isEqualTo("[mss 1460,sackOK,TS val 16909060 ecr 0,nop,wscale 7]");
    }

    /**
     * Linux's layout (net/ipv4/tcp_output.c, tcp_options_write): MSS; then SACK-permitted sharing a word
     * with the timestamp, or NOP NOP before a lone timestamp; NOP NOP before a lone SACK-permitted; NOP
     * before the window scale; NOP NOP before SACK blocks, as many as still fit in 40 bytes.
     */
    private static byte[] linuxLayout(int mss, boolean sackOk, boolean ts, int tsVal, int tsEcr, int ws, int[] blocks) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        if (mss >= 0) {
            b.writeBytes(new byte[] {2, 4, (byte) (mss >>> 8), (byte) mss});
        }
        if (ts) {
            b.writeBytes(sackOk ? new byte[] {4, 2, 8, 10} : new byte[] {1, 1, 8, 10});
            b.writeBytes(be32(tsVal));
            b.writeBytes(be32(tsEcr));
        }
        if (sackOk && !ts) {
            b.writeBytes(new byte[] {1, 1, 4, 2});
        }
        if (ws >= 0) {
            b.writeBytes(new byte[] {1, 3, 3, (byte) ws});
        }
        int room = 40 - b.size();
        int n = room < 12 ? 0 : Math.min(blocks.length / 2, (room - 4) / 8);
        if (n > 0) {
            b.writeBytes(new byte[] {1, 1, 5, (byte) (2 + 8 * n)});
            for (int i = 0; i < 2 * n; i++) {
                b.writeBytes(be32(blocks[i]));
            }
        }
        return b.toByteArray();
    }

    private static byte[] be32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    @Test
    void emitsLinuxsLayoutAndLengthAgreesForEveryCombination() {
        int[] allBlocks = {0x10000000, 0x10000100, 0x20000000, 0x20000100, 0x30000000, 0x30000100, 0xfffffff0, 0x10};
        for (int mask = 0; mask < 16; mask++) {
            for (int blocks = 0; blocks <= TcpOptions.MAX_SACK_BLOCKS; blocks++) {
                options.clear();
                options.mss = (mask & 1) != 0 ? 65535 : -1;
                options.sackPermitted = (mask & 2) != 0;
                options.hasTimestamp = (mask & 4) != 0;
                options.tsVal = options.hasTimestamp ? 0xdeadbeef : 0;
                options.tsEcr = options.hasTimestamp ? 0x01020304 : 0;
                options.windowScale = (mask & 8) != 0 ? 14 : -1;
                options.sackBlockCount = blocks;
                System.arraycopy(allBlocks, 0, options.sackBlocks, 0, 2 * blocks);
                byte[] expected = linuxLayout(options.mss, options.sackPermitted, options.hasTimestamp, options.tsVal,
                        options.tsEcr, options.windowScale, Arrays.copyOf(allBlocks, 2 * blocks));
                String what = "mask " + mask + ", " + blocks + " SACK blocks";

                assertThat(options.length()).as(what).isEqualTo(expected.length);
                byte[] out = Buffers.emitChecked(expected.length, (b, off) -> assertThat(options.emit(b, off)).as(what).isEqualTo(expected.length));
                assertThat(Hex.of(out)).as(what).isEqualTo(Hex.of(expected));
                assertThat(out.length % 4).as(what).isZero();
                assertThat(out.length).as(what).isLessThanOrEqualTo(TcpOptions.MAX_LENGTH);

                TcpOptions back = new TcpOptions();
                assertThat(back.parse(out, 0, out.length)).isNull();
                assertThat(back.mss).isEqualTo(options.mss);
                assertThat(back.sackPermitted).isEqualTo(options.sackPermitted);
                assertThat(back.hasTimestamp).isEqualTo(options.hasTimestamp);
                assertThat(back.tsVal).isEqualTo(options.tsVal);
                assertThat(back.tsEcr).isEqualTo(options.tsEcr);
                assertThat(back.windowScale).isEqualTo(options.windowScale);
                int withoutBlocks = linuxLayout(options.mss, options.sackPermitted, options.hasTimestamp, 0, 0, options.windowScale, new int[0]).length;
                int sent = expected.length == withoutBlocks ? 0 : (expected.length - withoutBlocks - 4) / 8;
                assertThat(options.sackBlocksThatFit()).as(what).isEqualTo(sent);
                assertThat(back.sackBlockCount).as(what).isEqualTo(sent);
                assertThat(Arrays.copyOf(back.sackBlocks, 2 * sent)).isEqualTo(Arrays.copyOf(allBlocks, 2 * sent));
            }
        }
    }

    @Test
    void withTimestampsOnlyThreeSackBlocksFitAndTheFirstThreeAreKept() {
        options.hasTimestamp = true;
        options.tsVal = 1;
        options.tsEcr = 2;
        options.sackBlockCount = 4;
        for (int i = 0; i < 8; i++) {
            options.sackBlocks[i] = 1000 * (i + 1);
        }

        assertThat(options.length()).isEqualTo(40);
        byte[] out = Buffers.emitChecked(40, (b, off) -> assertThat(options.emit(b, off)).isEqualTo(40));
        TcpOptions back = new TcpOptions();
        assertThat(back.parse(out, 0, 40)).isNull();

        assertThat(back.sackBlockCount).isEqualTo(3);
        assertThat(Arrays.copyOf(back.sackBlocks, 6)).containsExactly(1000, 2000, 3000, 4000, 5000, 6000);
        assertThat(options.describe()).isEqualTo("[nop,nop,TS val 1 ecr 2,nop,nop,sack 3 {1000:2000}{3000:4000}{5000:6000}]");
    }

    @Test
    void withoutTimestampsAllFourSackBlocksFit() {
        options.sackBlockCount = 4;
        for (int i = 0; i < 8; i++) {
            options.sackBlocks[i] = -1 - i;
        }

        assertThat(options.length()).isEqualTo(36);
        byte[] out = Buffers.emitChecked(36, (b, off) -> options.emit(b, off));
        TcpOptions back = new TcpOptions();
        assertThat(back.parse(out, 0, 36)).isNull();
        assertThat(back.sackBlockCount).isEqualTo(4);
        assertThat(back.sackBlocks).containsExactly(-1, -2, -3, -4, -5, -6, -7, -8);
        assertThat(options.describe()).isEqualTo("[nop,nop,sack 4 {4294967295:4294967294}{4294967293:4294967292}"
                + "{4294967291:4294967290}{4294967289:4294967288}]");
    }

    @Test
    void skipsUnknownOptionsByTheirLength() {
        // kind 30 (MPTCP) length 6, kind 254 (experimental) length 4, then MSS.
        byte[] area = Hex.bytes("1e 06 00 81 00 00 fe 04 f9 89 02 04 05 78");

        assertThat(options.parse(area, 0, area.length)).isNull();

        assertThat(options.mss).isEqualTo(1400);
    }

    @Test
    void ignoresKnownOptionsWithTheWrongLengthButKeepsParsing() {
        assertThat(parse("02 03 05 02 04 05 b4")).isNull();
        assertThat(options.mss).as("MSS of length 3 ignored, the next one read").isEqualTo(1460);

        assertThat(parse("02 05 05 b4 00 01 01 01")).isNull();
        assertThat(options.mss).isEqualTo(-1);

        assertThat(parse("03 04 07 00 03 02")).isNull();
        assertThat(options.windowScale).isEqualTo(-1);

        assertThat(parse("04 03 00 01")).isNull();
        assertThat(options.sackPermitted).isFalse();

        assertThat(parse("08 08 00 00 00 01 00 00 08 0c 00 00 00 01 00 00 00 02 00 00")).isNull();
        assertThat(options.hasTimestamp).isFalse();

        assertThat(parse("05 02  05 09 00 00 00 01 00 00 00  05 0b 00 00 00 01 00 00 00 02 00  02 04 05 b4")).isNull();
        assertThat(options.mss).isEqualTo(1460);
        assertThat(options.sackBlockCount).isZero();
    }

    @Test
    void refusesAnOptionLengthBelowTwo() {
        assertThat(parse("02 00 05 b4")).isEqualTo("tcp: option 2 length 0 overruns the options area");
        assertThat(parse("01 1e 01 00")).isEqualTo("tcp: option 30 length 1 overruns the options area");
    }

    @Test
    void refusesAnOptionRunningPastTheArea() {
        assertThat(parse("01 01 08 0a 00 00 00 01 00 00 00")).isEqualTo("tcp: option 8 length 10 overruns the options area");
        assertThat(parse("02 05 05 b4")).isEqualTo("tcp: option 2 length 5 overruns the options area");
    }

    @Test
    void refusesAnOptionWithoutItsLengthByte() {
        assertThat(parse("01 01 01 03")).isEqualTo("tcp: option 3 has no length byte");
    }

    @Test
    void stopsAtEndOfOptionList() {
        assertThat(parse("00 02 04 05 b4")).isNull();
        assertThat(options.mss).isEqualTo(-1);

        assertThat(parse("02 04 05 b4 00 ff")).as("bytes after end-of-list are padding, even invalid ones").isNull();
        assertThat(options.mss).isEqualTo(1460);
    }

    @Test
    void clampsWindowScaleTo14() {
        assertThat(parse("01 03 03 0e")).isNull();
        assertThat(options.windowScale).isEqualTo(14);
        assertThat(parse("01 03 03 0f")).isNull();
        assertThat(options.windowScale).isEqualTo(14);
        assertThat(parse("01 03 03 ff")).isNull();
        assertThat(options.windowScale).isEqualTo(14);
        assertThat(parse("01 03 03 00")).isNull();
        assertThat(options.windowScale).isZero();
    }

    @Test
    void parseForgetsWhatTheLastSegmentSaid() {
        parsed(CapturedFrames.ACK_WITH_THREE_SACK_BLOCKS);
        parsed(CapturedFrames.SYN);
        assertThat(options.sackBlockCount).isZero();

        assertThat(parse("01 01 01 01")).isNull();
        assertThat(options.mss).isEqualTo(-1);
        assertThat(options.windowScale).isEqualTo(-1);
        assertThat(options.sackPermitted).isFalse();
        assertThat(options.hasTimestamp).isFalse();
        assertThat(options.tsVal).isZero();
        assertThat(options.tsEcr).isZero();
    }

    @Test
    void readsOnlyItsRange() {
        // An MSS option whose value lies outside the given range would be an overrun, not a value.
        byte[] b = Hex.bytes("02 04 05 b4 02 04 05 b4");
        assertThat(options.parse(b, 4, 3)).isEqualTo("tcp: option 2 length 4 overruns the options area");
        assertThat(options.parse(b, 4, 4)).isNull();
        assertThat(options.mss).isEqualTo(1460);
    }

    private String parse(String hex) {
        byte[] area = Buffers.placed(Hex.bytes(hex));
        return options.parse(area, Buffers.OFFSET, area.length - Buffers.OFFSET - 9);
    }

    @Test
    void neverThrowsOnArbitraryBytes() {
        List<byte[]> seeds = new ArrayList<>();
        for (String f : List.of(CapturedFrames.SYN, CapturedFrames.ACK_WITH_THREE_SACK_BLOCKS, CapturedFrames.NO_TS_SYN,
                CapturedFrames.NO_TS_ACK_WITH_TWO_SACK_BLOCKS)) {
            seeds.add(optionArea(f));
        }
        int accepted = ArbitraryBytes.forEachSlice(seeds, s -> {
            String reason = options.parse(s.buffer(), s.offset(), s.length());
            if (reason != null) {
                return false;
            }
            assertThat(options.sackBlockCount).isBetween(0, TcpOptions.MAX_SACK_BLOCKS);
            assertThat(options.windowScale).isBetween(-1, TcpOptions.MAX_WINDOW_SCALE);
            assertThat(options.mss).isBetween(-1, 65535);
            options.describe();
            assertThat(options.length()).isBetween(0, TcpOptions.MAX_LENGTH);
            byte[] out = new byte[TcpOptions.MAX_LENGTH];
            assertThat(options.emit(out, 0)).isEqualTo(options.length());
            return true;
        });
        assertThat(accepted).isGreaterThan(ArbitraryBytes.ROUNDS / 10);
    }
}
