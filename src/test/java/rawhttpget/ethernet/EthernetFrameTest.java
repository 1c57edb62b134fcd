package rawhttpget.ethernet;

import rawhttpget.inet.MacAddress;
import org.junit.jupiter.api.Test;
import rawhttpget.testing.ArbitraryBytes;
import rawhttpget.testing.Buffers;
import rawhttpget.testing.CapturedFrames;
import rawhttpget.testing.Hex;

import static org.assertj.core.api.Assertions.assertThat;

class EthernetFrameTest {
    private final EthernetFrame frame = new EthernetFrame();

    @Test
    void readsTheHeaderOfACapturedBroadcastArpRequest() {
        byte[] bytes = Buffers.placed(CapturedFrames.frame(CapturedFrames.ARP_REQUEST));

        assertThat(frame.wrap(bytes, Buffers.OFFSET, 42)).isNull();

        assertThat(frame.destination()).isEqualTo(MacAddress.BROADCAST.bits());
        assertThat(frame.source()).isEqualTo(CapturedFrames.CLIENT_MAC);
        assertThat(frame.etherType()).isEqualTo(EthernetFrame.TYPE_ARP);
        assertThat(frame.buffer()).isSameAs(bytes);
        assertThat(frame.payloadOffset()).isEqualTo(Buffers.OFFSET + 14);
        assertThat(frame.payloadLength()).isEqualTo(28);
    }

    @Test
    void readsTheHeaderOfACapturedIpv4Frame() {
        byte[] bytes = CapturedFrames.frame(CapturedFrames.SYN_ACK);

        assertThat(frame.wrap(bytes, 0, bytes.length)).isNull();

        assertThat(frame.destination()).isEqualTo(CapturedFrames.CLIENT_MAC);
        assertThat(frame.source()).isEqualTo(CapturedFrames.ROUTER_MAC);
        assertThat(frame.etherType()).isEqualTo(EthernetFrame.TYPE_IPV4);
        assertThat(frame.payloadOffset()).isEqualTo(14);
        assertThat(frame.payloadLength()).isEqualTo(60);
    }

    @Test
    void keepsEthernetPaddingInThePayloadForTheIpLayerToTrim() {
        byte[] padded = new byte[60];
        byte[] ack = CapturedFrames.frame(CapturedFrames.NO_TS_BARE_ACK);
        System.arraycopy(ack, 0, padded, 0, ack.length);

        assertThat(frame.wrap(padded, 0, 60)).isNull();

        assertThat(frame.payloadLength()).isEqualTo(46);
    }

    @Test
    void rejectsEveryLengthShorterThanTheHeader() {
        byte[] bytes = Buffers.placed(CapturedFrames.frame(CapturedFrames.ARP_REPLY));
        for (int n = 0; n < EthernetFrame.HEADER_LENGTH; n++) {
            assertThat(frame.wrap(bytes, Buffers.OFFSET, n))
                    .as("length %d", n)
                    .isEqualTo("ethernet: frame of " + n + " bytes is shorter than the 14-byte header");
        }
        assertThat(frame.wrap(bytes, Buffers.OFFSET, 14)).isNull();
        assertThat(frame.payloadLength()).isZero();
    }

    @Test
    void emitsTheCapturedHeaderByteForByte() {
        byte[] out = Buffers.emitChecked(14, (b, off) -> assertThat(EthernetFrame.emitHeader(b, off,
                CapturedFrames.ROUTER_MAC, CapturedFrames.CLIENT_MAC, EthernetFrame.TYPE_IPV4)).isEqualTo(off + 14));

        assertThat(Hex.of(out)).isEqualTo("8e 1b cb 58 f2 39 f6 7a 81 9b d7 67 08 00");
    }

    @Test
    void emittedHeaderReadsBackWithTheSameFields() {
        long[][] cases = {{0xffffffffffffL, 0x000000000001L, 0x0806}, {0x010203040506L, 0xfffffffffffeL, 0x86dd},
                {0, 0, 0}, {0x800000000000L, 0x7fffffffffffL, 0xffff}};
        for (long[] c : cases) {
            byte[] b = Buffers.filled(40);
            int payloadAt = EthernetFrame.emitHeader(b, 3, c[0], c[1], (int) c[2]);
            assertThat(frame.wrap(b, 3, 37)).isNull();
            assertThat(frame.destination()).isEqualTo(c[0]);
            assertThat(frame.source()).isEqualTo(c[1]);
            assertThat(frame.etherType()).isEqualTo((int) c[2]);
            assertThat(frame.payloadOffset()).isEqualTo(payloadAt).isEqualTo(17);
            assertThat(frame.payloadLength()).isEqualTo(23);
        }
    }

    @Test
    void namesTheEtherTypesItMeets() {
        assertThat(EthernetFrame.typeName(0x0800)).isEqualTo("IPv4");
        assertThat(EthernetFrame.typeName(0x0806)).isEqualTo("ARP");
        assertThat(EthernetFrame.typeName(0x8100)).isEqualTo("802.1Q");
        assertThat(EthernetFrame.typeName(0x86dd)).isEqualTo("IPv6");
        assertThat(EthernetFrame.typeName(0x88cc)).isEqualTo("0x88cc");
        assertThat(EthernetFrame.typeName(0x0042)).isEqualTo("0x0042");
    }

    @Test
    void neverThrowsOnArbitraryBytes() {
        int accepted = ArbitraryBytes.forEachSlice(CapturedFrames.allFrames(), s -> {
            String reason = frame.wrap(s.buffer(), s.offset(), s.length());
            if (s.length() < 14) {
                assertThat(reason).isNotNull();
                return false;
            }
            assertThat(reason).isNull();
            frame.destination();
            frame.source();
            frame.etherType();
            assertThat(frame.payloadOffset() + frame.payloadLength()).isEqualTo(s.offset() + s.length());
            return true;
        });
        assertThat(accepted).isGreaterThan(ArbitraryBytes.ROUNDS / 2);
    }
}
