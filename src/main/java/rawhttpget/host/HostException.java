package rawhttpget.host;

/**
 * Something about the host stops us: no such interface, no route, a firewall command failed. The message
 * is one line for the user, saying what failed and, where we know it, what to do about it.
 */
public class HostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HostException(String message) {
        super(oneLine(message));
    }

    public HostException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }
}
