package rawhttpget.host;

import java.util.List;

/** Runs a host command given as an argument list (never through a shell). Tests substitute a fake. */
@FunctionalInterface
public interface CommandRunner {

    /** Runs the command to completion; throws {@link HostException} if it cannot start or takes too long. */
    CommandResult run(List<String> command);

    /**
     * Starts the command and returns once it runs (its program has been executed), so the caller can do other
     * work meanwhile; {@link Started#await} gives its result. Throws as {@link #run} does if it cannot start.
     * By default it runs to completion here.
     */
    default Started start(List<String> command) {
        return new Finished(run(command));
    }

    /** A command that has been started. */
    interface Started {
        /** Waits for the command to end; throws {@link HostException} if it takes too long. */
        CommandResult await();
    }

    /** A command that had ended when {@link #start} returned. */
    record Finished(CommandResult result) implements Started {
        @Override
        public CommandResult await() {
            return result;
        }
    }
}
