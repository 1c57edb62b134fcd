package rawhttpget.download;

/**
 * wget's --limit-rate value: bytes a second, as a number with an optional decimal part and an optional suffix
 * {@code k}, {@code m}, {@code g} or {@code t} (either case) for 1024, 1024², 1024³ and 1024⁴; whitespace around
 * the number or the suffix is ignored; {@code inf} and 0 mean no limit. As in wget the product is truncated to
 * whole bytes, so {@code 0.5} is no limit either. A negative number, an exponent, a second dot or anything else
 * is refused.
 */
public final class LimitRate {
    private LimitRate() {
    }

    /** Bytes a second, 0 for no limit; an IllegalArgumentException with one line for a value wget refuses. */
    public static long parse(String text) {
        if (text.equals("inf")) {
            return 0;
        }
        int end = trimEnd(text, text.length());
        if (end == 0) {
            throw invalid(text);
        }
        double multiplier = switch (Character.toLowerCase(text.charAt(end - 1))) {
            case 'k' -> 1024.0;
            case 'm' -> 1024.0 * 1024;
            case 'g' -> 1024.0 * 1024 * 1024;
            case 't' -> 1024.0 * 1024 * 1024 * 1024;
            default -> 1;
        };
        if (multiplier != 1) {
            end--;
        }
        int start = 0;
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        end = trimEnd(text, end);
        if (start >= end) {
            throw invalid(text);
        }
        double number = decimal(text, start, end);
        if (Double.isNaN(number) || number < 0) {
            throw invalid(text);
        }
        return (long) (number * multiplier);
    }

    /** Digits with at most one dot and at least one digit, after an optional sign; NaN for anything else. */
    private static double decimal(String text, int start, int end) {
        int i = start;
        boolean negative = false;
        if (text.charAt(i) == '-' || text.charAt(i) == '+') {
            negative = text.charAt(i) == '-';
            i++;
        }
        boolean dot = false;
        boolean digit = false;
        for (int j = i; j < end; j++) {
            char c = text.charAt(j);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return Double.NaN;
            }
        }
        if (!digit) {
            return Double.NaN;
        }
        String digits = text.substring(i, end);
        double value = Double.parseDouble(digits.endsWith(".") ? digits + "0" : digits);
        return negative ? -value : value;
    }

    private static int trimEnd(String text, int end) {
        while (end > 0 && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** C's isspace() in the C locale, as wget strips. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("Invalid byte value '" + text + "'");
    }
}
