package rawhttpget.report;

import rawhttpget.tcp.RttEstimator;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpFlags;
import rawhttpget.tcp.TcpOptions;
import rawhttpget.tcp.TcpReportView;
import rawhttpget.tcp.TcpSegment;
import rawhttpget.tcp.TcpStats;

import java.util.ArrayList;
import java.util.List;

/**
 * One connection as the report shows it: its segments (relative numbers, marked as tcptrace marks them), the
 * notable events, what the stack knew after each segment, RTT samples and our window decisions. Marks that
 * depend on the receiver's verdict (out of order, duplicate) are read from the connection's own counters right
 * after it processed the segment, so they agree with {@code --stats} exactly.
 */
final class ConnectionTrace {
    /** A change in how our window's right edge moved, and why. */
    record WindowDecision(long time, String decision, String why) {
    }

    /** One RTT sample of the connection's estimator, with SRTT and RTO after it. */
    record RttSample(long time, long sample, long srtt, long rto) {
    }

    final TcpConnection connection;
    final String local;
    final String remote;
    final SegmentLog segments = new SegmentLog();
    final List<TraceEvent> events = new ArrayList<>();
    final StackSamples stack = new StackSamples();
    final List<WindowDecision> windowDecisions = new ArrayList<>();
    final List<RttSample> rtt = new ArrayList<>();

    static final int MERGE_STEP = 20_000;

    private final EventLines lines;
    /** The newest row of each direction (0: in, 1: out), which a plain segment may join. */
    private final int[] lastRow = {-1, -1};
    /** Our sequence space (our ISS) and the peer's (its IRS). */
    private final Unwrapper ours = new Unwrapper();
    private final Unwrapper theirs = new Unwrapper();
    private long highestInEnd;
    private long highestOutEnd;
    private long lastOurWindow = -1;
    private long lastOurEdge = -1;
    private long lastPeerWindow = -1;
    private String lastDecision;
    private long rttSamplesSeen;
    // The arriving segment between segment() and processed(): its row and the counters before it.
    private int arrivingRow = -1;
    private long arrivingHighestBefore;
    private long outOfOrderBefore;
    private long duplicatesBefore;

    /** An address before ":port": an IPv6 one in brackets. */
    private static String address(rawhttpget.inet.IpAddress a) {
        return a.isIpv6() ? "[" + a + "]" : a.toString();
    }

    ConnectionTrace(TcpConnection connection, EventLines lines) {
        this.connection = connection;
        this.lines = lines;
        this.local = address(connection.localAddress()) + ":" + connection.localPort();
        this.remote = address(connection.remoteAddress()) + ":" + connection.remotePort();
    }

    void segment(long now, boolean out, TcpSegment seg, TcpOptions opts) {
        int flags = seg.flags();
        boolean syn = (flags & TcpFlags.SYN) != 0;
        Unwrapper sequence = out ? ours : theirs;
        Unwrapper acknowledged = out ? theirs : ours;
        if (syn) {
            sequence.start(seg.seq());
        }
        long relSeq = sequence.relative(seg.seq());
        long relAck = (flags & TcpFlags.ACK) != 0 ? acknowledged.relative(seg.ack()) : 0;
        int shift = syn ? 0 : out ? connection.report().receiveWindowShift() : connection.report().sendWindowShift();
        long window = (long) seg.window() << shift;
        int len = seg.payloadLength();
        int row = segments.add(now, out, relSeq, relAck, len, flags, window);
        for (int i = 0; i < opts.sackBlockCount; i++) {
            segments.addSack(row, acknowledged.relative(opts.sackBlocks[2 * i]),
                    acknowledged.relative(opts.sackBlocks[2 * i + 1]));
        }
        long end = relSeq + len + ((flags & TcpFlags.FIN) != 0 ? 1 : 0);
        long highest = out ? highestOutEnd : highestInEnd;
        if (len > 0 && relSeq < highest) {
            segments.mark(row, SegmentLog.RETRANSMISSION);
        }
        if (out) {
            highestOutEnd = Math.max(highestOutEnd, end);
            sent(now, row, relSeq, relAck, len, flags, window, highest);
            if (lines != null) {
                lines.segment(this, row);
            }
            fold(row, 1);
        } else {
            highestInEnd = Math.max(highestInEnd, end);
            arrived(now, row, relAck, flags, window, highest);
        }
    }

    /**
     * Past {@link TraceJson#SEGMENT_LIMIT} rows, a plain segment joins the previous plain row of its direction (data
     * only where it continues it), up to a group size that doubles every {@link #MERGE_STEP} rows: memory and the
     * report's writing stay bounded however long the transfer, while every marked segment keeps its own row.
     */
    private void fold(int row, int direction) {
        int previous = lastRow[direction];
        SegmentLog log = segments;
        if (log.count > TraceJson.SEGMENT_LIMIT && previous >= 0 && row == log.count - 1 && log.plain(row)
                && log.plain(previous)
                && log.members[previous] < (8 << Math.min(10, (log.count - TraceJson.SEGMENT_LIMIT) / MERGE_STEP))
                && (direction == 1 || log.seq[row] == log.seq[previous] + log.length[previous])) {
            log.mergeLast(previous);
            return;
        }
        lastRow[direction] = row;
    }

    private void sent(long now, int row, long relSeq, long relAck, int len, int flags, long window, long highest) {
        if (segments.marked(row, SegmentLog.RETRANSMISSION) || ((flags & TcpFlags.FIN) != 0 && relSeq < highest)) {
            event(now, TraceEvent.RETRANSMISSION_SENT, "we sent " + range(relSeq, len) + " again", relSeq);
        }
        if (segments.sackCount[row] > 0 && isDsack(row, relAck)) {
            segments.mark(row, SegmentLog.DSACK);
            int at = segments.sackAt[row];
            event(now, TraceEvent.DSACK, "D-SACK " + segments.sackEdges[at] + ":" + segments.sackEdges[at + 1]
                    + ": the peer sent these bytes twice (RFC 2883)", segments.sackEdges[at]);
        }
        if ((flags & TcpFlags.SYN) == 0 && (flags & TcpFlags.ACK) != 0 && (flags & TcpFlags.RST) == 0) {
            decideWindow(now, relAck, window);
        }
        common(now, flags, relSeq, "we");
        sampleStack(now);
    }

    /** RFC 2883 §4: a first block below the cumulative ACK, or inside the second block, reports a duplicate. */
    private boolean isDsack(int row, long relAck) {
        int at = segments.sackAt[row];
        long left = segments.sackEdges[at];
        long right = segments.sackEdges[at + 1];
        if (left < relAck) {
            return true;
        }
        return segments.sackCount[row] > 1 && left >= segments.sackEdges[at + 2] && right <= segments.sackEdges[at + 3];
    }

    private void decideWindow(long now, long relAck, long window) {
        long edge = relAck + window;
        String decision;
        String why;
        long threshold = Math.min(connection.config().receiveBuffer() / 2, connection.config().mss());
        long unread = connection.readable();
        long buffer = connection.config().receiveBuffer();
        if (window == 0) {
            decision = "closed";
            why = "no room: " + unread + " bytes wait for the application in a buffer of " + buffer + " bytes";
        } else if (window >= buffer / 2) {
            decision = "open";
            why = "the application keeps up: the right edge moves right in steps of at least min(buffer/2, MSS) = "
                    + threshold + " bytes as it reads, and the window stays near the buffer's " + buffer + " bytes";
        } else {
            decision = "shrinking";
            why = "data arrives faster than the application reads: " + unread + " bytes wait, and the right edge "
                    + "moves only once reads free at least " + threshold + " bytes beyond it (receiver-side silly "
                    + "window avoidance, RFC 9293 §3.8.6.2.2), so the window shrinks to " + window + " bytes";
        }
        if (!decision.equals(lastDecision)) {
            windowDecisions.add(new WindowDecision(now, decision, why));
            lastDecision = decision;
        }
        if (window == 0 && lastOurWindow != 0) {
            event(now, TraceEvent.WINDOW_CLOSED, "we advertised a zero window: " + why, relAck);
        } else if (window > 0 && lastOurWindow == 0) {
            event(now, TraceEvent.WINDOW_OPENED, "we reopened the window to " + window + " bytes", relAck);
        }
        lastOurWindow = window;
        lastOurEdge = Math.max(lastOurEdge, edge);
    }

    private void arrived(long now, int row, long relAck, int flags, long window, long highestBefore) {
        TcpStats s = connection.stats();
        arrivingRow = row;
        arrivingHighestBefore = highestBefore;
        outOfOrderBefore = s.outOfOrderSegments;
        duplicatesBefore = s.duplicateSegments;
        if ((flags & (TcpFlags.ACK | TcpFlags.SYN | TcpFlags.RST)) == TcpFlags.ACK) {
            if (window == 0 && lastPeerWindow != 0) {
                event(now, TraceEvent.PEER_WINDOW_CLOSED, "the peer advertised a zero window", relAck);
            }
            lastPeerWindow = window;
        }
        common(now, flags, segments.seq[row], "the peer");
    }

    private void common(long now, int flags, long relSeq, String who) {
        if ((flags & TcpFlags.RST) != 0) {
            event(now, TraceEvent.RST, who + " reset the connection", relSeq);
        }
        if ((flags & TcpFlags.FIN) != 0 && (flags & TcpFlags.RST) == 0) {
            event(now, TraceEvent.FIN, who + " sent FIN", relSeq);
        }
    }

    /** After the connection processed the arriving segment: its verdict, and what it now knows. */
    void processed(long now) {
        int row = arrivingRow;
        if (row < 0) {
            return;
        }
        arrivingRow = -1;
        TcpStats s = connection.stats();
        long seq = segments.seq[row];
        int len = segments.length[row];
        if (s.outOfOrderSegments != outOfOrderBefore) {
            segments.mark(row, SegmentLog.OUT_OF_ORDER);
            if (seq > arrivingHighestBefore) {
                event(now, TraceEvent.HOLE, (seq - arrivingHighestBefore) + " bytes missing before " + seq
                        + ": " + range(seq, len) + " arrived beyond them", arrivingHighestBefore);
            }
        }
        if (s.duplicateSegments != duplicatesBefore) {
            segments.mark(row, SegmentLog.DUPLICATE);
        }
        if (segments.marked(row, SegmentLog.RETRANSMISSION)) {
            event(now, TraceEvent.RETRANSMISSION_SEEN, range(seq, len) + (segments.marked(row, SegmentLog.DUPLICATE)
                    ? " arrived again: we already held it" : " arrived after later data: a retransmission"
                    + (segments.marked(row, SegmentLog.OUT_OF_ORDER) ? " (a hole remains)" : " that filled the hole")),
                    seq);
        }
        sampleStack(now);
        RttEstimator r = connection.rtt();
        if (r.samples() != rttSamplesSeen) {
            rttSamplesSeen = r.samples();
            rtt.add(new RttSample(now, r.lastSample(), r.srtt(), r.rto()));
        }
        if (lines != null) {
            lines.segment(this, row);
        }
        fold(row, 0);
    }

    private void sampleStack(long now) {
        TcpReportView report = connection.report();
        long window = Math.max(0, report.advertisedWindow());
        if (stack.due(now, connection.hasReceiveHoles(), window)) {
            stack.sample(now, connection.readable(), report.outOfOrderBytes(), window, report.bytesRead());
        }
    }

    void event(long now, String kind, String text, long seq) {
        TraceEvent e = new TraceEvent(now, kind, text, seq);
        events.add(e);
        if (lines != null) {
            lines.event(this, e);
        }
    }

    /** The highest sequence offset the peer has sent so far: where an event without its own place sits. */
    long highestIn() {
        return highestInEnd;
    }

    private static String range(long seq, int len) {
        return "seq " + seq + ":" + (seq + len);
    }
}
