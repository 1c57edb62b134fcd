package rawhttpget.tls;

import java.util.regex.Pattern;

/**
 * Turns the JDK's exception messages into one readable line: JSSE and PKIX nest exceptions and repeat class
 * names inside messages ("PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException:
 * unable to find ..."); the person running a download wants the words, not the classes.
 */
final class FailureText {
    static final int MAX_LENGTH = 240;
    private static final Pattern CLASS_NAME_PREFIX =
            Pattern.compile("\\b(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private FailureText() {
    }

    /**
     * The outermost message without class names, followed by the innermost cause's message when that adds
     * something (PKIX's "validity check failed" says nothing about which date).
     */
    static String oneLine(Throwable t) {
        String text = clean(t.getMessage());
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootText = clean(root.getMessage());
        if (text.isEmpty()) {
            text = rootText.isEmpty() ? t.getClass().getSimpleName() : rootText;
        } else if (!rootText.isEmpty() && !text.contains(rootText)) {
            text = text + ": " + rootText;
        }
        return shorten(text);
    }

    static String clean(String message) {
        if (message == null) {
            return "";
        }
        String s = CLASS_NAME_PREFIX.matcher(message).replaceAll("");
        return WHITESPACE.matcher(s).replaceAll(" ").strip();
    }

    static String shorten(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
    }
}
