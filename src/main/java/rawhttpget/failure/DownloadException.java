package rawhttpget.failure;

/**
 * A failure with the one-line message the user sees and the exit status it maps to. {@link #isRetryable()}
 * marks the failures another try may cure (a timeout, a reset, a body cut short), as wget's --tries does; a
 * refused connection, an unknown host or an error status would only fail the same way again.
 */
public final class DownloadException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ExitCode exitCode;
    private final boolean retryable;
    private boolean connectionRefused;
    private boolean reported;

    public DownloadException(ExitCode exitCode, String message) {
        this(exitCode, message, null, false);
    }

    public DownloadException(ExitCode exitCode, String message, Throwable cause) {
        this(exitCode, message, cause, false);
    }

    private DownloadException(ExitCode exitCode, String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.exitCode = exitCode;
        this.retryable = retryable;
    }

    /** SIGINT or SIGTERM ended the run ({@code signal} is its exit status): "interrupted" or "terminated". */
    public static DownloadException signalled(ExitCode signal) {
        return new DownloadException(signal, signal == ExitCode.INTERRUPTED_SIGINT ? "interrupted" : "terminated");
    }

    /** A failure that another try may cure. */
    public static DownloadException retryable(ExitCode exitCode, String message) {
        return new DownloadException(exitCode, message, null, true);
    }

    /** The server refused the connection: not tried again, unless the user asks (--retry-connrefused). */
    public static DownloadException refused(ExitCode exitCode, String message) {
        DownloadException e = new DownloadException(exitCode, message, null, false);
        e.connectionRefused = true;
        return e;
    }

    /**
     * A failure already told to the user in wget's own words (--spider's broken link): exits with its status,
     * and nothing more is printed for it.
     */
    public static DownloadException reported(ExitCode exitCode, String message) {
        DownloadException e = new DownloadException(exitCode, message, null, false);
        e.reported = true;
        return e;
    }

    public boolean isReported() {
        return reported;
    }

    public boolean isConnectionRefused() {
        return connectionRefused;
    }

    /** The same failure with more words after its message (e.g. where the partial file was kept). */
    public DownloadException withDetail(String detail) {
        DownloadException e = new DownloadException(exitCode, getMessage() + detail, getCause(), retryable);
        e.connectionRefused = connectionRefused;
        e.reported = reported;
        e.setStackTrace(getStackTrace());
        return e;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
