package rawhttpget.link;

/**
 * A link could not be opened or used. The message is one line meant for the user (what failed and, where
 * we know it, what to do); no native-library exception or stack trace is meant to reach them.
 */
public class LinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LinkException(String message) {
        super(oneLine(message));
    }

    public LinkException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }
}
