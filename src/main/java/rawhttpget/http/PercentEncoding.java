package rawhttpget.http;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Makes a path or query safe to put on the request line: every character RFC 3986 does not allow there (space,
 * non-ASCII, controls, {@code "<>\^`{|}[]}) is sent as percent-encoded UTF-8. Existing {@code %XX} escapes are
 * kept, so encoding twice changes nothing; a {@code %} that starts no escape is encoded itself.
 */
final class PercentEncoding {
    /** unreserved, sub-delims and ":@/?": what a path segment or query may contain besides escapes. */
    private static final String ALLOWED_PUNCTUATION = "-._~!$&'()*+,;=:@/?";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    static String encode(String text) {
        if (isAlreadyClean(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int next = i + Character.charCount(codePoint);
            if (codePoint == '%' && isEscape(text, i) || isAllowed(codePoint)) {
                out.append((char) codePoint);
            } else {
                for (byte b : text.substring(i, next).getBytes(UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            }
            i = next;
        }
        return out.toString();
    }

    /**
     * {@code %XX} escapes as the UTF-8 bytes they stand for (bytes that are not UTF-8 become U+FFFD); a {@code %}
     * that starts no escape stays as it is.
     */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        byte[] utf8 = text.getBytes(UTF_8);
        byte[] bytes = new byte[utf8.length];
        int length = 0;
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == '%' && i + 2 < utf8.length && isHex((char) utf8[i + 1]) && isHex((char) utf8[i + 2])) {
                bytes[length++] = (byte) Integer.parseInt(new String(utf8, i + 1, 2, UTF_8), 16);
                i += 2;
            } else {
                bytes[length++] = utf8[i];
            }
        }
        return new String(bytes, 0, length, UTF_8);
    }

    private static boolean isAlreadyClean(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(isAllowed(c) || c == '%' && isEscape(text, i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllowed(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c < 0x80 && ALLOWED_PUNCTUATION.indexOf(c) >= 0;
    }

    private static boolean isEscape(String text, int percent) {
        return percent + 2 < text.length() && isHex(text.charAt(percent + 1)) && isHex(text.charAt(percent + 2));
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
