package rawhttpget.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rawhttpget.report.HtmlReport;
import rawhttpget.report.EventLines;
import rawhttpget.report.RunStats;
import rawhttpget.report.TraceRecorder;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpStats;
import rawhttpget.testing.MiniJson;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's data model against a scripted lossy transfer in virtual time: the stack tells the recorder of every
 * segment, and what the recorder counts agrees with the connection's own statistics (what --stats prints), for
 * segments, bytes, out-of-order arrivals, duplicates and D-SACKs; the events file holds the same segments.
 */
class SegmentObserverDownloadTest {
    private static byte[] body(int seed, int length) {
        byte[] b = new byte[length];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private record Observed(FaultyPathDownloadTest.Run run, Map<String, Object> connection, List<String> lines,
                            TraceRecorder recorder) {
    }

    private static Observed download(FaultyPathDownloadTest.Path path, int seed, TcpConfig config, long readInterval)
            throws Exception {
        byte[] body = body(seed, 400_000);
        FaultyPathDownloadTest.Run run = new FaultyPathDownloadTest.Run(path.inbound, path.outbound, seed, body, config,
                readInterval);
        StringWriter events = new StringWriter();
        EventLines lines = new EventLines(events, FaultyPathDownloadTest.Run.START);
        TraceRecorder recorder = new TraceRecorder(FaultyPathDownloadTest.Run.START, lines);
        run.stack.observe(recorder);
        run.untilDone(path.bound * 4);
        run.assertIdenticalAndClean();
        lines.close();
        StringWriter json = new StringWriter();
        recorder.writeJson(json, new RunStats(), "stats");
        Map<String, Object> doc = MiniJson.object(MiniJson.parse(json.toString()));
        assertThat(doc.get("version")).isEqualTo(1.0);
        List<Object> connections = MiniJson.array(doc.get("connections"));
        assertThat(connections).hasSize(1);
        return new Observed(run, MiniJson.object(connections.get(0)), events.toString().lines().toList(), recorder);
    }

    @Test
    void theHtmlReportIsOneFileWithEverythingInline(@TempDir Path dir) throws Exception {
        Observed o = download(FaultyPathDownloadTest.Path.LOSS_1, 2, TcpConfig.defaults(1460), 0);
        Path file = dir.resolve("report.html");
        HtmlReport.write(file, o.recorder(), new RunStats(), "rawhttpget statistics\n  <none>\n");
        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<pre id=\"stats\">rawhttpget statistics\n  &lt;none&gt;")
                .contains("The MIT License").contains("https://github.com/leeoniya/uPlot (v1.6.30)")
                .contains(".uplot").contains("new uPlot(");
        // Nothing is fetched: no external script, style sheet, image or font.
        assertThat(html).doesNotContain("<link").doesNotContain(" src=").doesNotContain("@import").doesNotContain("url(");
        int start = html.indexOf("<script type=\"application/json\" id=\"rawhttpget-data\">");
        String json = html.substring(html.indexOf('>', start) + 1, html.indexOf("</script>", start));
        assertThat(MiniJson.array(MiniJson.object(MiniJson.parse(json)).get("connections"))).hasSize(1);
    }

    private static long count(List<Object> segments, String dir, String mark) {
        return segments.stream().map(MiniJson::object)
                .filter(s -> s.get("dir").equals(dir) && (mark == null || Boolean.TRUE.equals(s.get(mark)))).count();
    }

    @Test
    void countsOfALossyTransferEqualTheConnectionsStatistics() throws Exception {
        Observed o = download(FaultyPathDownloadTest.Path.LOSS_5, 3, TcpConfig.defaults(1460), 0);
        TcpStats stats = o.run().connection.stats();
        List<Object> segments = MiniJson.array(o.connection().get("segments"));

        assertThat(o.connection().get("local")).isEqualTo("198.18.1.2:40000");
        assertThat(o.connection().get("remote")).isEqualTo("198.18.1.1:80");
        assertThat(count(segments, "in", null)).isEqualTo(stats.segmentsIn);
        assertThat(count(segments, "out", null)).isEqualTo(stats.segmentsOut);
        assertThat(count(segments, "in", "ooo")).isEqualTo(stats.outOfOrderSegments).isPositive();
        assertThat(count(segments, "in", "dup")).isEqualTo(stats.duplicateSegments);
        assertThat(count(segments, "out", "dsack")).isEqualTo(stats.dsackBlocksSent);
        assertThat(count(segments, "in", "retx")).as("retransmissions seen").isPositive();
        long bytesIn = segments.stream().map(MiniJson::object).filter(s -> s.get("dir").equals("in"))
                .mapToLong(s -> ((Double) s.get("len")).longValue()).sum();
        assertThat(bytesIn).isEqualTo(stats.payloadBytesIn);
        // Relative sequence numbers as tcpdump makes them: the SYN-ACK at 0, the body from 1, the FIN at its end.
        Map<String, Object> synAck = MiniJson.object(segments.get(1));
        assertThat(synAck).containsEntry("dir", "in").containsEntry("flags", "S.").containsEntry("seq", 0.0)
                .containsEntry("ack", 1.0);
        assertThat(segments.stream().map(MiniJson::object)
                .filter(s -> s.get("dir").equals("in") && ((String) s.get("flags")).contains("F")).findFirst().orElseThrow()
                .get("seq")).isEqualTo(1.0 + 400_000);

        List<String> kinds = MiniJson.array(o.connection().get("events")).stream()
                .map(e -> (String) MiniJson.object(e).get("kind")).toList();
        assertThat(kinds).contains("hole", "retransmission", "fin");
        assertThat(MiniJson.array(o.connection().get("rtt"))).isNotEmpty();
        Map<String, Object> stack = MiniJson.object(o.connection().get("stack"));
        assertThat(MiniJson.array(stack.get("ooo")).stream().mapToDouble(v -> (Double) v).max().orElse(0))
                .as("bytes held beyond a hole").isPositive();
        assertThat(MiniJson.array(stack.get("read")).stream().mapToDouble(v -> (Double) v).max().orElse(0))
                .isLessThanOrEqualTo(400_000);

        // The events file: one line per segment and per event, each naming its connection.
        assertThat(o.lines()).hasSize(segments.size() + kinds.size());
        assertThat(o.lines()).allMatch(l -> l.startsWith("{\"conn\":\"198.18.1.2:40000>198.18.1.1:80\",\"t\":"));
        o.lines().forEach(MiniJson::parse);
    }

    @Test
    void aSlowReaderShowsTheWindowClosingAndWhy() throws Exception {
        TcpConfig small = TcpConfig.defaults(1460).withReceiveBuffer(32 * 1024);
        Observed o = download(FaultyPathDownloadTest.Path.CLEAN, 1, small, 300 * 1_000_000L);
        TcpStats stats = o.run().connection.stats();
        List<Object> events = MiniJson.array(o.connection().get("events"));
        long closed = events.stream().filter(e -> MiniJson.object(e).get("kind").equals("window-closed")).count();
        assertThat(closed).isEqualTo(stats.zeroWindowEvents).isPositive();
        assertThat(events.stream().map(e -> (String) MiniJson.object(e).get("kind"))).contains("window-opened");
        List<String> decisions = MiniJson.array(o.connection().get("windowDecisions")).stream()
                .map(d -> (String) MiniJson.object(d).get("decision")).toList();
        assertThat(decisions).contains("open", "shrinking", "closed");
        Map<String, Object> stack = MiniJson.object(o.connection().get("stack"));
        assertThat(MiniJson.array(stack.get("buffered")).stream().mapToDouble(v -> (Double) v).max().orElse(0))
                .as("the buffer filled up to the window").isGreaterThan(30_000);
    }
}
