package rawhttpget.cli;

/** A failure with the one-line message the user sees and the exit status it maps to. */
public final class DownloadException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ExitCode exitCode;

    public DownloadException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public DownloadException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
