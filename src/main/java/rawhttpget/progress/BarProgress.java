package rawhttpget.progress;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * wget's progress bar, for a terminal: one line redrawn in place with a carriage return, at most five times a
 * second, ended by a newline when the body ends. The line is one column narrower than the terminal (so that it
 * never wraps) and always that wide, padded with spaces: a field that gets shorter leaves nothing behind. The
 * width is read again at every redraw, so a resized terminal gets a bar of its new width. At 80 columns:
 * <pre>
 * f80                  11%[=&gt;                  ] 119.71K   214KB/s
 * f80                  78%[==============&gt;     ] 800.00K   202KB/s    eta 1s
 * f80                 100%[===================&gt;]   1.00M   205KB/s    in 5.0s
 * </pre>
 * The name takes a quarter of the width, the bar what the fixed fields leave. Bytes a resumed download already
 * had are drawn as {@code +}. Without a Content-Length there is no percentage and no ETA, and a {@code <=>}
 * walks along the bar instead.
 */
final class BarProgress implements Progress {
    static final long REDRAW_NANOS = 200_000_000L;
    /** wget shows no ETA in the first three seconds, when it would jump about, and changes it once a second. */
    static final long ETA_AFTER_NANOS = 3_000_000_000L;
    static final long ETA_REFRESH_NANOS = 990_000_000L;
    private static final int PERCENT = 4;
    private static final int BRACKETS = 2;
    private static final int SIZE = 8;
    private static final int RATE = 10;
    private static final int ETA = 15;

    private final PrintWriter out;
    private final IntSupplier columns;
    private final ProgressMeter meter = new ProgressMeter();
    private final SpeedRing speed = new SpeedRing();
    private String name;
    private long lastDrawAt;
    private long etaSeconds = -1;
    private long etaAt = Long.MIN_VALUE;
    private int frames;

    /** {@code columns}: the terminal's width now ({@link ScreenWidth}). */
    BarProgress(PrintWriter out, IntSupplier columns) {
        this.out = out;
        this.columns = columns;
    }

    @Override
    public void start(String name, long alreadyHave, long total, long now) {
        this.name = name;
        meter.start(alreadyHave, total, now);
        out.print('\n'); // wget sets the bar off from the lines above with an empty one
        draw(now, false);
    }

    @Override
    public void update(long received, long now) {
        speed.add(received - meter.received(), meter.elapsed(now) / 1e9);
        meter.update(received, now);
        if (now - lastDrawAt >= REDRAW_NANOS) {
            draw(now, false);
        }
    }

    @Override
    public void finish(long now, boolean complete) {
        meter.finish(now);
        draw(now, true);
        out.print('\n');
        out.flush();
    }

    private void draw(long now, boolean finished) {
        lastDrawAt = now;
        out.print('\r');
        out.print(line(now, finished, columns.getAsInt()));
        out.flush();
    }

    /** The whole line as it stands at {@code now} in a terminal {@code terminalColumns} wide. */
    String line(long now, boolean finished, int terminalColumns) {
        int width = terminalColumns - 1;
        int nameColumns = width / 4;
        int barSize = width - (nameColumns + 1 + PERCENT + BRACKETS + SIZE + RATE + ETA);
        if (barSize < 5) {
            barSize = 0;
        }
        long have = meter.have();
        StringBuilder s = new StringBuilder(Math.max(width, 80));
        String shown = name.length() > nameColumns ? name.substring(0, nameColumns) : name;
        s.append(shown).append(" ".repeat(nameColumns + 1 - shown.length()));
        s.append(meter.sizeKnown() ? String.format(Locale.ROOT, "%3d%%", meter.percent(have)) : "    ");
        if (barSize > 0) {
            s.append('[').append(meter.sizeKnown() ? filledBar(have, barSize) : walkingBar(barSize)).append(']');
        }
        s.append(String.format(Locale.ROOT, " %7s", WgetNumbers.humanReadable(have, 1000, 2)));
        // The recent rate even on the last frame, as wget: a body that came in one burst shows "--.-KB/s".
        double perSecond = speed.bytesPerSecond(meter.elapsed(now) / 1e9);
        s.append(perSecond < 0 ? "  --.-KB/s" : "  " + WgetNumbers.rate(perSecond, true));
        if (finished) {
            s.append("    in ").append(WgetNumbers.elapsed(meter.elapsed(now) / 1e9));
        } else if (showsEta(now, have)) {
            s.append("    eta ").append(WgetNumbers.shortDuration(etaSeconds));
        }
        return pad(s, width);
    }

    /** As wget: from the average of this run so far, after three seconds, changed at most once a second. */
    private boolean showsEta(long now, long have) {
        long elapsed = meter.elapsed(now);
        if (!meter.sizeKnown() || meter.received() <= 0 || elapsed <= ETA_AFTER_NANOS || have >= meter.total()) {
            return false;
        }
        if (etaSeconds <= 0 || now - etaAt >= ETA_REFRESH_NANOS) {
            etaSeconds = (long) (elapsed / 1e9 * (meter.total() - have) / meter.received() + 0.5);
            etaAt = now;
        }
        return true;
    }

    private static String pad(StringBuilder s, int width) {
        if (s.length() < width) {
            s.append(" ".repeat(width - s.length()));
        }
        return s.length() > width ? s.substring(0, Math.max(width, 0)) : s.toString();
    }

    private String filledBar(long have, int size) {
        int already = (int) (size * (double) meter.alreadyHave() / meter.total());
        int filled = (int) Math.min(size, size * (double) have / meter.total());
        StringBuilder bar = new StringBuilder(size);
        bar.append("+".repeat(Math.min(already, filled)));
        if (filled > already) {
            bar.append("=".repeat(filled - already - 1)).append('>');
        }
        return bar.append(" ".repeat(size - bar.length())).toString();
    }

    /** wget moves the walker one column per frame drawn, there and back. */
    private String walkingBar(int size) {
        int step = frames++ % (size * 2 - 6);
        int middle = step < size - 2 ? step + 1 : size - (step - size + 5);
        int left = middle - 1;
        return " ".repeat(left) + "<=>" + " ".repeat(size - left - 3);
    }
}
