package rawhttpget.runtime;

import rawhttpget.failure.ExitCode;

import sun.misc.Signal;

/**
 * Turns SIGINT and SIGTERM into a flag the event loop polls, so the loop itself aborts the connection
 * (a RST to the server), keeps the partial file and restores the host before exiting with 130 or 143.
 * A shutdown hook could not do that: by the time it runs, the loop that owns the stack is gone.
 */
public final class Interrupts {
    private volatile ExitCode received;

    public void install() {
        Signal.handle(new Signal("INT"), s -> onSignal(ExitCode.INTERRUPTED_SIGINT));
        Signal.handle(new Signal("TERM"), s -> onSignal(ExitCode.INTERRUPTED_SIGTERM));
    }

    private void onSignal(ExitCode code) {
        if (received != null) {
            // A second Ctrl-C: the user does not want to wait for a clean exit. Shutdown hooks still run.
            System.exit(code.code());
        }
        received = code;
    }

    /** The signal that asked us to stop, or null. */
    public ExitCode received() {
        return received;
    }
}
