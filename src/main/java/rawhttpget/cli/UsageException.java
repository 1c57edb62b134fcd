package rawhttpget.cli;

import rawhttpget.failure.WgetQuotes;

/**
 * A command line that cannot be parsed: Main prints "rawhttpget: " and the message, and exits with status 2. Most
 * are followed by a hint to --help. A value wget too refuses as it reads its options ({@link RefusedValue}) is said
 * as wget says it instead, "--limit-rate: Invalid byte value ‘abc’" in the locale's quotes, and wget prints no hint
 * after that line.
 */
final class UsageException extends Exception {
    /** For a value refused in wget's form: its option's long form, else null. */
    private final String option;
    private final RefusedValue refused;

    UsageException(String message) {
        super(message, null, false, false);
        this.option = null;
        this.refused = null;
    }

    UsageException(String option, RefusedValue refused) {
        super(wgetForm(option, refused, false), null, false, false);
        this.option = option;
        this.refused = refused;
    }

    /** The line after "rawhttpget: ", a refused value quoted as wget quotes it in the locale. */
    String message(boolean unicodeQuotes) {
        return refused == null ? getMessage() : wgetForm(option, refused, unicodeQuotes);
    }

    /** Whether "Try 'rawhttpget --help' for more options." follows the line. */
    boolean hintsAtHelp() {
        return refused == null;
    }

    private static String wgetForm(String option, RefusedValue refused, boolean unicodeQuotes) {
        return option + ": " + refused.getMessage() + " " + WgetQuotes.quoted(refused.value(), unicodeQuotes);
    }
}
