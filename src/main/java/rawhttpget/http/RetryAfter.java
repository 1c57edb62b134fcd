package rawhttpget.http;

import java.util.OptionalLong;

/**
 * The Retry-After field (RFC 9110 §10.2.3): either delay-seconds or an HTTP-date. A date is read relative to the
 * response's own Date field, so the server's clock is compared with itself and ours is never needed; a date
 * without a Date field to compare with, or a value that is neither form, says nothing.
 */
public final class RetryAfter {
    private RetryAfter() {
    }

    /** The seconds the head asks us to wait (0 for a date already past), or empty when it asks nothing usable. */
    public static OptionalLong seconds(ResponseHead head) {
        return head.first("Retry-After").map(v -> seconds(v, head.first("Date").orElse(null)))
                .orElse(OptionalLong.empty());
    }

    /** {@code dateField}: the response's Date value, or null. */
    public static OptionalLong seconds(String value, String dateField) {
        String text = value.trim();
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // 1*DIGIT with no upper bound: a value too long for a long waits "very long", capped by the caller.
            return OptionalLong.of(text.length() > 18 ? Long.MAX_VALUE : Long.parseLong(text));
        }
        OptionalLong at = HttpDate.parse(text);
        if (at.isEmpty() || dateField == null) {
            return OptionalLong.empty();
        }
        OptionalLong now = HttpDate.parse(dateField);
        if (now.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, at.getAsLong() - now.getAsLong()));
    }
}
