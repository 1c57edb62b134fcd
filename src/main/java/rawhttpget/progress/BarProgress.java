package rawhttpget.progress;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * wget's progress bar, for a terminal: one line redrawn in place with a carriage return, at most five times a
 * second, ended by a newline when the body ends.
 * <pre>
 * 1M.bin               45%[========&gt;           ] 460.80K  1.00MB/s    eta 1s
 * 1M.bin              100%[===================&gt;]   1.00M  1.00MB/s    in 1.0s
 * </pre>
 * Without a Content-Length there is no percentage and no ETA, and a {@code <=>} walks along the bar instead.
 */
final class BarProgress implements Progress {
    static final long REDRAW_NANOS = 200_000_000L;
    static final int NAME_WIDTH = 20;
    static final int BAR_WIDTH = 20;

    private final PrintWriter out;
    private final ProgressMeter meter = new ProgressMeter();
    private String name;
    private long lastDrawAt;

    BarProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void start(String name, long alreadyHave, long total, long now) {
        this.name = name;
        meter.start(alreadyHave, total, now);
        draw(now, false);
    }

    @Override
    public void update(long received, long now) {
        meter.update(received, now);
        if (now - lastDrawAt >= REDRAW_NANOS) {
            draw(now, false);
        }
    }

    @Override
    public void finish(long now, boolean complete) {
        meter.finish(now);
        draw(now, true);
        out.println();
        out.flush();
    }

    private void draw(long now, boolean finished) {
        lastDrawAt = now;
        out.print('\r');
        out.print(line(now, finished));
        out.flush();
    }

    /** The whole line as it stands at {@code now}. */
    String line(long now, boolean finished) {
        long have = meter.have();
        StringBuilder s = new StringBuilder(80);
        s.append(fit(name));
        if (meter.sizeKnown()) {
            s.append(String.format(Locale.ROOT, "%3d%%", meter.percent(have)))
                    .append('[').append(filledBar(have)).append(']');
        } else {
            s.append("    [").append(walkingBar(now)).append(']');
        }
        double perSecond = finished ? meter.averageRate(now) : meter.recentRate();
        s.append(String.format(Locale.ROOT, " %7s %8s", Units.size(have), perSecond < 0 ? "--.-KB/s" : Units.rate(perSecond)));
        if (finished) {
            s.append("    in ").append(Units.duration(meter.elapsed(now)));
        } else {
            long eta = meter.etaNanos(have, perSecond);
            if (eta >= 0) {
                s.append("    eta ").append(Units.duration(eta));
            }
        }
        return s.toString();
    }

    private static String fit(String name) {
        String n = name.length() > NAME_WIDTH - 1 ? name.substring(0, NAME_WIDTH - 1) : name;
        return n + " ".repeat(NAME_WIDTH - n.length());
    }

    private String filledBar(long have) {
        int filled = (int) Math.min(BAR_WIDTH, have * BAR_WIDTH / meter.total());
        StringBuilder bar = new StringBuilder(BAR_WIDTH);
        if (filled > 0) {
            bar.append("=".repeat(filled - 1)).append('>');
        }
        return bar.append(" ".repeat(BAR_WIDTH - bar.length())).toString();
    }

    private String walkingBar(long now) {
        int span = BAR_WIDTH - 3;
        int step = (int) (meter.elapsed(now) / REDRAW_NANOS % (2L * span));
        int at = step <= span ? step : 2 * span - step;
        return " ".repeat(at) + "<=>" + " ".repeat(span - at);
    }
}
