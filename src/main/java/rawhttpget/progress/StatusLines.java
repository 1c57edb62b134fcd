package rawhttpget.progress;

import rawhttpget.failure.WgetQuotes;
import rawhttpget.time.Clock;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * wget 1.21.3's status lines around a download, in its words and order, on stderr (or the -o file):
 * <pre>
 * --2026-12-07 02:00:00--  http://files.test/f
 * Resolving files.test (files.test)... 198.18.1.1
 * Connecting to files.test (files.test)|198.18.1.1|:80... connected.
 * HTTP request sent, awaiting response... 200 OK
 * Length: 1048576 (1.0M) [application/octet-stream]
 * Saving to: ‘f’
 *
 * (the progress)
 *
 * 2026-12-07 02:00:01 (85.3 MB/s) - ‘f’ saved [1048576/1048576]
 *
 * </pre>
 * With {@code -nv} only the last line is said, as wget's one-liner
 * ({@code 2026-12-07 02:00:01 URL:http://files.test/f [1048576/1048576] -> "f" [1]}); with {@code -q} nothing.
 * Timestamps are local time, read from the calendar clock given.
 */
public final class StatusLines {
    /** {@code -q}, {@code -nv}, or wget's default. */
    public enum Verbosity { QUIET, NOT_VERBOSE, NORMAL }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final PrintWriter out;
    private final Verbosity verbosity;
    private final Clock epochClock;
    private final ZoneId zone;
    private final String open;
    private final String close;
    /** wget resolves a name once per run and says so once: later connections to it skip "Resolving". */
    private final Set<String> resolved = new HashSet<>();
    /** Which download the calling thread speaks for (-j runs several); always 0 for URLs one after another. */
    private final IntSupplier download;
    /** Each download's line held until its outcome is known. */
    private final Map<Integer, Held> held = new HashMap<>();

    /** One download's "Connecting to ..." line, held until its outcome is known (see {@link #connecting}). */
    private static final class Held {
        String connecting = "";
        /** The words after "connected.": a proxy gets wget's "Proxy request sent". */
        String requestSent = "HTTP request sent, awaiting response... ";
        /** {@link #connecting} holds the Reusing line, which needs no "connected." after it. */
        boolean reusing;
    }

    /**
     * @param epochClock    nanoseconds since the Unix epoch, for the timestamps
     * @param unicodeQuotes wget quotes file names with ‘’ in a UTF-8 locale, with '' otherwise
     */
    public StatusLines(PrintWriter out, Verbosity verbosity, Clock epochClock, ZoneId zone, boolean unicodeQuotes) {
        this(out, verbosity, epochClock, zone, unicodeQuotes, () -> 0);
    }

    /** {@code download}: the download the calling thread speaks for, so that -j's downloads keep their lines apart. */
    public StatusLines(PrintWriter out, Verbosity verbosity, Clock epochClock, ZoneId zone, boolean unicodeQuotes,
                       IntSupplier download) {
        this.download = download;
        this.out = out;
        this.verbosity = verbosity;
        this.epochClock = epochClock;
        this.zone = zone;
        this.open = WgetQuotes.open(unicodeQuotes);
        this.close = WgetQuotes.close(unicodeQuotes);
    }

    public Verbosity verbosity() {
        return verbosity;
    }

    String timestamp() {
        long nanos = epochClock.nanos();
        Instant at = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        return LocalDateTime.ofInstant(at, zone).format(STAMP);
    }

    private Held held() {
        return held.computeIfAbsent(download.getAsInt(), k -> new Held());
    }

    /** A request is about to be made: the first try is 1. */
    public void requesting(String url, int tryNumber) {
        held().connecting = "";
        normal("--" + timestamp() + "--  " + (tryNumber > 1 ? "(try:" + String.format("%2d", tryNumber) + ")  " : "")
                + url + "\n");
    }

    /** The name was looked up (not said for an address literal, nor for a name already looked up). */
    public void resolved(String host, String address) {
        if (resolved.add(host)) {
            normal("Resolving " + host + " (" + host + ")... " + address + "\n");
        }
    }

    /** The name could not be looked up; {@code reason} is the resolver's, possibly after "NAME: ". */
    public void resolveFailed(String host, String reason) {
        String words = reason == null ? "Name or service not known" : reason.substring(reason.lastIndexOf(": ") + 1).trim();
        normal("Resolving " + host + " (" + host + ")... failed: " + words + ".\n");
    }

    /**
     * The connection is being made; {@code host} is null for an address literal. wget prints the line now and its
     * end ("connected.", "failed: ...") later; ours is printed whole when its end is known, so that log lines on
     * the same stderr (-v, -d, --log) cannot land in the middle of it.
     */
    public void connecting(String host, String address, int port) {
        connecting(host, address, port, false);
    }

    /** As {@link #connecting(String, String, int)}; {@code proxy}: the host is a proxy, so wget says "Proxy request sent". */
    public void connecting(String host, String address, int port, boolean proxy) {
        Held line = held();
        line.requestSent = (proxy ? "Proxy" : "HTTP") + " request sent, awaiting response... ";
        line.reusing = false;
        line.connecting = host == null ? "Connecting to " + address + ":" + port + "... "
                : "Connecting to " + host + " (" + host + ")|" + address + "|:" + port + "... ";
    }

    /** The request goes over a connection an earlier one left open: wget's line instead of Connecting. */
    public void reusing(String host, int port) {
        Held line = held();
        line.connecting = "Reusing existing connection to " + host + ":" + port + ".\n";
        line.reusing = true;
    }

    /** The response head arrived: the connection was made and the request sent. */
    public void response(int status, String reason) {
        saidConnected();
        normal(status + " " + reason + "\n");
    }

    /** -S: the response head follows on lines of its own, so wget ends the "awaiting response" line bare. */
    public void responseShownBelow() {
        saidConnected();
        normal("\n");
    }

    /** A file name in wget's quotes for this locale: ‘name’ in UTF-8, 'name' otherwise. */
    public String quoted(String name) {
        return open + name + close;
    }

    private void saidConnected() {
        Held line = held();
        if (!line.connecting.isEmpty()) {
            normal(line.connecting + (line.reusing ? "" : "connected.\n") + line.requestSent);
            line.connecting = "";
        }
    }

    /**
     * The exchange failed before a response head. Not connected: wget's "failed: Connection refused." from the
     * first words of our message. Connected: only "connected.", since our own error line says what went wrong.
     */
    public void failedBeforeResponse(boolean established, String reason) {
        Held line = held();
        if (established) {
            normal(line.connecting + (line.reusing ? "" : "connected.\n"));
            line.connecting = "";
            return;
        }
        String words = reason;
        int detail = words.indexOf(" (");
        if (detail > 0) {
            words = words.substring(0, detail);
        }
        words = words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
        normal(line.connecting + "failed: " + words + ".\n");
        line.connecting = "";
    }

    /** A redirection: wget shows the Location as the server sent it. */
    public void following(String location) {
        normal("Location: " + location + " [following]\n");
    }

    /**
     * @param total     the whole file's size, -1 when unknown
     * @param remaining what this response brings of it when resuming, else -1
     */
    public void length(long total, long remaining, String contentType) {
        StringBuilder s = new StringBuilder("Length: ");
        if (total < 0) {
            s.append("unspecified");
        } else {
            s.append(sized(total));
            if (remaining >= 0) {
                s.append(", ").append(sized(remaining)).append(" remaining");
            }
        }
        if (contentType != null) {
            s.append(" [").append(contentType).append(']');
        }
        normal(s.append('\n').toString());
    }

    private static String sized(long bytes) {
        return bytes < 1024 ? Long.toString(bytes) : bytes + " (" + WgetNumbers.humanReadable(bytes, 10, 1) + ")";
    }

    /** {@code name} null: standard output. The progress that follows starts with an empty line of its own. */
    public void savingTo(String name) {
        normal("Saving to: " + (name == null ? open + "STDOUT" + close : open + name + close) + "\n");
    }

    /**
     * The body is saved whole.
     *
     * @param name     the file's name as shown, null for standard output
     * @param url      the URL the body came from (the last of a redirect chain)
     * @param size     bytes of the file now
     * @param expected the size announced, -1 when none was
     * @param bytesPerSecond this response's average rate
     */
    public void saved(String name, String url, long size, long expected, double bytesPerSecond, int tryNumber) {
        String sizes = "[" + size + (expected >= 0 ? "/" + expected : "") + "]";
        if (verbosity == Verbosity.NORMAL) {
            String rate = WgetNumbers.rate(Math.max(bytesPerSecond, 0), false);
            out.print("\n" + timestamp() + " (" + rate + ") - "
                    + (name == null ? "written to stdout " : open + name + close + " saved ") + sizes + "\n\n");
            out.flush();
        } else if (verbosity == Verbosity.NOT_VERBOSE) {
            out.print(timestamp() + " URL:" + url + " " + sizes + " -> \"" + (name == null ? "-" : name) + "\" ["
                    + tryNumber + "]\n");
            out.flush();
        }
    }

    /**
     * After several URLs (not after one), wget sums the run up, unless quiet:
     * "FINISHED --DATE--", the wall clock time, and the files, bytes, download time and rate.
     */
    public void finished(int files, long bytes, double downloadSeconds, double wallSeconds) {
        if (verbosity == Verbosity.QUIET) {
            return;
        }
        out.print("FINISHED --" + timestamp() + "--\n"
                + "Total wall clock time: " + humanTime(wallSeconds) + "\n"
                + "Downloaded: " + files + " files, " + WgetNumbers.humanReadable(bytes, 10, 1) + " in "
                + humanTime(downloadSeconds) + " (" + WgetNumbers.rate(bytes / Math.max(downloadSeconds, 0.5e-9), false)
                + ")\n");
        out.flush();
    }

    /** wget's secs_to_human_time: "0.002s", "12s", "1m 5s", "2h 0m 3s", "1d 2h 3m 4s". */
    static String humanTime(double seconds) {
        long secs = (long) (seconds + 0.5);
        long days = secs / 86400;
        long hours = secs % 86400 / 3600;
        long mins = secs % 3600 / 60;
        secs %= 60;
        if (days > 0) {
            return days + "d " + hours + "h " + mins + "m " + secs + "s";
        }
        if (hours > 0) {
            return hours + "h " + mins + "m " + secs + "s";
        }
        if (mins > 0) {
            return mins + "m " + secs + "s";
        }
        return WgetNumbers.decimal(seconds) + "s";
    }

    /** --spider: said before each request, at the default verbosity only. */
    public void spiderEnabled(String line) {
        normal(line + "\n");
    }

    /** --spider: {@code url} exists. wget's lines and a blank line; with -nv its one line of the final URL. */
    public void spiderExists(List<String> lines, String url, int status, String reason) {
        normal(String.join("\n", lines) + "\n\n");
        notVerbose(timestamp() + " URL: " + url + " " + status + " " + reason + "\n");
    }

    /** --spider: {@code url} is a broken link. wget's line and a blank line; with -nv the URL above it. */
    public void spiderBroken(String url, String line) {
        normal(line + "\n\n");
        notVerbose(url + ":\n" + line + "\n");
    }

    /** -c on a file the server says is complete (416). */
    public void alreadyComplete() {
        normal("\n    The file is already fully retrieved; nothing to do.\n\n");
    }

    private void notVerbose(String text) {
        if (verbosity == Verbosity.NOT_VERBOSE) {
            out.print(text);
            out.flush();
        }
    }

    private void normal(String text) {
        if (verbosity == Verbosity.NORMAL) {
            out.print(text);
            out.flush();
        }
    }
}
