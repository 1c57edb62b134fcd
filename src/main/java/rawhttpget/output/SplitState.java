package rawhttpget.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The state file of a segmented download, {@code NAME.part.split} beside {@code NAME.part}: the file's length and
 * the byte ranges still missing from the partial file, one {@code from to} pair ({@code [from, to)}) a line:
 * <pre>
 * rawhttpget-split 1
 * length 104857600
 * missing 13107200 26214400
 * </pre>
 * It is written only after the bytes it counts as present are in the partial file, to a temporary name and then
 * renamed over the old one, so a run killed at any moment (SIGKILL too) leaves either the old state or the new,
 * each true of the file. A byte it lists as missing may be there already: it is fetched again.
 */
public record SplitState(long length, List<long[]> missing) {
    private static final String MAGIC = "rawhttpget-split 1";
    /** Far above any honest state (a segment per connection, a few thousand at most): a bound on what we read. */
    private static final int MAX_RANGES = 100_000;

    /** The state file of {@code part}: {@code NAME.part.split}. */
    public static Path of(Path part) {
        return part.resolveSibling(part.getFileName() + ".split");
    }

    /** The text of the state, as written. */
    public String text() {
        StringBuilder b = new StringBuilder(MAGIC).append('\n').append("length ").append(length).append('\n');
        for (long[] r : missing) {
            b.append("missing ").append(r[0]).append(' ').append(r[1]).append('\n');
        }
        return b.toString();
    }

    /**
     * Reads a state file's text; an IllegalArgumentException with one line says why it is not one (unknown
     * header, a bad number, ranges out of order, overlapping or beyond the length).
     */
    public static SplitState parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 3 || !lines[0].equals(MAGIC) || !lines[lines.length - 1].isEmpty()) {
            throw new IllegalArgumentException("not a rawhttpget split state");
        }
        long length = field(lines[1], "length ", 1)[0];
        if (lines.length - 3 > MAX_RANGES) {
            throw new IllegalArgumentException("too many ranges");
        }
        List<long[]> missing = new ArrayList<>();
        long previousEnd = 0;
        for (int i = 2; i < lines.length - 1; i++) {
            long[] r = field(lines[i], "missing ", 2);
            if (r[0] < previousEnd || r[1] <= r[0] || r[1] > length) {
                throw new IllegalArgumentException("range " + r[0] + "-" + r[1] + " is out of order or beyond "
                        + length);
            }
            missing.add(r);
            previousEnd = r[1];
        }
        return new SplitState(length, List.copyOf(missing));
    }

    private static long[] field(String line, String name, int count) {
        if (!line.startsWith(name)) {
            throw new IllegalArgumentException("expected '" + name.trim() + "'");
        }
        String[] words = line.substring(name.length()).split(" ", -1);
        if (words.length != count) {
            throw new IllegalArgumentException("'" + name.trim() + "' takes " + count + " numbers");
        }
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = number(words[i]);
        }
        return out;
    }

    /** Decimal digits as written (no sign, no leading zero), at most 18 of them: nothing to echo back. */
    private static long number(String digits) {
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || digits.length() > 1 && digits.charAt(0) == '0') {
            throw new IllegalArgumentException("a number is not written as a state file writes it");
        }
        return Long.parseLong(digits);
    }

    /** Reads the state file, or null when there is none. */
    public static SplitState read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        return parse(Files.readString(file, StandardCharsets.US_ASCII));
    }

    /** Writes the state to {@code file} atomically: a temporary file beside it, renamed over it. */
    public void write(Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text(), StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
