package rawhttpget.link;

/**
 * A link could not be opened or used. The message is one line meant for the user (what failed and, where
 * we know it, what to do); no native-library exception or stack trace is meant to reach them.
 */
public class LinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What the user has to fix, which decides the exit status. */
    public enum Kind {
        /** No such interface, down, or not Ethernet: a network problem. */
        INTERFACE,
        /** Not allowed to capture: root or CAP_NET_RAW is missing. */
        PERMISSION,
        /** libpcap is missing or cannot be loaded. */
        LIBRARY,
        OTHER
    }

    private final Kind kind;

    public LinkException(String message) {
        this(Kind.OTHER, message);
    }

    public LinkException(Kind kind, String message) {
        super(oneLine(message));
        this.kind = kind;
    }

    public LinkException(String message, Throwable cause) {
        this(Kind.OTHER, message, cause);
    }

    public LinkException(Kind kind, String message, Throwable cause) {
        super(oneLine(message), cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }
}
