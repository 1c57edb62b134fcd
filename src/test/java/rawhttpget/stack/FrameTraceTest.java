package rawhttpget.stack;

import org.junit.jupiter.api.Test;
import rawhttpget.testing.Hex;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected text: tcpdump 4.99.3 {@code -n -t -e -xx} on the same frames, up to the header's {@code length N}. */
class FrameTraceTest {
    @Test
    void arpFrameReadsLikeTcpdumpWithLinkHeaderAndHex() {
        byte[] frame = Hex.bytes("020000000001020000000002 0806 0001080006040001 020000000002 c6120201 020000000001 c6120102");
        assertThat(FrameTrace.describe(frame, 0, frame.length)).isEqualTo(
                "02:00:00:00:00:02 > 02:00:00:00:00:01, ethertype ARP (0x0806), length 42\n"
                        + "\t0x0000:  0200 0000 0001 0200 0000 0002 0806 0001\n"
                        + "\t0x0010:  0800 0604 0001 0200 0000 0002 c612 0201\n"
                        + "\t0x0020:  0200 0000 0001 c612 0102");
    }

    @Test
    void oddLengthEndsWithALoneByteAndUnknownTypesAreNamedSo() {
        byte[] frame = Hex.bytes("xx 020000000001020000000002 88b5 616263".replace("xx ", "ff"));
        assertThat(FrameTrace.describe(frame, 1, frame.length - 1)).isEqualTo(
                "02:00:00:00:00:02 > 02:00:00:00:00:01, ethertype Unknown (0x88b5), length 17\n"
                        + "\t0x0000:  0200 0000 0001 0200 0000 0002 88b5 6162\n"
                        + "\t0x0010:  63");
    }
}
