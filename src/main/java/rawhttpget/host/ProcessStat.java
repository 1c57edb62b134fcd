package rawhttpget.host;

/**
 * The fields we use of one line of {@code /proc/PID/stat} (proc(5)): the process's state and its start time.
 * The second field, the command name in parentheses, may itself hold spaces and parentheses (a program may name
 * itself {@code a) b (c}), so the fields after it are found after the line's last {@code ')'}.
 *
 * @param state     field 3: R, S, D, T, t, Z (zombie: exited, not yet reaped), X (dead), ...
 * @param startTime field 22: when the process started, in clock ticks since boot; with the PID, it names one
 *                  process for the life of the boot, while a PID alone is reused
 */
public record ProcessStat(long pid, String command, char state, long startTime) {
    private static final int STATE_FIELD = 3;
    private static final int START_TIME_FIELD = 22;

    /** Parses one line; throws {@link IllegalArgumentException} if it is not one of the kernel's. */
    public static ProcessStat parse(String line) {
        String text = line.strip();
        int open = text.indexOf(" (");
        int close = text.lastIndexOf(')');
        if (open < 1 || close < open) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + line);
        }
        long pid = number(text.substring(0, open), line);
        String command = text.substring(open + 2, close);
        String[] rest = text.substring(close + 1).strip().split(" ");
        // rest[0] is field 3.
        if (rest.length <= START_TIME_FIELD - STATE_FIELD || rest[0].length() != 1) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + line);
        }
        long startTime = number(rest[START_TIME_FIELD - STATE_FIELD], line);
        return new ProcessStat(pid, command, rest[0].charAt(0), startTime);
    }

    private static long number(String text, String line) {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException(text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + line, e);
        }
    }

    /** Exited, whatever its parent does: a zombie (Z) holds its PID until reaped but runs nothing, nor will. */
    public boolean hasExited() {
        return state == 'Z' || state == 'X' || state == 'x';
    }
}
