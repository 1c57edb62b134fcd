package rawhttpget.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes as a TCP segment: {@link TcpSegment#wrap} and {@link TcpSegment#parseOptions} name why they refuse
 * them, or every accessor reads inside the segment; options that parse are described, and emitting what was
 * parsed and parsing that again gives the same values. The checksum check is run on the bytes as they came and
 * after {@link TcpSegment#fillChecksum}, which it must then accept.
 */
class TcpSegmentFuzzTest {
    private static final int SOURCE = 0xC6120101;
    private static final int DESTINATION = 0xC6120102;

    @FuzzTest(maxDuration = "10m")
    void arbitraryBytesAreRefusedWithAReasonOrReadWithinTheSegment(byte[] input) {
        TcpSegment seg = new TcpSegment();
        String refused = seg.wrap(input, 0, input.length);
        if (refused != null) {
            assertThat(refused).startsWith("tcp: ").doesNotContain("\n");
            return;
        }
        assertThat(seg.headerLength()).isBetween(TcpSegment.MIN_HEADER_LENGTH, 60);
        assertThat(seg.payloadOffset() + seg.payloadLength()).isEqualTo(input.length);
        assertThat(seg.sequenceLength()).isBetween(0, input.length + 2);
        seg.sourcePort();
        seg.destinationPort();
        seg.seq();
        seg.ack();
        seg.window();
        seg.checksum();
        seg.checksumValid(SOURCE, DESTINATION);

        TcpOptions options = new TcpOptions();
        String malformed = seg.parseOptions(options);
        if (malformed != null) {
            assertThat(malformed).startsWith("tcp: ").doesNotContain("\n");
        } else {
            checkOptionsSurviveEmitAndParse(options);
        }

        byte[] copy = input.clone();
        TcpSegment.fillChecksum(copy, 0, copy.length, SOURCE, DESTINATION);
        TcpSegment filled = new TcpSegment();
        assertThat(filled.wrap(copy, 0, copy.length)).isNull();
        assertThat(filled.checksumValid(SOURCE, DESTINATION)).isTrue();
    }

    private static void checkOptionsSurviveEmitAndParse(TcpOptions parsed) {
        assertThat(parsed.describe()).doesNotContain("\n");
        assertThat(parsed.mss).isBetween(-1, 0xFFFF);
        assertThat(parsed.windowScale).isBetween(-1, TcpOptions.MAX_WINDOW_SCALE);
        assertThat(parsed.sackBlockCount).isBetween(0, TcpOptions.MAX_SACK_BLOCKS);
        int length = parsed.length();
        assertThat(length).isBetween(0, TcpOptions.MAX_LENGTH).matches(n -> n % 4 == 0, "a multiple of 4");
        byte[] area = new byte[length];
        assertThat(parsed.emit(area, 0)).isEqualTo(length);
        TcpOptions again = new TcpOptions();
        assertThat(again.parse(area, 0, length)).isNull();
        assertThat(again.mss).isEqualTo(parsed.mss);
        assertThat(again.windowScale).isEqualTo(parsed.windowScale);
        assertThat(again.sackPermitted).isEqualTo(parsed.sackPermitted);
        assertThat(again.hasTimestamp).isEqualTo(parsed.hasTimestamp);
        if (parsed.hasTimestamp) {
            assertThat(again.tsVal).isEqualTo(parsed.tsVal);
            assertThat(again.tsEcr).isEqualTo(parsed.tsEcr);
        }
        assertThat(again.sackBlockCount).isEqualTo(parsed.sackBlocksThatFit());
        for (int i = 0; i < 2 * again.sackBlockCount; i++) {
            assertThat(again.sackBlocks[i]).isEqualTo(parsed.sackBlocks[i]);
        }
    }
}
