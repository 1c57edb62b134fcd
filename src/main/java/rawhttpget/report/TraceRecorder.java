package rawhttpget.report;

import rawhttpget.tcp.SegmentObserver;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpOptions;
import rawhttpget.tcp.TcpSegment;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's segments and events for {@code --report} and {@code --events}: the stack tells it of every segment,
 * it keeps one {@link ConnectionTrace} per connection in the order they first sent or received, and streams each
 * line to the events file as it goes when there is one.
 */
public final class TraceRecorder implements SegmentObserver {
    private final long origin;
    private final EventLines lines;
    private final Map<TcpConnection, ConnectionTrace> byConnection = new IdentityHashMap<>();
    private final List<ConnectionTrace> traces = new ArrayList<>();
    // Segments come in runs of one connection: the last one found answers without a map lookup.
    private TcpConnection lastConnection;
    private ConnectionTrace lastTrace;

    /**
     * @param origin the run's start on the stack's clock: times in the report are seconds since then
     * @param lines  where each segment and event is written as it happens (--events), or null
     */
    public TraceRecorder(long origin, EventLines lines) {
        this.origin = origin;
        this.lines = lines;
    }

    /** The report's data (the JSON the HTML embeds) for these connections and {@code run}'s transfers. */
    public void writeJson(Writer out, RunStats run, String stats) throws IOException {
        TraceJson.write(out, this, run.transfers(), stats);
    }

    long origin() {
        return origin;
    }

    List<ConnectionTrace> connections() {
        return traces;
    }

    /** The trace of {@code c}, or null when none of its segments was seen. */
    ConnectionTrace traceOf(TcpConnection c) {
        return byConnection.get(c);
    }

    @Override
    public void segment(TcpConnection connection, long now, boolean outgoing, TcpSegment segment, TcpOptions options) {
        trace(connection).segment(now, outgoing, segment, options);
    }

    @Override
    public void processed(TcpConnection connection, long now) {
        trace(connection).processed(now);
    }

    @Override
    public void event(TcpConnection connection, long now, String kind, String text) {
        ConnectionTrace t = trace(connection);
        t.event(now, kind, text, t.highestIn());
    }

    private ConnectionTrace trace(TcpConnection c) {
        if (c == lastConnection) {
            return lastTrace;
        }
        ConnectionTrace t = byConnection.get(c);
        if (t == null) {
            t = new ConnectionTrace(c, lines);
            byConnection.put(c, t);
            traces.add(t);
        }
        lastConnection = c;
        lastTrace = t;
        return t;
    }
}
