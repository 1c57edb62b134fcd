package rawhttpget.link;

import org.junit.jupiter.api.Test;
import rawhttpget.testing.Hex;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The classic libpcap format, byte for byte (pcap-savefile(5), nanosecond variant). */
class PcapWriterTest {
    /** magic a1b23c4d, version 2.4, thiszone 0, sigfigs 0, snaplen 262144, linktype 1: all little-endian. */
    private static final String GLOBAL_HEADER = "4d3cb2a1 0200 0400 00000000 00000000 00000400 01000000";

    private final ByteArrayOutputStream file = new ByteArrayOutputStream();

    private PcapWriter writer(int bufferBytes) {
        return new PcapWriter(Channels.newChannel(file), bufferBytes);
    }

    @Test
    void emptyTraceIsTheGlobalHeaderForNanosecondEthernet() throws IOException {
        writer(4096).close();
        assertThat(Hex.of(file.toByteArray())).isEqualTo(Hex.of(Hex.bytes(GLOBAL_HEADER)));
    }

    @Test
    void aRawIpRecordingNamesLinktype101SoTsharkReadsBareIpv4Packets() throws IOException {
        new PcapWriter(Channels.newChannel(file), 4096, LinkLayer.RAW_IP).close();
        assertThat(Hex.of(file.toByteArray()))
                .isEqualTo(Hex.of(Hex.bytes("4d3cb2a1 0200 0400 00000000 00000000 00000400 65000000")));
    }

    @Test
    void recordHeaderCarriesSecondsNanosecondsAndBothLengths() throws IOException {
        byte[] frame = new byte[70];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (byte) i;
        }
        try (PcapWriter w = writer(4096)) {
            // 2023-11-14T22:13:20.123456789Z; the frame starts at offset 5 of the array, 60 bytes long.
            w.write(1_700_000_000_123_456_789L, frame, 5, 60);
        }
        byte[] bytes = file.toByteArray();
        assertThat(bytes).hasSize(24 + 16 + 60);
        // 1700000000 = 0x6553f100, 123456789 = 0x075bcd15, 60 = 0x3c.
        assertThat(Hex.of(bytes, 24, 16)).isEqualTo(Hex.of(Hex.bytes("00f15365 15cd5b07 3c000000 3c000000")));
        assertThat(Arrays.copyOfRange(bytes, 40, 100)).isEqualTo(Arrays.copyOfRange(frame, 5, 65));
    }

    @Test
    void frameLongerThanTheSnapshotLengthIsCutAndKeepsItsOriginalLength() throws IOException {
        byte[] frame = new byte[300_000];
        frame[262_143] = 0x5A;
        try (PcapWriter w = writer(1 << 20)) {
            w.write(2_000_000_001L, frame, 0, frame.length);
        }
        byte[] bytes = file.toByteArray();
        assertThat(bytes).hasSize(24 + 16 + 262_144);
        // 2 s, 1 ns; captured 262144 = 0x00040000, original 300000 = 0x000493e0.
        assertThat(Hex.of(bytes, 24, 16)).isEqualTo(Hex.of(Hex.bytes("02000000 01000000 00000400 e0930400")));
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) 0x5A);
    }

    @Test
    void smallBufferWritesTheSameBytesAsALargeOne() throws IOException {
        ByteArrayOutputStream large = new ByteArrayOutputStream();
        try (PcapWriter small = writer(64); PcapWriter big = new PcapWriter(Channels.newChannel(large), 1 << 16)) {
            for (int i = 0; i < 20; i++) {
                byte[] frame = new byte[30 + 7 * i]; // some fit the 64-byte buffer, most do not
                Arrays.fill(frame, (byte) i);
                small.write(i * 1_000L, frame, 0, frame.length);
                big.write(i * 1_000L, frame, 0, frame.length);
            }
            assertThat(small.records()).isEqualTo(20);
        }
        assertThat(file.toByteArray()).isEqualTo(large.toByteArray());
    }

    @Test
    void nothingReachesTheChannelUntilTheBufferFillsOrTheWriterFlushes() throws IOException {
        PcapWriter w = writer(4096);
        w.write(0, new byte[60], 0, 60);
        assertThat(file.size()).isZero();
        w.flush();
        assertThat(file.size()).isEqualTo(24 + 16 + 60);
        w.close();
    }
}
