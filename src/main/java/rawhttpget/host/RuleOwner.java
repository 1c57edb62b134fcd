package rawhttpget.host;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The process a firewall rule or table belongs to: its PID and, where {@code /proc} told us, its start time
 * ({@link ProcessStat#startTime()}). The pair names one process for the life of the boot; the PID alone does
 * not (PIDs are reused), so a rule that names both is stale exactly when no process has that PID and start time.
 * Rules written before the start time was recorded name the PID only ({@code rawhttpget pid=PID}, table
 * {@code rawhttpget-PID}); they are still recognised.
 */
public record RuleOwner(long pid, OptionalLong startTime) {
    private static final Pattern COMMENT = Pattern.compile("rawhttpget pid=(\\d{1,19})(?: start=(\\d{1,19}))?");

    public RuleOwner {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
        if (startTime.isPresent() && startTime.getAsLong() < 0) {
            throw new IllegalArgumentException("start time must not be negative: " + startTime);
        }
    }

    public static RuleOwner of(long pid, long startTime) {
        return new RuleOwner(pid, OptionalLong.of(startTime));
    }

    /** An owner known by its PID only (a rule in the older format, or a host without /proc). */
    public static RuleOwner pidOnly(long pid) {
        return new RuleOwner(pid, OptionalLong.empty());
    }

    /** This process, with its start time when {@code /proc/self/stat} can be read. */
    public static RuleOwner thisProcess() {
        return ThisProcess.OWNER;
    }

    /** The owner named by the text if it is exactly one of our comments, in either format. */
    public static Optional<RuleOwner> ofComment(String comment) {
        Matcher m = COMMENT.matcher(comment);
        if (!m.matches()) {
            return Optional.empty();
        }
        return parse(m.group(1), m.group(2));
    }

    /** From the digits of a PID and, if not null, of a start time; empty when they overflow or name PID 0. */
    static Optional<RuleOwner> parse(String pidDigits, String startTimeDigits) {
        try {
            long pid = Long.parseLong(pidDigits);
            if (pid <= 0) {
                return Optional.empty();
            }
            return Optional.of(startTimeDigits == null ? pidOnly(pid) : of(pid, Long.parseLong(startTimeDigits)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The comment that marks a rule as ours: {@code rawhttpget pid=1234 start=56789}. */
    public String comment() {
        return "rawhttpget pid=" + pid + (startTime.isPresent() ? " start=" + startTime.getAsLong() : "");
    }

    /** The name part after {@code rawhttpget-} of an nft table: {@code 1234-56789}. */
    String tableSuffix() {
        return pid + (startTime.isPresent() ? "-" + startTime.getAsLong() : "");
    }

    /** Read once: the start time of a process never changes. */
    private static final class ThisProcess {
        static final RuleOwner OWNER = read();

        private static RuleOwner read() {
            long pid = ProcessHandle.current().pid();
            return ProcessTable.statOfThisProcess()
                    // A /proc of another PID namespace would name us differently: then the PID alone is safer.
                    .filter(stat -> stat.pid() == pid)
                    .map(stat -> of(pid, stat.startTime()))
                    .orElseGet(() -> pidOnly(pid));
        }
    }
}
