package rawhttpget.progress;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * {@code --progress=bar|dot[:STYLE]|none} as wget reads it: the bar only on a terminal (falling back to dots elsewhere)
 * unless written {@code bar:force}; dots by default when stderr is not a terminal; nothing with {@code -q}.
 * wget spells the second style "dot" (dot:binary, dot:mega, dot:giga: bigger dots); "dots" is accepted too.
 */
public enum ProgressStyle {
    BAR, DOTS, DOTS_BINARY, DOTS_MEGA, DOTS_GIGA, NONE;

    public static ProgressStyle choose(String requested, boolean quiet, boolean stderrIsTerminal) throws DownloadException {
        if (quiet) {
            return NONE;
        }
        if (requested == null) {
            return stderrIsTerminal ? BAR : DOTS;
        }
        String text = requested.toLowerCase(Locale.ROOT);
        return switch (text) {
            case "bar" -> stderrIsTerminal ? BAR : DOTS;
            case "bar:force", "bar:force:noscroll" -> BAR;
            case "dot", "dots", "dot:default" -> DOTS;
            case "dot:binary" -> DOTS_BINARY;
            case "dot:mega" -> DOTS_MEGA;
            case "dot:giga" -> DOTS_GIGA;
            case "none" -> NONE;
            default -> throw new DownloadException(ExitCode.USAGE, "--progress: unknown style '" + requested
                    + "' (bar, bar:force, dot or none)");
        };
    }

    /** {@code columns}: the terminal's width at each redraw of the bar ({@link ScreenWidth}). */
    public Progress create(PrintWriter err, IntSupplier columns) {
        return switch (this) {
            case BAR -> new BarProgress(err, columns);
            case DOTS -> new DotProgress(err);
            case DOTS_BINARY -> new DotProgress(err, DotProgress.Style.BINARY);
            case DOTS_MEGA -> new DotProgress(err, DotProgress.Style.MEGA);
            case DOTS_GIGA -> new DotProgress(err, DotProgress.Style.GIGA);
            case NONE -> Progress.NONE;
        };
    }
}
