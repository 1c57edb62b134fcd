package rawhttpget.report;

import org.junit.jupiter.api.Test;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpFlags;
import rawhttpget.tcp.TcpOptions;
import rawhttpget.tcp.TcpSegment;
import rawhttpget.testing.MiniJson;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Above {@link TraceJson#SEGMENT_LIMIT} segments a connection, runs of plain segments become summary entries,
 * while every marked segment, every segment with SACK blocks and every event stays as it was; at or below the
 * limit every segment is written. Segments are fed to the recorder as the stack would, with a connection that
 * never sees them (its counters stay at zero, so only the recorder's own marks apply).
 */
class LongConnectionSummaryTest {
    private static final int LOCAL = Ipv4Address.parseBits("198.18.0.1");
    private static final int REMOTE = Ipv4Address.parseBits("198.18.0.2");
    private static final int OUR_ISS = 1000;
    private static final int THEIR_ISS = 0x7fff_f000;
    private static final int MSS = 1448;

    private final TcpConnection connection = new TcpConnection(TcpConfig.defaults(1460), LOCAL, 40000, REMOTE, 80, OUR_ISS,
            OUR_ISS);
    private final TraceRecorder recorder = new TraceRecorder(0, null);
    private final byte[] buffer = new byte[2000];
    private final TcpSegment view = new TcpSegment();
    private final TcpOptions options = new TcpOptions();
    private long now;

    private void segment(boolean out, int seq, int ack, int flags, int length, long... sack) {
        options.clear();
        options.sackBlockCount = sack.length / 2;
        for (int i = 0; i < sack.length; i++) {
            options.sackBlocks[i] = (int) sack[i];
        }
        int header = TcpSegment.emitHeader(buffer, 0, out ? 40000 : 80, out ? 80 : 40000, seq, ack, flags, 1000, null);
        assertThat(view.wrap(buffer, 0, header + length)).isNull();
        now += 10_000;
        recorder.segment(connection, now, out, view, options);
        if (!out) {
            recorder.processed(connection, now);
        }
    }

    /** A transfer of {@code count} full segments, one ACK per two; the segment at {@code lost} arrives last. */
    private Map<String, Object> transfer(int count, int lost) throws Exception {
        segment(true, OUR_ISS, 0, TcpFlags.SYN, 0);
        segment(false, THEIR_ISS, OUR_ISS + 1, TcpFlags.SYN | TcpFlags.ACK, 0);
        int base = THEIR_ISS + 1;
        for (int i = 0; i < count; i++) {
            if (i == lost) {
                continue;
            }
            segment(false, base + i * MSS, OUR_ISS + 1, TcpFlags.ACK, MSS);
            if (i > lost && i <= lost + 3) {
                segment(true, OUR_ISS + 1, base + lost * MSS, TcpFlags.ACK, 0, base + (lost + 1) * MSS,
                        base + (i + 1) * MSS);
            } else if (i % 2 == 1) {
                segment(true, OUR_ISS + 1, base + (i + 1) * MSS, TcpFlags.ACK, 0);
            }
            if (i == lost + 3) {
                segment(false, base + lost * MSS, OUR_ISS + 1, TcpFlags.ACK, MSS);
                segment(true, OUR_ISS + 1, base + (i + 1) * MSS, TcpFlags.ACK, 0);
            }
        }
        StringWriter json = new StringWriter();
        recorder.writeJson(json, new RunStats(), "");
        return MiniJson.object(MiniJson.array(MiniJson.object(MiniJson.parse(json.toString())).get("connections")).get(0));
    }

    private static List<Map<String, Object>> segments(Map<String, Object> connection) {
        return MiniJson.array(connection.get("segments")).stream().map(MiniJson::object).toList();
    }

    private static long members(List<Map<String, Object>> segments) {
        return segments.stream().mapToLong(s -> s.containsKey("n") ? ((Double) s.get("n")).longValue() : 1).sum();
    }

    @Test
    void aLongConnectionIsSummarisedButKeepsEveryMarkedSegmentAndSack() throws Exception {
        Map<String, Object> c = transfer(200_000, 150_000);
        List<Map<String, Object>> segments = segments(c);
        long total = recorder.connections().get(0).segments.segmentsSeen;

        assertThat(total).isGreaterThan(TraceJson.SEGMENT_LIMIT * 2);
        assertThat(segments.size()).isLessThanOrEqualTo(TraceJson.SEGMENT_LIMIT);
        assertThat(members(segments)).isEqualTo(total);
        assertThat(MiniJson.object(c.get("summarised"))).containsEntry("segments", (double) total);
        // The retransmission and the three ACKs with SACK blocks before it, each by itself.
        assertThat(segments.stream().filter(s -> s.containsKey("retx")))
                .singleElement().satisfies(s -> assertThat(s).containsEntry("seq", 150_000.0 * MSS + 1)
                        .containsEntry("len", (double) MSS).doesNotContainKey("n"));
        assertThat(segments.stream().filter(s -> !MiniJson.array(s.get("sack")).isEmpty()).count()).isEqualTo(3);
        assertThat(segments.stream().filter(s -> s.containsKey("n")))
                .allSatisfy(s -> assertThat(MiniJson.array(s.get("sack"))).isEmpty());
        // A summary of data covers exactly its members' bytes, from its first sequence number.
        Map<String, Object> run = segments.stream().filter(s -> s.containsKey("n") && s.get("dir").equals("in"))
                .findFirst().orElseThrow();
        assertThat((Double) run.get("len")).isEqualTo((Double) run.get("n") * MSS);
        assertThat(MiniJson.array(c.get("events")).stream().map(e -> MiniJson.object(e).get("kind")))
                .containsExactly("retransmission");
    }

    @Test
    void atTheLimitEverySegmentIsWritten() throws Exception {
        Map<String, Object> c = transfer(50_000, 25_000);
        List<Map<String, Object>> segments = segments(c);

        assertThat(recorder.connections().get(0).segments.count).isLessThanOrEqualTo(TraceJson.SEGMENT_LIMIT);
        assertThat(segments).hasSize(recorder.connections().get(0).segments.count).noneMatch(s -> s.containsKey("n"));
        assertThat(c).doesNotContainKey("summarised");
        // Relative numbers as tcpdump makes them: each side's SYN at 0.
        assertThat(segments.get(0)).containsEntry("seq", 0.0).containsEntry("flags", "S");
        assertThat(segments.get(1)).containsEntry("seq", 0.0).containsEntry("ack", 1.0).containsEntry("flags", "S.");
        assertThat(segments.get(2)).containsEntry("seq", 1.0).containsEntry("len", (double) MSS);
    }
}
