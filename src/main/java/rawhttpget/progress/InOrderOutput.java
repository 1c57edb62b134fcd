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
 */
public final class InOrderOutput extends Writer {
    private final PrintWriter out;
    private final ThreadLocal<Integer> job = new ThreadLocal<>();
    private final List<StringBuilder> buffers = new ArrayList<>();
    private final boolean[] finished;
    /** The first download whose output is not all shown. */
    private int shown;

    public InOrderOutput(PrintWriter out, int downloads) {
        this.out = out;
        this.finished = new boolean[downloads];
        for (int i = 0; i < downloads; i++) {
            buffers.add(new StringBuilder());
        }
    }

    /** The calling thread runs download {@code index} (from 0): what it writes is that download's. */
    public void bind(int index) {
        job.set(index);
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

    /** Download {@code index} has written all it will. */
    public synchronized void finish(int index) {
        finished[index] = true;
        job.remove();
    }

    /** Shows what may be shown now: the finished downloads in order, and what the first unfinished one wrote so far. */
    public synchronized void showReady() {
        while (shown < finished.length) {
            StringBuilder b = buffers.get(shown);
            if (b.length() > 0) {
                out.write(b.toString());
                b.setLength(0);
            }
            if (!finished[shown]) {
                break;
            }
            shown++;
        }
        out.flush();
    }

    @Override
    public synchronized void write(char[] text, int off, int len) {
        Integer index = job.get();
        if (index == null) {
            out.write(text, off, len);
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
