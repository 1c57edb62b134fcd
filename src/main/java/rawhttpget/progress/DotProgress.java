package rawhttpget.progress;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * wget's dot progress, for logs and pipes (stderr is not a terminal): in the default style a dot per KiB, a
 * space every ten dots, fifty dots (50 KiB) to a row, each row ended by the percentage, that row's rate and the
 * ETA; the last row by the rate and the time of the whole run. An empty line comes first, and bytes a resumed
 * download already had are drawn as commas after a "[ skipping NK ]" line for the whole rows. wget starts each
 * row with its newline; the bytes are the same when each row ends with one instead, and a row is written whole
 * (flushed at its end), so that log lines on the same stderr (-v, -d, --log) fall between rows, not inside one.
 * <pre>
 *
 *      0K .......... .......... .......... .......... .......... 48% 29.8M 0s
 *     50K .......... .......... .......... .......... .......   100%  146M=0.004s
 * </pre>
 */
final class DotProgress implements Progress {
    /** wget's styles: dot (the default), dot:binary, dot:mega, dot:giga. */
    enum Style {
        DEFAULT(1024, 10, 50), BINARY(8 * 1024, 16, 48), MEGA(64 * 1024, 8, 48), GIGA(1024 * 1024, 8, 32);

        final long dotBytes;
        final int spacing;
        final int perLine;

        Style(long dotBytes, int spacing, int perLine) {
            this.dotBytes = dotBytes;
            this.spacing = spacing;
            this.perLine = perLine;
        }

        long rowBytes() {
            return dotBytes * perLine;
        }
    }

    private static final char[] RATE_UNITS = {' ', 'K', 'M', 'G', 'T'};

    private final PrintWriter out;
    private final Style style;
    private final ProgressMeter meter = new ProgressMeter();
    private long rows;
    private int dots;
    /** Seconds into the run when the last row's rate was taken. */
    private double lastRowAt;

    DotProgress(PrintWriter out) {
        this(out, Style.DEFAULT);
    }

    DotProgress(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    @Override
    public void start(String name, long alreadyHave, long total, long now) {
        meter.start(alreadyHave, total, now);
        out.print('\n');
        if (alreadyHave > 0) {
            long skipped = alreadyHave - alreadyHave % style.rowBytes();
            if (skipped > 0) {
                String kib = Long.toString(skipped / 1024);
                out.print(" ".repeat(2 + Math.max(6, kib.length())) + "[ skipping " + kib + "K ]\n");
            }
            out.print(String.format(Locale.ROOT, "%6dK", skipped / 1024));
            for (long remainder = alreadyHave % style.rowBytes(); remainder >= style.dotBytes; remainder -= style.dotBytes) {
                out.print(dots % style.spacing == 0 ? " ," : ",");
                dots++;
            }
            rows = skipped / style.rowBytes();
        }
        out.flush();
    }

    @Override
    public void update(long received, long now) {
        meter.update(received, now);
        long due = meter.have() / style.dotBytes;
        while (rows * style.perLine + dots < due) {
            if (dots == 0) {
                out.print(String.format(Locale.ROOT, "%6dK", rows * style.rowBytes() / 1024));
            }
            out.print(dots % style.spacing == 0 ? " ." : ".");
            dots++;
            if (dots >= style.perLine) {
                rows++;
                dots = 0;
                out.print(rowStats(now, false) + "\n");
                out.flush();
            }
        }
    }

    @Override
    public void finish(long now, boolean complete) {
        meter.finish(now);
        if (dots == 0) {
            out.print(String.format(Locale.ROOT, "%6dK", rows * style.rowBytes() / 1024));
        }
        StringBuilder padding = new StringBuilder();
        for (int i = dots; i < style.perLine; i++) {
            padding.append(i % style.spacing == 0 ? "  " : " ");
        }
        out.print(padding);
        out.print(rowStats(now, true));
        out.print('\n');
        out.flush();
    }

    /** wget's print_row_stats: percentage, this row's rate, then the ETA, or on the last row the run's time. */
    private String rowStats(long now, boolean last) {
        double seconds = meter.elapsed(now) / 1e9;
        long displayed = rows * style.rowBytes() + dots * style.dotBytes
                + (last ? meter.have() % style.dotBytes : 0);
        StringBuilder s = new StringBuilder();
        if (meter.sizeKnown()) {
            s.append(String.format(Locale.ROOT, "%3d%%", (int) (100.0 * displayed / meter.total())));
        }
        long rowBytes = last ? dots * style.dotBytes + meter.have() % style.dotBytes : style.rowBytes();
        if (rows == meter.alreadyHave() / style.rowBytes()) {
            rowBytes -= meter.alreadyHave() % style.rowBytes();
        }
        s.append(' ').append(rate(rowBytes, seconds - lastRowAt));
        lastRowAt = seconds;
        if (!last) {
            long soFar = displayed - meter.alreadyHave();
            if (meter.sizeKnown() && soFar > 0) {
                double eta = seconds * (meter.total() - displayed) / soFar;
                s.append(' ').append(WgetNumbers.shortDuration((long) (eta + 0.5), true));
            }
        } else {
            s.append('=').append(seconds >= 10 ? WgetNumbers.shortDuration((long) (seconds + 0.5), true)
                    : WgetNumbers.decimal(seconds) + "s");
        }
        return s.toString();
    }

    /** "%4.Nf" and a unit letter (a space for bytes), over at least half a nanosecond as wget's timer allows. */
    private static String rate(long bytes, double seconds) {
        double value = bytes / Math.max(seconds, 0.5e-9);
        int unit = 0;
        while (value >= 1024 && unit < RATE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        int precision = value >= 99.95 ? 0 : value >= 9.995 ? 1 : 2;
        return String.format(Locale.ROOT, "%4." + precision + "f%c", value, RATE_UNITS[unit]);
    }
}
