package rawhttpget.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;

/** {@code field-name ":" OWS field-value OWS} (RFC 9112 §5), for header and trailer lines alike. */
final class HeaderFieldParser {

    private HeaderFieldParser() {
    }

    /**
     * Parses a line without its terminator. {@code section} ("header" or "trailer") only words the messages.
     * Stricter than most browsers where leniency has been used for request smuggling: whitespace before the colon
     * and obsolete line folding are rejected rather than guessed at.
     */
    static HeaderField parse(byte[] line, int len, String section) throws HttpProtocolException {
        if (len > 0 && FieldSyntax.isWhitespace(line[0])) {
            throw new HttpProtocolException("obsolete line folding is not supported (" + section + " line "
                    + Printable.quote(line, 0, len) + " starts with whitespace)");
        }
        int colon = indexOf(line, len, (byte) ':');
        if (colon < 0) {
            throw new HttpProtocolException(section + " line without a colon: " + Printable.quote(line, 0, len));
        }
        if (colon == 0 || !allTokenChars(line, colon)) {
            throw new HttpProtocolException("invalid " + section + " name in " + Printable.quote(line, 0, len));
        }
        int start = colon + 1;
        int end = len;
        while (start < end && FieldSyntax.isWhitespace(line[start])) {
            start++;
        }
        while (end > start && FieldSyntax.isWhitespace(line[end - 1])) {
            end--;
        }
        for (int i = start; i < end; i++) {
            if (FieldSyntax.isForbiddenInValue(line[i])) {
                throw new HttpProtocolException("invalid byte " + Printable.hexByte(line[i]) + " in " + section
                        + " " + Printable.quote(line, 0, len));
            }
        }
        return new HeaderField(new String(line, 0, colon, US_ASCII), new String(line, start, end - start, ISO_8859_1));
    }

    private static int indexOf(byte[] line, int len, byte wanted) {
        for (int i = 0; i < len; i++) {
            if (line[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean allTokenChars(byte[] line, int len) {
        for (int i = 0; i < len; i++) {
            if (!FieldSyntax.isTokenChar(line[i])) {
                return false;
            }
        }
        return true;
    }
}
