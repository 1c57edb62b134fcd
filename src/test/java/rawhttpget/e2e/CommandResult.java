package rawhttpget.e2e;

import java.util.List;

/** How a finished (or killed) command ended, with everything it printed. */
record CommandResult(List<String> command, int exitCode, boolean timedOut, String stdout, String stderr) {

    private static final int TAIL = 4000;

    boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** For assertion messages: enough to debug a failed run without re-running it. */
    String describe() {
        return "command: " + String.join(" ", command) + "\n"
                + "exit: " + exitCode + (timedOut ? " (killed after the timeout)" : "") + "\n"
                + "stdout: " + tail(stdout) + "\n"
                + "stderr: " + tail(stderr);
    }

    private static String tail(String s) {
        return s.length() <= TAIL ? s : "..." + s.substring(s.length() - TAIL);
    }
}
