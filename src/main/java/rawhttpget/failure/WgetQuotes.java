package rawhttpget.failure;

import java.util.Locale;
import java.util.Map;

/**
 * How wget quotes a file name or a value in what it prints: ‘so’ where the C library picks UTF-8 from the
 * environment, 'so' otherwise. Here, below every layer that prints, so status lines and usage errors agree.
 */
public final class WgetQuotes {
    private WgetQuotes() {
    }

    /** Whether the C library would pick UTF-8 from this environment (LC_ALL, else LC_CTYPE, else LANG). */
    public static boolean utf8Locale(Map<String, String> environment) {
        for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String value = environment.get(name);
            if (value != null && !value.isEmpty()) {
                String lower = value.toLowerCase(Locale.ROOT);
                return lower.contains("utf-8") || lower.contains("utf8");
            }
        }
        return false;
    }

    public static String open(boolean unicodeQuotes) {
        return unicodeQuotes ? "‘" : "'";
    }

    public static String close(boolean unicodeQuotes) {
        return unicodeQuotes ? "’" : "'";
    }

    public static String quoted(String text, boolean unicodeQuotes) {
        return open(unicodeQuotes) + text + close(unicodeQuotes);
    }
}
