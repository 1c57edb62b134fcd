package rawhttpget.progress;

import java.util.List;

/**
 * The one line -j shows below the status lines on a terminal instead of a bar per download, after aria2c's console
 * readout: a bracket per active download, numbered by its place in the URL list (from 1), with its bytes, size and
 * percentage, and its recent rate:
 * <pre>
 * [#1 117K/977K(11%) DL:214KB/s][#2 1.2M/4.0M(30%) DL:1.10MB/s][#3 80K DL:96.0KB/s]
 * </pre>
 * A download whose size the server did not say (or has not said yet) shows its bytes only. Sizes are written as in
 * wget's Length line, rates as in its dot rows. The line is one column narrower than the terminal, as the bar, so it
 * never wraps: when the entries do not fit, the rates go first, then the last entries, counted in a {@code [+N]};
 * when not even one entry and the count fit, the first entry is shown alone, cut if need be.
 */
final class SummaryLine {
    /**
     * One active download.
     *
     * @param number         its place in the URL list, from 1
     * @param have           bytes of its file so far
     * @param total          the file's whole size, -1 when unknown
     * @param bytesPerSecond its recent rate, negative when there is none yet
     */
    record Entry(int number, long have, long total, double bytesPerSecond) {
        String text(boolean withRate) {
            StringBuilder s = new StringBuilder("[#").append(number).append(' ')
                    .append(WgetNumbers.humanReadable(have, 10, 1));
            if (total > 0) {
                s.append('/').append(WgetNumbers.humanReadable(total, 10, 1))
                        .append('(').append(Math.min(100, have * 100 / total)).append("%)");
            }
            if (withRate && bytesPerSecond >= 0) {
                s.append(" DL:").append(Units.rate(bytesPerSecond));
            }
            return s.append(']').toString();
        }
    }

    private SummaryLine() {
    }

    /** The line for {@code entries} (in URL order) in a terminal {@code columns} wide; empty when none is active. */
    static String of(List<Entry> entries, int columns) {
        int width = columns - 1;
        if (entries.isEmpty() || width <= 0) {
            return "";
        }
        String full = joined(entries, entries.size(), true);
        if (full.length() <= width) {
            return full;
        }
        for (int shown = entries.size(); shown > 0; shown--) {
            int left = entries.size() - shown;
            String line = joined(entries, shown, false) + (left > 0 ? "[+" + left + "]" : "");
            if (line.length() <= width) {
                return line;
            }
        }
        String first = entries.get(0).text(false); // the download shown as it goes: the count does not fit
        return first.length() > width ? first.substring(0, width) : first;
    }

    private static String joined(List<Entry> entries, int count, boolean withRate) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(entries.get(i).text(withRate));
        }
        return s.toString();
    }
}
