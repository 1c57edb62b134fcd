package rawhttpget.http;

import java.util.Locale;

/**
 * Whether a response leaves its connection open for another request (RFC 9112 §9.3): not when its Connection
 * field has the "close" option; otherwise yes for HTTP/1.1 (and later 1.x), and for HTTP/1.0 only with the
 * "keep-alive" option. The framing of its body is the caller's other condition: a body that runs until the close
 * ends the connection whatever the fields say.
 */
public final class ConnectionPersistence {
    private ConnectionPersistence() {
    }

    public static boolean persists(ResponseHead head) {
        boolean keepAlive = false;
        for (String value : head.all("Connection")) {
            for (String element : value.split(",", -1)) {
                String option = FieldSyntax.trimWhitespace(element).toLowerCase(Locale.ROOT);
                if (option.equals("close")) {
                    return false;
                }
                keepAlive |= option.equals("keep-alive");
            }
        }
        return !head.version().equals("HTTP/1.0") || keepAlive;
    }
}
