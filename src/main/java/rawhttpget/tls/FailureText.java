package rawhttpget.tls;

import java.util.Locale;
import java.util.regex.Matcher;
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
    /** BoringSSL's (Conscrypt's) error line: "... error:10000412:SSL routines:OPENSSL_internal:REASON (file:line ...)". */
    private static final Pattern BORINGSSL_REASON = Pattern.compile("OPENSSL_internal:([A-Z0-9_]+)");
    private static final Pattern BORINGSSL_ALERT = Pattern.compile("(?:SSLV3|TLSV1)_ALERT_([A-Z0-9_]+)");

    private FailureText() {
    }

    /**
     * The outermost message without class names, followed by the innermost cause's message when that adds
     * something (PKIX's "validity check failed" says nothing about which date).
     */
    static String oneLine(Throwable t) {
        String boringSsl = boringSslReason(t);
        if (boringSsl != null) {
            return shorten(boringSsl);
        }
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

    /**
     * BoringSSL's reason code in the JDK's words: a received alert as the JDK says it ("Received fatal alert:
     * bad_certificate"), anything else as the code in lower case; null when no message in the chain has one.
     * The pointers and source lines around the code mean nothing to the person running a download.
     */
    private static String boringSslReason(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String message = c.getMessage();
            Matcher reason = message == null ? null : BORINGSSL_REASON.matcher(message);
            if (reason != null && reason.find()) {
                Matcher alert = BORINGSSL_ALERT.matcher(reason.group(1));
                return alert.matches() ? "Received fatal alert: " + alert.group(1).toLowerCase(Locale.ROOT)
                        : reason.group(1).toLowerCase(Locale.ROOT).replace('_', ' ');
            }
        }
        return null;
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
