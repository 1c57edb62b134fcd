package rawhttpget.report;

import rawhttpget.tcp.TcpFlags;

/** One segment as a JSON object, the same in the report's data and in the events file. */
final class SegmentJson {
    /** tcpdump's notation of every flags byte, made once: a long connection writes one per segment. */
    private static final String[] FLAGS = new String[256];

    static {
        for (int f = 0; f < 256; f++) {
            FLAGS[f] = TcpFlags.format(f);
        }
    }

    private SegmentJson() {
    }

    static String flags(byte flags) {
        return FLAGS[flags & 0xFF];
    }

    static StringBuilder append(StringBuilder s, SegmentLog log, int row, long origin) {
        s.append("{\"t\":");
        JsonText.seconds(s, log.time[row] - origin);
        s.append(",\"dir\":\"").append(log.outgoing[row] ? "out" : "in").append("\",\"seq\":").append(log.seq[row])
                .append(",\"ack\":").append(log.ack[row]).append(",\"len\":").append(log.length[row])
                .append(",\"flags\":\"").append(flags(log.flags[row])).append("\",\"win\":")
                .append(log.window[row]).append(",\"sack\":[");
        int at = log.sackAt[row];
        for (int i = 0; i < log.sackCount[row]; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append('[').append(log.sackEdges[at + 2 * i]).append(',').append(log.sackEdges[at + 2 * i + 1]).append(']');
        }
        s.append(']');
        mark(s, log, row, SegmentLog.RETRANSMISSION, "retx");
        mark(s, log, row, SegmentLog.OUT_OF_ORDER, "ooo");
        mark(s, log, row, SegmentLog.DUPLICATE, "dup");
        mark(s, log, row, SegmentLog.DSACK, "dsack");
        if (log.members[row] > 1) {
            s.append(",\"t1\":");
            JsonText.seconds(s, log.lastTime[row] - origin);
            s.append(",\"ack0\":").append(log.firstAck[row]).append(",\"n\":").append(log.members[row]);
        }
        return s.append('}');
    }

    private static void mark(StringBuilder s, SegmentLog log, int row, int bit, String name) {
        if (log.marked(row, bit)) {
            s.append(",\"").append(name).append("\":true");
        }
    }

    static StringBuilder event(StringBuilder s, TraceEvent e, long origin) {
        s.append("{\"t\":");
        JsonText.seconds(s, e.time() - origin);
        s.append(",\"kind\":");
        JsonText.string(s, e.kind());
        s.append(",\"text\":");
        JsonText.string(s, e.text());
        return s.append(",\"seq\":").append(e.seq()).append('}');
    }
}
