package rawhttpget.ethernet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Any bytes at all: {@link EthernetFrame#wrap} either names why it refuses them or accepts them, and after it
 * accepts, every accessor stays inside the frame and re-emitting the header gives back the same 14 bytes. The
 * input sits at the very end of its array, so a read past the frame is an exception, not a quiet wrong value.
 * Corpus: {@code src/test/resources/rawhttpget/ethernet/EthernetFrameFuzzTestInputs/}; {@code make fuzz} explores.
 */
class EthernetFrameFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void arbitraryBytesAreRefusedWithAReasonOrReadWithinTheFrame(byte[] input) {
        int offset = input.length % 7; // also exercise frames that do not start the array
        byte[] buffer = new byte[offset + input.length];
        System.arraycopy(input, 0, buffer, offset, input.length);
        EthernetFrame frame = new EthernetFrame();
        String refused = frame.wrap(buffer, offset, input.length);
        if (refused != null) {
            assertThat(refused).startsWith("ethernet: ").doesNotContain("\n");
            assertThat(input.length).isLessThan(EthernetFrame.HEADER_LENGTH);
            return;
        }
        assertThat(frame.payloadOffset() + frame.payloadLength()).isEqualTo(buffer.length);
        assertThat(EthernetFrame.typeName(frame.etherType())).isNotEmpty();
        byte[] header = new byte[EthernetFrame.HEADER_LENGTH];
        EthernetFrame.emitHeader(header, 0, frame.destination(), frame.source(), frame.etherType());
        assertThat(header).isEqualTo(Arrays.copyOfRange(input, 0, EthernetFrame.HEADER_LENGTH));
    }
}
