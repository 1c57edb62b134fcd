package rawhttpget.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The status line and header fields of a final response, with the framing the parser derived from them.
 *
 * <p>{@link #contentLength()} and {@link #isChunked()} report what the server declared; {@link #bodyFraming()} is
 * what this message actually carries. They differ for HEAD and 304 responses, whose Content-Length describes the
 * representation a GET would return while the message itself has no body.
 */
public final class ResponseHead {
    private final String version;
    private final int statusCode;
    private final String reason;
    private final List<HeaderField> headers;
    private final OptionalLong contentLength;
    private final boolean chunked;
    private final BodyFraming bodyFraming;

    ResponseHead(String version, int statusCode, String reason, List<HeaderField> headers,
            OptionalLong contentLength, boolean chunked, BodyFraming bodyFraming) {
        this.version = Objects.requireNonNull(version);
        this.statusCode = statusCode;
        this.reason = Objects.requireNonNull(reason);
        this.headers = List.copyOf(headers);
        this.contentLength = Objects.requireNonNull(contentLength);
        this.chunked = chunked;
        this.bodyFraming = Objects.requireNonNull(bodyFraming);
    }

    /** {@code HTTP/1.0} or {@code HTTP/1.1} (or a later 1.x, as received). */
    public String version() {
        return version;
    }

    public int statusCode() {
        return statusCode;
    }

    /** The reason phrase, possibly empty; informational only. */
    public String reason() {
        return reason;
    }

    /** Every header field in the order received, repeats included. */
    public List<HeaderField> headers() {
        return headers;
    }

    /** The value of the first field with this name, compared ignoring case. */
    public Optional<String> first(String name) {
        for (HeaderField field : headers) {
            if (field.hasName(name)) {
                return Optional.of(field.value());
            }
        }
        return Optional.empty();
    }

    /** The values of every field with this name, in order. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (HeaderField field : headers) {
            if (field.hasName(name)) {
                values.add(field.value());
            }
        }
        return values;
    }

    /**
     * The validated Content-Length the server declared; empty when absent or when chunked coding overrides it
     * (RFC 9112 §6.3 item 3).
     */
    public OptionalLong contentLength() {
        return contentLength;
    }

    /** Whether the server declared chunked transfer coding. */
    public boolean isChunked() {
        return chunked;
    }

    /** How this message's body is delimited. */
    public BodyFraming bodyFraming() {
        return bodyFraming;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResponseHead other
                && version.equals(other.version)
                && statusCode == other.statusCode
                && reason.equals(other.reason)
                && headers.equals(other.headers)
                && contentLength.equals(other.contentLength)
                && chunked == other.chunked
                && bodyFraming == other.bodyFraming;
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, statusCode, reason, headers, contentLength, chunked, bodyFraming);
    }

    @Override
    public String toString() {
        return version + " " + statusCode + " " + reason + " " + headers + " " + bodyFraming;
    }
}
