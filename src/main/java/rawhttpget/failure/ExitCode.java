package rawhttpget.failure;

/** wget's exit statuses, so scripts written for wget read ours the same way. */
public enum ExitCode {
    SUCCESS(0, "no problems occurred"),
    GENERIC(1, "generic error (including missing privileges or libpcap)"),
    USAGE(2, "command-line parse error"),
    FILE_IO(3, "file I/O error"),
    NETWORK(4, "network failure (unusable interface, address taken, no route, no ARP reply, refused, reset, timed out)"),
    TLS(5, "TLS verification failure"),
    AUTH(6, "username/password authentication failure"),
    PROTOCOL(7, "protocol error (malformed or truncated response, checksum mismatch)"),
    SERVER_ERROR(8, "server issued an error response (4xx, 5xx)"),
    INTERRUPTED_SIGINT(130, "interrupted by SIGINT (Ctrl-C)"),
    INTERRUPTED_SIGTERM(143, "terminated by SIGTERM");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
