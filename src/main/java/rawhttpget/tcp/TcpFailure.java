package rawhttpget.tcp;

/** Why a connection ended before a normal close. */
public enum TcpFailure {
    REFUSED("connection refused"),
    RESET("connection reset by peer"),
    TIMED_OUT("connection timed out"),
    UNREACHABLE("destination unreachable"),
    ABORTED("connection aborted");

    private final String message;

    TcpFailure(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
