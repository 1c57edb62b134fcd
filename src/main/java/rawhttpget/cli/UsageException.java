package rawhttpget.cli;

import rawhttpget.failure.ExitCode;
import rawhttpget.failure.WgetQuotes;

/**
 * A command line that cannot be parsed: Main prints "rawhttpget: " and the message, then what {@link #tail} says,
 * and exits with {@link #exitCode}. Three forms:
 * <ul>
 * <li>what wget's getopt_long says ({@link #getopt}): "unrecognized option '--foo'", "invalid option -- 'Z'",
 * "option requires an argument -- 'O'", followed as in wget 1.21.3 by its usage line, an empty line and
 * "Try `rawhttpget --help' for more options."; wget's own "missing URL" and "illegal option -- `-nZ'" are said
 * the same way, with wget's status 1 ({@link #wget});</li>
 * <li>a value wget too refuses as it reads its options ({@link RefusedValue}), said as wget says it, "--limit-rate:
 * Invalid byte value ‘abc’" in the locale's quotes, with nothing after it, status 2;</li>
 * <li>our own checks of a value wget does not have, followed by "Try 'rawhttpget --help' for more options.",
 * status 2.</li>
 * </ul>
 */
final class UsageException extends Exception {
    /** What follows the message line. */
    enum Tail {
        /** Nothing: wget's refused value. */
        NONE,
        /** "Try 'rawhttpget --help' for more options." */
        HELP_HINT,
        /** wget's usage line, an empty line and its hint with the backquote. */
        WGET_USAGE
    }

    /** For a value refused in wget's form: its option's long form, else null. */
    private final String option;
    private final RefusedValue refused;
    private final Tail tail;
    private final ExitCode exitCode;

    UsageException(String message) {
        this(message, null, null, Tail.HELP_HINT, ExitCode.USAGE);
    }

    UsageException(String option, RefusedValue refused) {
        this(wgetForm(option, refused, false), option, refused, Tail.NONE, ExitCode.USAGE);
    }

    private UsageException(String message, String option, RefusedValue refused, Tail tail, ExitCode exitCode) {
        super(message, null, false, false);
        this.option = option;
        this.refused = refused;
        this.tail = tail;
        this.exitCode = exitCode;
    }

    /** A line as glibc's getopt_long says it for wget, then wget's usage lines; status 2. */
    static UsageException getopt(String line) {
        return new UsageException(line, null, null, Tail.WGET_USAGE, ExitCode.USAGE);
    }

    /** A line wget itself says after getopt, then its usage lines; status 1, as wget's. */
    static UsageException wget(String line) {
        return new UsageException(line, null, null, Tail.WGET_USAGE, ExitCode.GENERIC);
    }

    /**
     * The line after "rawhttpget: ", a refused value quoted as wget quotes it in the locale. What the user typed
     * is echoed with its control characters as '?': a typed newline or CR must not make the one line two (wget's
     * getopt echoes them as they are).
     */
    String message(boolean unicodeQuotes) {
        String line = refused == null ? getMessage() : wgetForm(option, refused, unicodeQuotes);
        return line.replaceAll("\\p{Cntrl}", "?");
    }

    /** The lines after the message, each without its line end. */
    Tail tail() {
        return tail;
    }

    ExitCode exitCode() {
        return exitCode;
    }

    private static String wgetForm(String option, RefusedValue refused, boolean unicodeQuotes) {
        return option + ": " + refused.getMessage() + " " + WgetQuotes.quoted(refused.value(), unicodeQuotes);
    }
}
