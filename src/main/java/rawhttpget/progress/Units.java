package rawhttpget.progress;

import java.util.Locale;

/** Sizes, rates and durations in the short forms wget's progress output uses. */
final class Units {
    private static final String[] PREFIXES = {"K", "M", "G", "T"};

    private Units() {
    }

    /** 512 → "512", 100000 → "97.66K", 1048576 → "1.00M": binary multiples, two decimals. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return Long.toString(bytes);
        }
        double value = bytes;
        int i = -1;
        while (value >= 1024 && i < PREFIXES.length - 1) {
            value /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.2f%s", value, PREFIXES[i]);
    }

    /** Bytes per second as "850B/s", "9.54KB/s", "95.4MB/s", "954MB/s": three significant digits at most. */
    static String rate(double bytesPerSecond) {
        return compact(bytesPerSecond) + "B/s";
    }

    /** "850", "9.54K", "95.4M", "954M": for the dot lines, where wget prints the rate without "B/s". */
    static String compact(double value) {
        String unit = "";
        // Decided on the value as it will be rounded: 99.96 is "100", not "100.0"; 999.6 is "0.98K", not "1000".
        for (int i = 0; value >= 999.5 && i < PREFIXES.length; i++) {
            value /= 1024;
            unit = PREFIXES[i];
        }
        if (unit.isEmpty()) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        String digits = value < 9.995 ? "%.2f" : value < 99.95 ? "%.1f" : "%.0f";
        return String.format(Locale.ROOT, digits, value) + unit;
    }

    /** 0.25 s → "0.2s", 5 s → "5s", 65 s → "1m 5s", 3725 s → "1h 2m", as wget's ETA. */
    static String duration(long nanos) {
        double seconds = nanos / 1e9;
        if (seconds < 10 && seconds != Math.floor(seconds)) {
            return String.format(Locale.ROOT, "%.1fs", Math.floor(seconds * 10) / 10);
        }
        long s = (long) seconds;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 100 * 3600) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86400 + "d " + s % 86400 / 3600 + "h";
    }
}
