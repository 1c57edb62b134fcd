package rawhttpget.progress;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * wget's dot progress, for logs and pipes (stderr is not a terminal): a dot per KiB, a space every ten dots,
 * fifty dots (50 KiB) to a line, each line ended by the percentage, that line's rate and the ETA. Bytes a
 * resumed download already had are drawn as commas. The last line ends with the rate and time of the whole run.
 * <pre>
 *      0K .......... .......... .......... .......... .......... 51% 9.54M 0s
 *     50K .......... .......... .......... .......... .......   100% 9.54M=0.1s
 * </pre>
 */
final class DotProgress implements Progress {
    static final int DOT_BYTES = 1024;
    static final int DOTS_PER_GROUP = 10;
    static final int DOTS_PER_LINE = 50;
    private static final long LINE_BYTES = (long) DOT_BYTES * DOTS_PER_LINE;

    private final PrintWriter out;
    private final ProgressMeter meter = new ProgressMeter();
    /** Dots drawn so far, counted from the start of the file (commas included). */
    private long dots;
    private long lineStartedAt;
    private long lineStartBytes;

    DotProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void start(String name, long alreadyHave, long total, long now) {
        meter.start(alreadyHave, total, now);
        this.lineStartedAt = now;
        long skipped = alreadyHave / DOT_BYTES;
        dots = skipped - skipped % DOTS_PER_LINE;
        lineStartBytes = alreadyHave;
        while (dots < skipped) {
            put(',', now);
        }
    }

    @Override
    public void update(long received, long now) {
        meter.update(received, now);
        long due = meter.have() / DOT_BYTES;
        while (dots < due) {
            put('.', now);
        }
    }

    private void put(char dot, long now) {
        if (dots % DOTS_PER_LINE == 0) {
            out.print(String.format(Locale.ROOT, "%6dK", dots * DOT_BYTES / 1024));
        }
        if (dots % DOTS_PER_GROUP == 0) {
            out.print(' ');
        }
        out.print(dot);
        dots++;
        if (dots % DOTS_PER_LINE == 0 && dot == '.') {
            endLine(now);
        }
    }

    private void endLine(long now) {
        long have = dots * DOT_BYTES;
        long lineBytes = have - lineStartBytes;
        long elapsed = now - lineStartedAt;
        StringBuilder s = new StringBuilder(" ");
        appendPercent(s, have);
        s.append(elapsed > 0 ? Units.compact(lineBytes * 1e9 / elapsed) : "--.-");
        long eta = meter.etaNanos(have, meter.recentRate());
        if (eta >= 0) {
            s.append(' ').append(Units.duration(eta));
        }
        out.println(s);
        out.flush();
        lineStartedAt = now;
        lineStartBytes = have;
    }

    @Override
    public void finish(long now, boolean complete) {
        meter.finish(now);
        long inLine = dots % DOTS_PER_LINE;
        if (inLine == 0 && dots > 0 && meter.have() == dots * DOT_BYTES) {
            out.flush();
            return; // the last line ended exactly at the last byte and has been printed whole
        }
        if (inLine == 0) {
            out.print(String.format(Locale.ROOT, "%6dK", dots * DOT_BYTES / 1024));
        }
        // Pad the line to full width so the summary lines up with the lines above it.
        for (long d = inLine; d < DOTS_PER_LINE; d++) {
            out.print(d % DOTS_PER_GROUP == 0 ? "  " : " ");
        }
        StringBuilder s = new StringBuilder(" ");
        appendPercent(s, meter.have());
        double average = meter.averageRate(now);
        s.append(average >= 0 ? Units.compact(average) : "--.-").append('=').append(Units.duration(meter.elapsed(now)));
        out.println(s);
        out.flush();
    }

    /** "NN% " where the size is known, nothing otherwise. */
    private void appendPercent(StringBuilder s, long have) {
        if (meter.sizeKnown()) {
            s.append(String.format(Locale.ROOT, "%3d%% ", meter.percent(have)));
        }
    }
}
