package rawhttpget.http;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A GET request as bytes for the wire. The fixed headers come first and in a fixed order so a capture is easy to
 * compare; {@code Connection: close} because we fetch one resource per connection and the close is what ends an
 * until-close body. Immutable: {@link #withHeader} returns a new request.
 */
public final class HttpRequest {
    private static final List<String> FIXED_HEADERS = List.of("Host", "User-Agent", "Accept", "Connection");

    private final HttpUrl url;
    private final String userAgent;
    private final List<HeaderField> extraHeaders;

    private HttpRequest(HttpUrl url, String userAgent, List<HeaderField> extraHeaders) {
        this.url = url;
        this.userAgent = userAgent;
        this.extraHeaders = List.copyOf(extraHeaders);
    }

    /**
     * A GET for {@code url}, announcing itself as {@code rawhttpget/<version>}.
     *
     * @throws IllegalArgumentException if the version is not a token (it becomes part of a header)
     */
    public static HttpRequest get(HttpUrl url, String version) {
        Objects.requireNonNull(url, "url");
        if (version.isEmpty() || !allTokenChars(version)) {
            throw new IllegalArgumentException("version must be a non-empty token: " + Printable.clean(version));
        }
        return new HttpRequest(url, "rawhttpget/" + version, List.of());
    }

    /**
     * The same request with one more header after the others, e.g. {@code Range: bytes=N-}.
     *
     * @throws IllegalArgumentException if the name is not a token, is one this class sets itself, or the value is
     *     not printable ASCII (CR or LF in it would let the value inject headers)
     */
    public HttpRequest withHeader(String name, String value) {
        if (name.isEmpty() || !allTokenChars(name)) {
            throw new IllegalArgumentException("invalid header name: " + Printable.clean(name));
        }
        for (String fixed : FIXED_HEADERS) {
            if (fixed.equalsIgnoreCase(name)) {
                throw new IllegalArgumentException("header " + fixed + " is set by HttpRequest itself");
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("CR or LF in the value of header " + name);
            }
            if (!(c == '\t' || c >= 0x20 && c < 0x7F)) {
                throw new IllegalArgumentException("non-ASCII or control character in the value of header " + name);
            }
        }
        List<HeaderField> headers = new ArrayList<>(extraHeaders);
        headers.add(new HeaderField(name, FieldSyntax.trimWhitespace(value)));
        return new HttpRequest(url, userAgent, headers);
    }

    public HttpUrl url() {
        return url;
    }

    /** The whole request: request line, headers, empty line, CRLF line ends. */
    public byte[] toBytes() {
        StringBuilder text = new StringBuilder(128)
                .append("GET ").append(url.requestTarget()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(url.hostHeader()).append("\r\n")
                .append("User-Agent: ").append(userAgent).append("\r\n")
                .append("Accept: */*\r\n")
                .append("Connection: close\r\n");
        for (HeaderField header : extraHeaders) {
            text.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        return text.append("\r\n").toString().getBytes(US_ASCII);
    }

    /** The request line, for logs. */
    @Override
    public String toString() {
        return "GET " + url.requestTarget() + " HTTP/1.1";
    }

    private static boolean allTokenChars(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80 || !FieldSyntax.isTokenChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
