package rawhttpget.progress;

import rawhttpget.time.Clock;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;

/**
 * -j on a terminal: instead of a bar per download, whose lines would fight over the one line at the bottom, every
 * active download reports its bytes here and one {@link SummaryLine} is drawn below the status lines. The line is
 * redrawn in place as the bar is (a carriage return, then the line; spaces over what a longer line left), at most
 * five times a second as the bar ({@link BarProgress#REDRAW_NANOS}), plus whenever {@link InOrderOutput} has written
 * lines: it erases the line first (a carriage return, spaces over it, a carriage return), so that lines never land
 * in the middle of it, and draws it again below them. Time comes from the stack's clock.
 */
public final class SummaryDisplay {
    private final PrintWriter out;
    private final IntSupplier columns;
    private final Clock clock;
    /** The downloads between {@link #begin} and {@link #end}, by their index in the URL list. */
    private final Map<Integer, Download> active = new TreeMap<>();
    /** Columns the line on the screen covers; 0 when none is drawn. */
    private int drawnLength;
    private boolean everDrawn;
    private long lastDrawAt;

    /** {@code out}: the terminal; {@code columns}: its width now ({@link ScreenWidth}). */
    public SummaryDisplay(PrintWriter out, IntSupplier columns, Clock clock) {
        this.out = out;
        this.columns = columns;
        this.clock = clock;
    }

    /** Download {@code index} (from 0) has begun: it is listed from now on. */
    synchronized void begin(int index) {
        active.put(index, new Download(index + 1));
    }

    /** Download {@code index} has ended: it is left out of the next line drawn. */
    synchronized void end(int index) {
        active.remove(index);
    }

    /** The progress of download {@code index} ({@link #begin}): it draws nothing itself. */
    synchronized Progress progress(int index) {
        Download download = active.get(index);
        return download == null ? Progress.NONE : download;
    }

    /** Takes the line off the screen, leaving the cursor at the start of the now empty line. */
    synchronized void erase() {
        if (drawnLength > 0) {
            int cover = Math.min(drawnLength, columns.getAsInt() - 1);
            out.print("\r" + " ".repeat(Math.max(cover, 0)) + "\r");
            drawnLength = 0;
        }
    }

    /** Draws the line as it stands now, over the one on the screen; erases it when no download is active. */
    synchronized void draw() {
        long now = clock.nanos();
        everDrawn = true;
        lastDrawAt = now;
        List<SummaryLine.Entry> entries = new ArrayList<>(active.size());
        for (Download d : active.values()) {
            entries.add(d.entry(now));
        }
        String line = SummaryLine.of(entries, columns.getAsInt());
        if (line.isEmpty()) {
            erase();
            return;
        }
        out.print("\r" + line + " ".repeat(Math.max(drawnLength - line.length(), 0)));
        drawnLength = line.length();
    }

    /** {@link #draw}, if the last was at least {@link BarProgress#REDRAW_NANOS} ago. */
    synchronized void drawIfDue() {
        if (!everDrawn || clock.nanos() - lastDrawAt >= BarProgress.REDRAW_NANOS) {
            draw();
        }
    }

    /** One download's bytes, size and recent rate, kept as the bar keeps them. */
    private final class Download implements Progress {
        private final int number;
        private ProgressMeter meter = new ProgressMeter();
        private SpeedRing speed = new SpeedRing();

        Download(int number) {
            this.number = number;
        }

        @Override
        public void start(String name, long alreadyHave, long total, long now) {
            synchronized (SummaryDisplay.this) {
                meter = new ProgressMeter(); // another try, or the target of a redirect: counted afresh
                speed = new SpeedRing();
                meter.start(alreadyHave, total, now);
            }
        }

        @Override
        public void update(long received, long now) {
            synchronized (SummaryDisplay.this) {
                speed.add(received - meter.received(), meter.elapsed(now) / 1e9);
                meter.update(received, now);
            }
        }

        @Override
        public void finish(long now, boolean complete) {
            synchronized (SummaryDisplay.this) {
                meter.finish(now);
            }
        }

        SummaryLine.Entry entry(long now) {
            return new SummaryLine.Entry(number, meter.have(), meter.sizeKnown() ? meter.total() : -1,
                    speed.bytesPerSecond(meter.elapsed(now) / 1e9));
        }
    }
}
