package rawhttpget.progress;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * What the downloads of -j N write to stderr, shown in the order of their URLs: each download's thread writes to
 * its own buffer, and so does the loop's thread while it advances that download's step ({@link #stepOf}: a response
 * head's lines, a body's progress); the first download not yet finished is shown as it goes (its status lines and
 * progress appear live), the ones after it when every one before has finished. So lines of different downloads
 * never mix, and each result appears in the order the URLs were given. Writes from the loop's thread between steps
 * (the run's own lines) go straight through.
 * <p>
 * With a {@link SummaryDisplay} (-j on a terminal), its line is kept below what is shown: taken away before lines are
 * written and drawn again after them. Only whole lines of the download shown as it goes are written then (its
 * "awaiting response... " waits for the status that ends it), so that the line is only ever drawn at the start of
 * a line and nothing is written over it.
 */
public final class InOrderOutput extends Writer {
    private final PrintWriter out;
    private final ThreadLocal<Integer> job = new ThreadLocal<>();
    private final List<StringBuilder> buffers = new ArrayList<>();
    private final boolean[] finished;
    /** The first download whose output is not all shown. */
    private int shown;
    /** The line kept below, or null. */
    private final SummaryDisplay summary;
    /** Whether the last character written to {@link #out} ended a line: the summary is only drawn there. */
    private boolean atLineStart = true;

    public InOrderOutput(PrintWriter out, int downloads) {
        this(out, downloads, null);
    }

    /** {@code summary}: the line to keep below what is shown, drawn on {@code out}; null for none. */
    public InOrderOutput(PrintWriter out, int downloads, SummaryDisplay summary) {
        this.out = out;
        this.summary = summary;
        this.finished = new boolean[downloads];
        for (int i = 0; i < downloads; i++) {
            buffers.add(new StringBuilder());
        }
    }

    /** The calling thread runs download {@code index} (from 0): what it writes is that download's. */
    public void bind(int index) {
        job.set(index);
        if (summary != null) {
            summary.begin(index);
        }
    }

    /**
     * The calling thread (the loop's) now advances download {@code index}'s step, whose lines and progress are that
     * download's; -1: it is on its own again.
     */
    public void stepOf(int index) {
        if (index < 0) {
            job.remove();
        } else {
            job.set(index);
        }
    }

    /** The download the calling thread works for (from 0), or -1 for the run's own. */
    public int current() {
        Integer index = job.get();
        return index == null ? -1 : index;
    }

    /** With a summary line: the progress of the download the calling thread works for, which draws nothing itself. */
    public Progress summaryProgress() {
        Integer index = job.get();
        return summary == null || index == null ? null : summary.progress(index);
    }

    /** Download {@code index} has written all it will. */
    public synchronized void finish(int index) {
        finished[index] = true;
        job.remove();
        if (summary != null) {
            summary.end(index);
        }
    }

    /** Shows what may be shown now: the finished downloads in order, and what the first unfinished one wrote so far. */
    public synchronized void showReady() {
        StringBuilder ready = new StringBuilder();
        while (shown < finished.length) {
            StringBuilder b = buffers.get(shown);
            // With the summary line, a line begun is held back until it ends (or its download does).
            int end = summary == null || finished[shown] ? b.length() : b.lastIndexOf("\n") + 1;
            ready.append(b, 0, end);
            b.delete(0, end);
            if (!finished[shown]) {
                break;
            }
            shown++;
        }
        if (summary == null) {
            out.write(ready.toString());
        } else if (ready.length() > 0) {
            summary.erase();
            writeThrough(ready.toString());
            if (atLineStart) {
                summary.draw();
            }
        } else if (atLineStart) {
            summary.drawIfDue();
        }
        out.flush();
    }

    private void writeThrough(String text) {
        out.write(text);
        atLineStart = text.charAt(text.length() - 1) == '\n';
    }

    @Override
    public synchronized void write(char[] text, int off, int len) {
        Integer index = job.get();
        if (index == null) {
            if (summary != null && len > 0) {
                summary.erase(); // the run's own lines go below the downloads', not over the summary line
                writeThrough(new String(text, off, len));
            } else {
                out.write(text, off, len);
            }
        } else {
            buffers.get(index).append(text, off, len);
        }
    }

    @Override
    public synchronized void flush() {
        if (job.get() == null) {
            out.flush();
        }
    }

    @Override
    public void close() {
        showReady();
    }
}
