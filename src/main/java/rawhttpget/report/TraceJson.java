package rawhttpget.report;

import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpStats;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The report's data as one JSON document (format in the README, version 1): per connection its segments, events,
 * phases, what the stack knew, RTT samples and window decisions. Up to {@link #SEGMENT_LIMIT} segments a
 * connection every one is written; above, runs of plain segments (in-order data without marks, pure ACKs without
 * SACK) are written as one summary entry each, with {@code n} members, while every marked segment, every segment
 * with SACK blocks or other flags, and every event is written as it was.
 */
final class TraceJson {
    static final int SEGMENT_LIMIT = 100_000;
    private static final int CHUNK = 1 << 16;

    private final Writer out;
    private final long origin;
    private final StringBuilder s = new StringBuilder(CHUNK + 1024);

    private TraceJson(Writer out, long origin) {
        this.out = out;
        this.origin = origin;
    }

    /** One transfer's connection as the run's statistics know it: its URL and phases. */
    record Transfer(String url, TcpConnection connection, PhaseTimes phases) {
    }

    static void write(Writer out, TraceRecorder recorder, List<Transfer> transfers, String stats) throws IOException {
        new TraceJson(out, recorder.origin()).document(recorder, transfers, stats);
    }

    private void document(TraceRecorder recorder, List<Transfer> transfers, String stats) throws IOException {
        s.append("{\"version\":1,\"segmentLimit\":").append(SEGMENT_LIMIT).append(",\"stats\":");
        JsonText.string(s, stats).append(",\"connections\":[");
        boolean first = true;
        for (ConnectionTrace t : recorder.connections()) {
            if (!first) {
                s.append(',');
            }
            first = false;
            Transfer transfer = null;
            for (Transfer candidate : transfers) {
                if (candidate.connection() == t.connection) {
                    transfer = candidate;
                }
            }
            connection(t, transfer);
        }
        s.append("]}");
        flush(0);
    }

    private void connection(ConnectionTrace t, Transfer transfer) throws IOException {
        TcpConnection c = t.connection;
        s.append("{\"local\":\"").append(t.local).append("\",\"remote\":\"").append(t.remote).append("\",\"url\":");
        if (transfer == null) {
            s.append("null");
        } else {
            JsonText.string(s, transfer.url());
        }
        s.append(",\"mss\":").append(c.config().mss()).append(",\"receiveBuffer\":").append(c.config().receiveBuffer())
                .append(",\"wscale\":{\"ours\":").append(c.report().receiveWindowShift()).append(",\"peer\":")
                .append(c.report().sendWindowShift()).append('}');
        counters(c.stats());
        phases(t, transfer);
        segments(t.segments);
        s.append(",\"events\":[");
        for (int i = 0; i < t.events.size(); i++) {
            if (i > 0) {
                s.append(',');
            }
            SegmentJson.event(s, t.events.get(i), origin);
            flush(CHUNK);
        }
        s.append(']');
        stack(t.stack);
        s.append(",\"rtt\":[");
        for (int i = 0; i < t.rtt.size(); i++) {
            ConnectionTrace.RttSample r = t.rtt.get(i);
            s.append(i > 0 ? ",{\"t\":" : "{\"t\":");
            JsonText.seconds(s, r.time() - origin).append(",\"sample\":");
            JsonText.millis(s, r.sample()).append(",\"srtt\":");
            JsonText.millis(s, r.srtt()).append(",\"rto\":");
            JsonText.millis(s, r.rto()).append('}');
        }
        s.append("],\"windowDecisions\":[");
        for (int i = 0; i < t.windowDecisions.size(); i++) {
            ConnectionTrace.WindowDecision d = t.windowDecisions.get(i);
            s.append(i > 0 ? ",{\"t\":" : "{\"t\":");
            JsonText.seconds(s, d.time() - origin).append(",\"decision\":\"").append(d.decision()).append("\",\"why\":");
            JsonText.string(s, d.why()).append('}');
        }
        s.append("]}");
    }

    /** What the stack knew, as columns: times, then one array per quantity. */
    private void stack(StackSamples k) {
        s.append(",\"stack\":{");
        column("t", k.time, k.count, true);
        column("buffered", k.buffered, k.count, false);
        column("ooo", k.outOfOrder, k.count, false);
        column("window", k.window, k.count, false);
        column("read", k.read, k.count, false);
        s.setLength(s.length() - 1);
        s.append('}');
    }

    private void column(String name, long[] values, int count, boolean times) {
        s.append('"').append(name).append("\":[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                s.append(',');
            }
            if (times) {
                JsonText.seconds(s, values[i] - origin);
            } else {
                s.append(values[i]);
            }
        }
        s.append("],");
    }

    /** The connection's counters as --stats shows them, so a reader can check the segments against them. */
    private void counters(TcpStats c) {
        s.append(",\"counters\":{\"segmentsIn\":").append(c.segmentsIn).append(",\"segmentsOut\":").append(c.segmentsOut)
                .append(",\"retransmissions\":").append(c.retransmissions).append(",\"outOfOrder\":")
                .append(c.outOfOrderSegments).append(",\"duplicates\":").append(c.duplicateSegments)
                .append(",\"dsackBlocksSent\":").append(c.dsackBlocksSent).append(",\"zeroWindowEvents\":")
                .append(c.zeroWindowEvents).append('}');
    }

    private void phases(ConnectionTrace t, Transfer transfer) {
        s.append(",\"phases\":[");
        String sep = "";
        if (transfer != null) {
            PhaseTimes p = transfer.phases();
            for (PhaseTimes.Phase phase : PhaseTimes.Phase.values()) {
                long start = p.start(phase);
                if (start >= 0) {
                    s.append(sep);
                    phase(phase.name().toLowerCase(java.util.Locale.ROOT), start, p.finished(phase) ? p.end(phase) : -1);
                    sep = ",";
                }
            }
        }
        // Over TLS, its handshake runs from the connection's establishment until TLS says it is complete.
        long secured = transfer == null ? -1 : transfer.phases().securedAt();
        if (secured >= 0) {
            s.append(sep);
            phase("tls", transfer.phases().start(PhaseTimes.Phase.TRANSFER), secured);
            sep = ",";
        }
        // The request: the first data we sent (after the TLS handshake, over https) until the first data back.
        long firstOut = -1;
        long firstIn = -1;
        SegmentLog log = t.segments;
        for (int i = 0; i < log.count && (firstOut < 0 || firstIn < 0); i++) {
            if (log.length[i] == 0 || log.time[i] < secured) {
                continue;
            }
            if (log.outgoing[i] && firstOut < 0) {
                firstOut = log.time[i];
            } else if (!log.outgoing[i] && firstOut >= 0 && firstIn < 0) {
                firstIn = log.time[i];
            }
        }
        if (firstOut >= 0) {
            s.append(sep);
            phase("request", firstOut, firstIn);
        }
        s.append(']');
    }

    private void phase(String name, long start, long end) {
        s.append("{\"name\":\"").append(name).append("\",\"start\":");
        JsonText.seconds(s, start - origin).append(",\"end\":");
        if (end < 0) {
            s.append("null");
        } else {
            JsonText.seconds(s, end - origin);
        }
        s.append('}');
    }

    private void segments(SegmentLog log) throws IOException {
        s.append(",\"segments\":[");
        SegmentSummary summary = new SegmentSummary(log, SEGMENT_LIMIT);
        boolean first = true;
        for (int i = 0; i <= log.count; i++) {
            boolean absorbed = i < log.count && summary.absorbs(i);
            List<int[]> runs = summary.drain(i == log.count);
            for (int r = 0; r < runs.size(); r++) {
                s.append(first ? "" : ",");
                first = false;
                summaryEntry(log, runs.get(r));
            }
            runs.clear();
            if (i < log.count && !absorbed) {
                s.append(first ? "" : ",");
                first = false;
                SegmentJson.append(s, log, i, origin);
            }
            flush(CHUNK);
        }
        s.append(']');
        if (summary.groupSize() > 1 || log.segmentsSeen != log.count) {
            s.append(",\"summarised\":{\"groupSize\":").append(summary.groupSize()).append(",\"segments\":")
                    .append(log.segmentsSeen).append('}');
        }
    }

    /** A run of plain segments, {@code run} = {first row, last row, rows, bytes, segments}. */
    private void summaryEntry(SegmentLog log, int[] run) {
        int a = run[0];
        int b = run[1];
        if (run[2] == 1) {
            SegmentJson.append(s, log, a, origin);
            return;
        }
        s.append("{\"t\":");
        JsonText.seconds(s, log.time[a] - origin).append(",\"t1\":");
        JsonText.seconds(s, log.lastTime[b] - origin);
        s.append(",\"dir\":\"").append(log.outgoing[a] ? "out" : "in").append("\",\"seq\":").append(log.seq[a])
                .append(",\"ack\":").append(log.ack[b]).append(",\"ack0\":").append(log.firstAck[a]).append(",\"len\":")
                .append(run[3]).append(",\"flags\":\"").append(SegmentJson.flags(log.flags[b]))
                .append("\",\"win\":").append(log.window[b]).append(",\"sack\":[],\"n\":").append(run[4]).append('}');
    }

    private void flush(int above) throws IOException {
        if (s.length() >= above) {
            out.append(s);
            s.setLength(0);
        }
    }
}
