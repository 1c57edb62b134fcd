package rawhttpget.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;

/** {@code HTTP/1.x SP 3DIGIT [SP reason]}, the first line of every response (RFC 9112 §4). */
record StatusLine(String version, int code, String reason) {
    private static final byte[] VERSION_PREFIX = "HTTP/1.".getBytes(US_ASCII);
    private static final int VERSION_LENGTH = VERSION_PREFIX.length + 1;
    private static final int CODE_END = VERSION_LENGTH + 4;

    /** Parses a line without its terminator. */
    static StatusLine parse(byte[] line, int len) throws HttpProtocolException {
        if (!isWellFormed(line, len)) {
            throw new HttpProtocolException("malformed status line " + Printable.quote(line, 0, len)
                    + " (expected HTTP/1.x, a 3-digit status code and a reason)");
        }
        int code = (line[VERSION_LENGTH + 1] - '0') * 100 + (line[VERSION_LENGTH + 2] - '0') * 10
                + (line[VERSION_LENGTH + 3] - '0');
        if (code < 100 || code > 599) {
            throw new HttpProtocolException("status code " + code + " out of range 100..599 in status line "
                    + Printable.quote(line, 0, len));
        }
        for (int i = CODE_END; i < len; i++) {
            if (FieldSyntax.isForbiddenInValue(line[i])) {
                throw new HttpProtocolException("invalid byte " + Printable.hexByte(line[i])
                        + " in status line " + Printable.quote(line, 0, len));
            }
        }
        String version = new String(line, 0, VERSION_LENGTH, US_ASCII);
        String reason = len > CODE_END ? new String(line, CODE_END + 1, len - CODE_END - 1, ISO_8859_1) : "";
        return new StatusLine(version, code, reason);
    }

    private static boolean isWellFormed(byte[] line, int len) {
        if (len < CODE_END) {
            return false;
        }
        for (int i = 0; i < VERSION_PREFIX.length; i++) {
            if (line[i] != VERSION_PREFIX[i]) {
                return false;
            }
        }
        return isDigit(line[VERSION_PREFIX.length])
                && line[VERSION_LENGTH] == FieldSyntax.SP
                && isDigit(line[VERSION_LENGTH + 1])
                && isDigit(line[VERSION_LENGTH + 2])
                && isDigit(line[VERSION_LENGTH + 3])
                && (len == CODE_END || line[CODE_END] == FieldSyntax.SP);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
