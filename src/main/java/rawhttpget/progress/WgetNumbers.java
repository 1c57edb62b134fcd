package rawhttpget.progress;

import java.util.Locale;

/**
 * Numbers as wget 1.21.3 writes them in its bar and status lines: sizes in binary multiples, rates with their
 * unit, short durations. Each follows wget's rounding, so a line of ours and a line of wget's for the same
 * download read the same.
 */
final class WgetNumbers {
    private static final char[] POWERS = {'K', 'M', 'G', 'T', 'P', 'E'};
    private static final String[] RATE_UNITS = {"B/s", "KB/s", "MB/s", "GB/s", "TB/s"};

    private WgetNumbers() {
    }

    /**
     * {@code bytes} in the largest binary multiple under 1024, with {@code decimals} decimals while the value is
     * below {@code accuracy}: the bar's size is (1000, 2): "119.71K", "1000K"; the Length line's (10, 1): "1.0M", "731K".
     */
    static String humanReadable(long bytes, int accuracy, int decimals) {
        if (bytes < 1024) {
            return Long.toString(bytes);
        }
        long n = bytes;
        for (int i = 0; i < POWERS.length; i++) {
            if (n / 1024 < 1024 || i == POWERS.length - 1) {
                double value = n / 1024.0;
                return String.format(Locale.ROOT, "%." + (value < accuracy ? decimals : 0) + "f%c", value, POWERS[i]);
            }
            n /= 1024;
        }
        throw new AssertionError("unreachable");
    }

    /** "201 KB/s" style without the space: the value (4 wide) and unit, as the bar and the saved line use them. */
    static String rate(double bytesPerSecond, boolean padded) {
        double value = bytesPerSecond;
        int unit = 0;
        while (value >= 1024 && unit < RATE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        int precision = value >= 99.95 ? 0 : value >= 9.995 ? 1 : 2;
        String number = String.format(Locale.ROOT, padded ? "%4." + precision + "f" : "%." + precision + "f", value);
        // The bar keeps its column: bytes per second are " B/s" there, as wide as "KB/s".
        return number + (padded ? (unit == 0 ? " " : "") : " ") + RATE_UNITS[unit];
    }

    /** Seconds with wget's precision: "5.1", "12", "0.03", "0.007". */
    static String decimal(double seconds) {
        double n = Math.abs(seconds);
        if (n >= 9.95) {
            return String.format(Locale.ROOT, "%.0f", seconds);
        }
        if (n >= 0.95) {
            return String.format(Locale.ROOT, "%.1f", seconds);
        }
        if (n >= 0.001) {
            return oneSignificantDigit(seconds);
        }
        if (n >= 0.0005) {
            return String.format(Locale.ROOT, "%.3f", seconds);
        }
        return "0";
    }

    /** C's "%.1g" for a value below 1: 0.0309 → "0.03", 0.0071 → "0.007". */
    private static String oneSignificantDigit(double value) {
        return new java.math.BigDecimal(value).round(new java.math.MathContext(1)).stripTrailingZeros().toPlainString();
    }

    /** "13s", "99s", "2m 5s", "1h 2m", "3d 4h": wget's ETA and duration, whole seconds. */
    static String shortDuration(long seconds) {
        return shortDuration(seconds, false);
    }

    /** {@code condensed} (the dots): no space between the two parts, "2m5s". */
    static String shortDuration(long seconds, boolean condensed) {
        String space = condensed ? "" : " ";
        if (seconds < 100) {
            return seconds + "s";
        }
        if (seconds < 100 * 60) {
            return seconds / 60 + "m" + space + seconds % 60 + "s";
        }
        if (seconds < 48 * 3600) {
            return seconds / 3600 + "h" + space + seconds / 60 % 60 + "m";
        }
        if (seconds < 100 * 86400L) {
            return seconds / 86400 + "d" + space + seconds / 3600 % 24 + "h";
        }
        return seconds / 86400 + "d";
    }

    /** The whole run's duration at the end of the bar: "5.1s" under ten seconds, else rounded to whole ones. */
    static String elapsed(double seconds) {
        return seconds >= 10 ? shortDuration((long) (seconds + 0.5)) : decimal(seconds) + "s";
    }
}
