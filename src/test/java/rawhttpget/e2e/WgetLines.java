package rawhttpget.e2e;

import java.util.regex.Pattern;
import rawhttpget.failure.WgetQuotes;

/** wget's status lines as patterns, for the e2e tests: what varies from run to run (time, rate) left open. */
final class WgetLines {
    /** wget's timestamps, local time. */
    static final String DATE = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";
    /** wget quotes names with ‘’ in a UTF-8 locale; the run inherits the test's environment. */
    static final boolean UTF8 = WgetQuotes.utf8Locale(System.getenv());
    static final String QUOTE = UTF8 ? "‘" : "'";
    static final String QUOTE_END = UTF8 ? "’" : "'";

    private WgetLines() {
    }

    /**
     * A regex for {@code text} taken literally, except that each "DATE" stands for a timestamp and each ‘ and ’
     * for the quotes of this locale: what a run printed, with only what varies left open.
     */
    static String literally(String text) {
        StringBuilder regex = new StringBuilder();
        String[] parts = text.replace("‘", QUOTE).replace("’", QUOTE_END).split("DATE", -1);
        for (int i = 0; i < parts.length; i++) {
            regex.append(i == 0 ? "" : DATE).append(parts[i].isEmpty() ? "" : Pattern.quote(parts[i]));
        }
        return regex.toString();
    }

    /** The line for a saved file, with the empty lines around it: "DATE (RATE) - ‘NAME’ saved [SIZES]". */
    static String saved(String name, String sizes) {
        return "\n" + DATE + " \\([0-9.]+ [KMGT]?B/s\\) - " + QUOTE + Pattern.quote(name) + QUOTE_END + " saved \\["
                + Pattern.quote(sizes) + "\\]\n\n";
    }
}
