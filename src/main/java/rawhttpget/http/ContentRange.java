package rawhttpget.http;

import java.util.OptionalLong;

/**
 * A Content-Range field of a 206 or 416 response (RFC 9110 §14.4): {@code bytes FIRST-LAST/LENGTH}, where the
 * length may be {@code *} (unknown), or {@code bytes *}{@code /LENGTH} for a range that could not be satisfied.
 * Resuming appends the body at {@link #first()}, so a value we cannot read exactly is refused.
 *
 * @param first  the offset of the body's first byte, -1 for the unsatisfied form
 * @param last   the offset of its last byte, -1 for the unsatisfied form
 * @param length the complete representation's length, -1 when the server does not know it
 */
public record ContentRange(long first, long last, long length) {

    public static ContentRange parse(String value) throws HttpProtocolException {
        String text = FieldSyntax.trimWhitespace(value);
        if (!text.regionMatches(true, 0, "bytes ", 0, 6)) {
            throw invalid(value, "not in bytes");
        }
        text = text.substring(6).trim();
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw invalid(value, "no complete length");
        }
        String range = text.substring(0, slash);
        String total = text.substring(slash + 1);
        long length = total.equals("*") ? -1 : number(total, value);
        if (range.equals("*")) {
            if (length < 0) {
                throw invalid(value, "neither a range nor a length");
            }
            return new ContentRange(-1, -1, length);
        }
        int dash = range.indexOf('-');
        if (dash < 0) {
            throw invalid(value, "no '-' in the range");
        }
        long first = number(range.substring(0, dash), value);
        long last = number(range.substring(dash + 1), value);
        if (last < first || length >= 0 && last >= length) {
            throw invalid(value, "the range is empty or beyond the length");
        }
        return new ContentRange(first, last, length);
    }

    /** Whether this is the {@code bytes *}{@code /LENGTH} form of a 416. */
    public boolean isUnsatisfied() {
        return first < 0;
    }

    /** The complete length, if the server knows it. */
    public OptionalLong completeLength() {
        return length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
    }

    private static long number(String digits, String value) throws HttpProtocolException {
        if (digits.isEmpty() || digits.length() > 18) {
            throw invalid(value, "a number is missing or too long");
        }
        long n = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(value, "'" + Printable.clean(digits) + "' is not a number");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static HttpProtocolException invalid(String value, String why) {
        return new HttpProtocolException("invalid Content-Range '" + Printable.clean(value) + "': " + why);
    }
}
