package rawhttpget.report;

import java.io.IOException;
import java.io.Writer;

/**
 * {@code --events FILE}: every segment and event as one JSON object a line, written while the run goes. Each
 * line names its connection ("conn":"198.18.0.1:40000>198.18.1.2:80"). Events are flushed at once and segments
 * at least every {@link #FLUSH_EVERY} of the stack's time, so a run that dies leaves nearly all of them. A write
 * that fails stops the file, never the download: {@link #failure} tells why at the end.
 */
public final class EventLines implements AutoCloseable {
    static final long FLUSH_EVERY = 100_000_000L;

    private final Writer out;
    private final long origin;
    private final StringBuilder line = new StringBuilder(256);
    private long flushedAt = Long.MIN_VALUE;
    private IOException failure;

    /** @param origin the run's start on the stack's clock, as the recorder's */
    public EventLines(Writer out, long origin) {
        this.out = out;
        this.origin = origin;
    }

    // Each line is the connection's name followed by the object's own fields: its opening brace becomes a comma.
    void segment(ConnectionTrace trace, int row) {
        start(trace);
        SegmentJson.append(line, trace.segments, row, origin).append("\n");
        line.setCharAt(line.indexOf("{", 1), ',');
        write(trace.segments.time[row], false);
    }

    void event(ConnectionTrace trace, TraceEvent e) {
        start(trace);
        SegmentJson.event(line, e, origin).append("\n");
        line.setCharAt(line.indexOf("{", 1), ',');
        write(e.time(), true);
    }

    private void start(ConnectionTrace trace) {
        line.setLength(0);
        line.append("{\"conn\":\"").append(trace.local).append('>').append(trace.remote).append('"');
    }

    private void write(long now, boolean flush) {
        if (failure != null) {
            return;
        }
        try {
            out.append(line);
            if (flush || now - flushedAt >= FLUSH_EVERY) {
                out.flush();
                flushedAt = now;
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Why writing stopped, or null. */
    public IOException failure() {
        return failure;
    }

    @Override
    public void close() throws IOException {
        try {
            out.flush();
        } finally {
            out.close();
        }
    }
}
