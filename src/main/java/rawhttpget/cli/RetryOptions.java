package rawhttpget.cli;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The values of --tries and --retry-on-http-error, as wget reads them. */
final class RetryOptions {
    private RetryOptions() {
    }

    /** A whole number of tries, or "inf" (any case) for no limit, which is stored as 0 as wget does. */
    static int tries(String text) {
        if (text.toLowerCase(Locale.ROOT).equals("inf")) {
            return 0;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    /** "503,429": HTTP status codes (100-599), comma-separated. */
    static Set<Integer> statuses(String text) {
        Set<Integer> codes = new TreeSet<>();
        for (String item : text.split(",", -1)) {
            String code = item.trim();
            if (!code.matches("[1-5][0-9][0-9]")) {
                throw new IllegalArgumentException("'" + item + "' is not an HTTP status code (100-599)");
            }
            codes.add(Integer.parseInt(code));
        }
        return Set.copyOf(codes);
    }
}
