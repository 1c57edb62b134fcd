package rawhttpget.link;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import rawhttpget.time.EpochClock;
import rawhttpget.time.ManualClock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PcapRecorderLinkTest {
    private static final long EPOCH_AT_START = 1_700_000_000_000_000_000L;

    private final MemoryLink[] cable = MemoryLink.pair();
    private final ManualClock clock = new ManualClock(5_000);
    private final ByteArrayOutputStream file = new ByteArrayOutputStream();

    private PcapRecorderLink recorder(WritableByteChannel channel) {
        return new PcapRecorderLink(cable[0], new PcapWriter(channel, 4096), new EpochClock(clock, EPOCH_AT_START),
                "test.pcap");
    }

    private static byte[] frame(int fill, int length) {
        byte[] f = new byte[length];
        Arrays.fill(f, (byte) fill);
        return f;
    }

    @Test
    void recordsSentAndReceivedFramesInOrderWithTheClocksTimeAndPassesThemOn() {
        PcapRecorderLink link = recorder(Channels.newChannel(file));
        link.send(frame(0x11, 60), 0, 60);
        clock.advance(1_500);
        cable[1].send(frame(0x22, 74), 0, 74);
        List<byte[]> received = new ArrayList<>();
        link.receive((b, off, len) -> received.add(Arrays.copyOfRange(b, off, off + len)));
        link.close();

        assertThat(cable[1].poll()).isEqualTo(frame(0x11, 60));
        assertThat(received).containsExactly(frame(0x22, 74));
        ByteBuffer pcap = ByteBuffer.wrap(file.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(pcap.limit()).isEqualTo(24 + 16 + 60 + 16 + 74);
        pcap.position(24);
        assertRecord(pcap, EPOCH_AT_START, frame(0x11, 60));
        assertRecord(pcap, EPOCH_AT_START + 1_500, frame(0x22, 74));
        assertThat(link.framesRecorded()).isEqualTo(2);
    }

    private static void assertRecord(ByteBuffer pcap, long epochNanos, byte[] frame) {
        assertThat(Integer.toUnsignedLong(pcap.getInt())).isEqualTo(epochNanos / 1_000_000_000L);
        assertThat(pcap.getInt()).isEqualTo((int) (epochNanos % 1_000_000_000L));
        assertThat(pcap.getInt()).isEqualTo(frame.length);
        assertThat(pcap.getInt()).isEqualTo(frame.length);
        byte[] bytes = new byte[frame.length];
        pcap.get(bytes);
        assertThat(bytes).isEqualTo(frame);
    }

    @Test
    void aFailingFileStopsTheRecordingButNotTheTraffic() {
        WritableByteChannel full = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        PcapRecorderLink link = new PcapRecorderLink(cable[0], new PcapWriter(full, 200),
                new EpochClock(clock, EPOCH_AT_START), "full.pcap");
        Logger log = (Logger) LoggerFactory.getLogger("rawhttpget.link");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        log.setAdditive(false);
        try {
            for (int i = 0; i < 3; i++) {
                link.send(frame(i, 60), 0, 60); // the third no longer fits the 200-byte buffer: flush, fail
            }
            link.close();
        } finally {
            log.detachAppender(lines);
            log.setAdditive(true);
        }

        assertThat(lines.list).extracting(e -> e.getLevel() + " " + e.getFormattedMessage()).containsExactly(
                "ERROR pcap full.pcap: cannot write (No space left on device); recording stopped after 2 frames");

        assertThat(link.failure()).hasMessage("No space left on device");
        assertThat(cable[1].pending()).isEqualTo(3);
        assertThat(link.framesRecorded()).isEqualTo(2);
    }
}
