package rawhttpget.cli;

/**
 * A time period as wget 1.21.3 reads one (init.c, cmd_time): a number in seconds, decimals allowed, with an
 * optional suffix s, m, h, d or w (either case) for seconds, minutes, hours, days and weeks; spaces around it are
 * ignored. No exponent, no "inf". Anything else is refused in wget's words, "--wait: Invalid time period ‘1x’", and
 * so is a negative one, "--wait: Negative time period ‘-1’"; both quote the value from its first non-space, as wget.
 */
final class WgetTime {
    private WgetTime() {
    }

    static double seconds(String text) {
        int end = text.length();
        while (end > 0 && isSpace(text.charAt(end - 1))) {
            end--;
        }
        if (end == 0) {
            throw refused(text);
        }
        double multiplier = switch (Character.toLowerCase(text.charAt(end - 1))) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86400;
            case 'w' -> 604800;
            default -> 0;
        };
        if (multiplier == 0) {
            multiplier = 1; // no suffix: the last character belongs to the number
        } else {
            end--;
        }
        double seconds = number(text, end) * multiplier;
        if (seconds < 0) {
            throw new RefusedValue("Negative time period", text.stripLeading());
        }
        return seconds;
    }

    /** wget's simple_atof over {@code text[0, end)}: spaces, an optional sign, digits with at most one dot. */
    private static double number(String text, int end) {
        int at = 0;
        while (at < end && isSpace(text.charAt(at))) {
            at++;
        }
        while (end > at && isSpace(text.charAt(end - 1))) {
            end--;
        }
        boolean negative = false;
        if (at < end && (text.charAt(at) == '-' || text.charAt(at) == '+')) {
            negative = text.charAt(at) == '-';
            at++;
        }
        double result = 0;
        double divider = 1;
        boolean seenDot = false;
        boolean seenDigit = false;
        for (; at < end; at++) {
            char c = text.charAt(at);
            if (c >= '0' && c <= '9') {
                if (seenDot) {
                    divider *= 10;
                    result += (c - '0') / divider;
                } else {
                    result = 10 * result + (c - '0');
                }
                seenDigit = true;
            } else if (c == '.' && !seenDot) {
                seenDot = true;
            } else {
                throw refused(text.stripLeading());
            }
        }
        if (!seenDigit) {
            throw refused(text.stripLeading());
        }
        return negative ? -result : result;
    }

    /** C's isspace in the C locale. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    private static RefusedValue refused(String text) {
        return new RefusedValue("Invalid time period", text);
    }
}
