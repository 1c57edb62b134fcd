package rawhttpget.http;

/**
 * Makes untrusted text safe to put in a one-line error message: a server or a user can put line breaks, escape
 * sequences or megabytes into what we echo back, so control bytes are escaped and long text is cut short.
 */
final class Printable {
    private static final int MAX_CHARS = 100;

    private Printable() {
    }

    /** Bytes off the wire, quoted, with anything outside printable ASCII shown as {@code \xHH}. */
    static String quote(byte[] bytes, int off, int len) {
        StringBuilder out = new StringBuilder(Math.min(len, MAX_CHARS) + 8).append('"');
        int shown = Math.min(len, MAX_CHARS);
        for (int i = off; i < off + shown; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '"' || b == '\\') {
                out.append('\\').append((char) b);
            } else if (b >= 0x20 && b < 0x7F) {
                out.append((char) b);
            } else {
                appendHexEscape(out, b);
            }
        }
        out.append('"');
        if (len > shown) {
            out.append("...");
        }
        return out.toString();
    }

    /** Text a person typed or a header carried, unquoted; only control characters are escaped. */
    static String clean(String text) {
        int shown = Math.min(text.length(), MAX_CHARS);
        StringBuilder out = new StringBuilder(shown + 3);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                appendHexEscape(out, c);
            } else {
                out.append(c);
            }
        }
        if (text.length() > shown) {
            out.append("...");
        }
        return out.toString();
    }

    /** One byte as it would appear in a hex dump, for "expected X, got 0x0a" messages. */
    static String hexByte(int b) {
        return String.format("0x%02x", b & 0xFF);
    }

    private static void appendHexEscape(StringBuilder out, int c) {
        out.append(c <= 0xFF ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
    }
}
