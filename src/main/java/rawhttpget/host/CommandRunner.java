package rawhttpget.host;

import java.util.List;

/** Runs a host command given as an argument list (never through a shell). Tests substitute a fake. */
@FunctionalInterface
public interface CommandRunner {

    /** Runs the command to completion; throws {@link HostException} if it cannot start or takes too long. */
    CommandResult run(List<String> command);
}
