package rawhttpget.http;

/** Character classes from RFC 9110 §5.6 shared by the head, trailer and chunk-extension parsers. */
final class FieldSyntax {
    static final byte CR = '\r';
    static final byte LF = '\n';
    static final byte SP = ' ';
    static final byte HTAB = '\t';

    private FieldSyntax() {
    }

    /** tchar: what a header name, transfer coding or chunk-extension name may be made of. */
    static boolean isTokenChar(int b) {
        if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') {
            return true;
        }
        return b >= 0 && "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
    }

    static boolean isWhitespace(int b) {
        return b == SP || b == HTAB;
    }

    /**
     * RFC 9110 §5.5: CR, LF and NUL in a field value are dangerous (they can split or truncate the message in
     * other software) and must be rejected or replaced. Other control bytes are merely invalid, and we keep them
     * for robustness as the RFC allows.
     */
    static boolean isForbiddenInValue(int b) {
        return b == CR || b == LF || b == 0;
    }

    /** Removes OWS (spaces and tabs only: other Unicode "whitespace" is data here). */
    static String trimWhitespace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }
}
