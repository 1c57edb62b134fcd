package rawhttpget.runtime;

import rawhttpget.host.TerminalSize;

/** The host's answer to how wide standard error's terminal is, for the layers that may not touch the host. */
public final class TerminalColumns {
    private TerminalColumns() {
    }

    /** Columns, or -1 when standard error is no terminal. */
    public static int ofStderr() {
        return TerminalSize.stderrColumns();
    }
}
