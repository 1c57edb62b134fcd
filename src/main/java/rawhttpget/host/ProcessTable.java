package rawhttpget.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Whether the owner of a firewall rule still runs, from {@code /proc/PID/stat}. Two cases a plain "does the PID
 * exist" gets wrong: a run killed by SIGKILL under a parent that never reaps (a container whose PID 1 is a shell
 * or the program itself) stays a zombie, its PID taken but nothing running; and a PID reused by a later process
 * looks like its owner, so the rule of the killed run would stay for good. The first is state Z; the second a
 * start time that differs from the one the rule recorded.
 */
public final class ProcessTable {
    private static final Path PROC = Path.of("/proc");

    /** A PID's stat line, or empty when no such process exists; null where there is no /proc to read. */
    private final LongFunction<Optional<String>> statLine;

    ProcessTable(LongFunction<Optional<String>> statLine) {
        this.statLine = statLine;
    }

    /** The host's processes, from /proc; where /proc cannot be read, from the JDK (PID only, zombies count). */
    public static ProcessTable system() {
        if (statOfThisProcess().isEmpty()) {
            return new ProcessTable(null);
        }
        return new ProcessTable(ProcessTable::readStat);
    }

    static Optional<ProcessStat> statOfThisProcess() {
        return readStat(ProcessHandle.current().pid()).flatMap(ProcessTable::parseQuietly);
    }

    private static Optional<String> readStat(long pid) {
        try {
            return Optional.of(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"),
                    StandardCharsets.ISO_8859_1));
        } catch (IOException | SecurityException e) {
            return Optional.empty(); // gone (NoSuchFileException), or exited between listing and reading
        }
    }

    private static Optional<ProcessStat> parseQuietly(String line) {
        try {
            return Optional.of(ProcessStat.parse(line));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the owner runs: a process has its PID, has not exited (a zombie has), and, when the owner names
     * a start time, started then. A stat line we cannot parse counts as running: removing a live run's rule
     * would break its connection, keeping a dead one's costs nothing but a table.
     */
    public boolean runs(RuleOwner owner) {
        if (statLine == null) {
            return ProcessHandle.of(owner.pid()).map(ProcessHandle::isAlive).orElse(false);
        }
        Optional<String> line = statLine.apply(owner.pid());
        if (line.isEmpty()) {
            return false;
        }
        Optional<ProcessStat> stat = parseQuietly(line.get());
        if (stat.isEmpty()) {
            return true;
        }
        if (stat.get().hasExited()) {
            return false;
        }
        return owner.startTime().isEmpty() || owner.startTime().getAsLong() == stat.get().startTime();
    }
}
