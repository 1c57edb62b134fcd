package rawhttpget.http;

/**
 * {@code chunk-size [ chunk-ext ]} (RFC 9112 §7.1): the line before each chunk. Parsed straight from the line
 * buffer without creating objects, since one arrives per chunk. Extensions are checked for syntax, so that
 * garbage is not mistaken for a size, and then ignored: we understand none of them.
 */
final class ChunkSizeLine {
    static final int MAX_HEX_DIGITS = 16;

    private ChunkSizeLine() {
    }

    /** Parses a line without its terminator and returns the chunk size; 0 marks the last chunk. */
    static long parse(byte[] line, int len) throws HttpProtocolException {
        int i = 0;
        long size = 0;
        for (int digit; i < len && (digit = hexValue(line[i])) >= 0; i++) {
            if (i == MAX_HEX_DIGITS) {
                throw new HttpProtocolException("chunk size has more than " + MAX_HEX_DIGITS + " hex digits in "
                        + Printable.quote(line, 0, len));
            }
            if (size > Long.MAX_VALUE >>> 4) {
                throw new HttpProtocolException("chunk size in " + Printable.quote(line, 0, len)
                        + " exceeds " + Long.MAX_VALUE + " bytes");
            }
            size = size << 4 | digit;
        }
        if (i == 0) {
            throw new HttpProtocolException("invalid chunk size line " + Printable.quote(line, 0, len));
        }
        i = skipWhitespace(line, i, len);
        if (i < len && (line[i] != ';' || !extensionsAreWellFormed(line, i, len))) {
            throw new HttpProtocolException("malformed chunk extension in chunk size line "
                    + Printable.quote(line, 0, len));
        }
        return size;
    }

    /** {@code *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] )}, starting at a ';'. */
    private static boolean extensionsAreWellFormed(byte[] line, int i, int len) {
        while (i < len) {
            if (line[i] != ';') {
                return false;
            }
            i = skipWhitespace(line, i + 1, len);
            int nameEnd = skipToken(line, i, len);
            if (nameEnd == i) {
                return false;
            }
            i = skipWhitespace(line, nameEnd, len);
            if (i < len && line[i] == '=') {
                i = skipWhitespace(line, i + 1, len);
                int valueEnd = i < len && line[i] == '"' ? skipQuotedString(line, i, len) : skipToken(line, i, len);
                if (valueEnd <= i) {
                    return false;
                }
                i = skipWhitespace(line, valueEnd, len);
            }
        }
        return true;
    }

    /** Returns the index after the closing quote, or -1 when the string is unterminated or has a bad byte. */
    private static int skipQuotedString(byte[] line, int i, int len) {
        for (i++; i < len; i++) {
            int b = line[i] & 0xFF;
            if (b == '"') {
                return i + 1;
            }
            if (b == '\\') {
                i++;
                if (i == len || !isQuotedPairChar(line[i] & 0xFF)) {
                    return -1;
                }
            } else if (!isQuotedTextChar(b)) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isQuotedTextChar(int b) {
        return b == FieldSyntax.HTAB || b == FieldSyntax.SP || b == 0x21 || b >= 0x23 && b <= 0x5B
                || b >= 0x5D && b <= 0x7E || b >= 0x80;
    }

    private static boolean isQuotedPairChar(int b) {
        return b == FieldSyntax.HTAB || b >= 0x20 && b != 0x7F;
    }

    private static int skipToken(byte[] line, int i, int len) {
        while (i < len && FieldSyntax.isTokenChar(line[i])) {
            i++;
        }
        return i;
    }

    private static int skipWhitespace(byte[] line, int i, int len) {
        while (i < len && FieldSyntax.isWhitespace(line[i])) {
            i++;
        }
        return i;
    }

    /** The value of a hex digit, or -1 when {@code b} is not one. */
    private static int hexValue(byte b) {
        // Of the chars 0 to 255 (Latin-1) only 0-9, a-f and A-F are hex digits to Character.digit.
        return Character.digit((char) (b & 0xFF), 16);
    }
}
