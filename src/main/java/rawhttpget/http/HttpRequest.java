package rawhttpget.http;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A request as bytes for the wire: request line, header fields in the order given, and an optional body.
 * {@link #get} makes the plain GET; {@link RequestBuilder} lays out everything else in wget's order.
 * Immutable: {@link #withHeader} returns a new request.
 */
public final class HttpRequest {
    private static final List<String> FIXED_HEADERS =
            List.of("Host", "User-Agent", "Accept", "Accept-Encoding", "Connection");
    /** Headers whose values are secrets: logs show only their scheme. */
    private static final List<String> CREDENTIAL_HEADERS = List.of("Authorization", "Proxy-Authorization");

    private final String method;
    private final HttpUrl url;
    private final List<HeaderField> headers;
    private final byte[] body;
    /** The target in absolute form, as a request to a proxy has it (RFC 9112 §3.2.2). */
    private final boolean absoluteTarget;

    HttpRequest(String method, HttpUrl url, List<HeaderField> headers, byte[] body) {
        this(method, url, headers, body, false);
    }

    private HttpRequest(String method, HttpUrl url, List<HeaderField> headers, byte[] body, boolean absoluteTarget) {
        this.method = method;
        this.url = url;
        this.headers = List.copyOf(headers);
        this.body = body;
        this.absoluteTarget = absoluteTarget;
    }

    /**
     * A GET for {@code url}, announcing itself as {@code rawhttpget/<version>}.
     *
     * @throws IllegalArgumentException if the version is not a token (it becomes part of a header)
     */
    public static HttpRequest get(HttpUrl url, String version) {
        Objects.requireNonNull(url, "url");
        if (version.isEmpty() || !isToken(version)) {
            throw new IllegalArgumentException("version must be a non-empty token: " + Printable.clean(version));
        }
        return new RequestBuilder(url).userAgent("rawhttpget/" + version).build();
    }

    /**
     * Whether this request lets the connection stay open after its response: no Connection field of it (ours or
     * one from --header) has the "close" option.
     */
    public boolean keepsConnection() {
        for (HeaderField field : headers) {
            if (field.hasName("Connection")) {
                for (String option : field.value().split(",", -1)) {
                    if (FieldSyntax.trimWhitespace(option).equalsIgnoreCase("close")) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * The same request with one more header after the others, e.g. {@code Range: bytes=N-}.
     *
     * @throws IllegalArgumentException if the name is not a token, is one this class sets itself, or the value is
     *     not printable ASCII (CR or LF in it would let the value inject headers)
     */
    public HttpRequest withHeader(String name, String value) {
        checkField(name, value);
        for (String fixed : FIXED_HEADERS) {
            if (fixed.equalsIgnoreCase(name)) {
                throw new IllegalArgumentException("header " + fixed + " is set by HttpRequest itself");
            }
        }
        List<HeaderField> more = new ArrayList<>(headers);
        more.add(new HeaderField(name, FieldSyntax.trimWhitespace(value)));
        return new HttpRequest(method, url, more, body, absoluteTarget);
    }

    /**
     * The same request sent to a proxy: the target in absolute form ({@code GET http://host/path HTTP/1.1}), Host
     * still the origin's, and the proxy's credentials (a {@code Proxy-Authorization} value, or null for none) after
     * the other headers.
     *
     * @throws IllegalArgumentException if the credentials are not printable ASCII
     */
    public HttpRequest throughProxy(String proxyAuthorization) {
        List<HeaderField> more = new ArrayList<>(headers);
        if (keepsConnection()) {
            // wget asks the proxy to keep its connection too, right after the server's Connection field.
            int connection = more.size();
            for (int i = 0; i < more.size(); i++) {
                if (more.get(i).hasName("Connection")) {
                    connection = i + 1;
                }
            }
            more.add(connection, new HeaderField("Proxy-Connection", "Keep-Alive"));
        }
        if (proxyAuthorization != null) {
            checkField("Proxy-Authorization", proxyAuthorization);
            more.add(new HeaderField("Proxy-Authorization", proxyAuthorization));
        }
        return new HttpRequest(method, url, more, body, true);
    }

    public HttpUrl url() {
        return url;
    }

    /** The method, e.g. "GET" or "POST". */
    public String method() {
        return method;
    }

    /** The header fields in the order they are sent. */
    public List<HeaderField> headers() {
        return headers;
    }

    /** The whole request: request line, headers, empty line (CRLF line ends), then the body if any. */
    public byte[] toBytes() {
        byte[] head = headText(false).getBytes(US_ASCII);
        if (body == null) {
            return head;
        }
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /**
     * The head for logs: as sent, except that credentials keep only their scheme
     * ({@code Authorization: Basic <redacted>}), so a log or a bug report never carries a password.
     */
    public String headForLog() {
        return headText(true);
    }

    private String headText(boolean redacted) {
        StringBuilder text = new StringBuilder(160)
                .append(method).append(' ').append(target()).append(" HTTP/1.1\r\n");
        for (HeaderField header : headers) {
            String value = redacted && isCredential(header.name()) ? redact(header.value()) : header.value();
            text.append(header.name()).append(": ").append(value).append("\r\n");
        }
        return text.append("\r\n").toString();
    }

    private static boolean isCredential(String name) {
        return CREDENTIAL_HEADERS.stream().anyMatch(name::equalsIgnoreCase);
    }

    static String redact(String value) {
        int space = value.indexOf(' ');
        return space < 0 ? "<redacted>" : value.substring(0, space) + " <redacted>";
    }

    private String target() {
        return absoluteTarget ? url.toString() : url.requestTarget();
    }

    /** The request line, for logs. */
    @Override
    public String toString() {
        return method + " " + target() + " HTTP/1.1";
    }

    /**
     * @throws IllegalArgumentException if the name is not a token or the value not printable ASCII
     */
    static void checkField(String name, String value) {
        if (name.isEmpty() || !isToken(name)) {
            throw new IllegalArgumentException("invalid header name: " + Printable.clean(name));
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
    }

    static boolean isToken(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80 || !FieldSyntax.isTokenChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static String upperMethod(String method) {
        if (method.isEmpty() || !isToken(method)) {
            throw new IllegalArgumentException("invalid method: " + Printable.clean(method));
        }
        return method.toUpperCase(Locale.ROOT);
    }
}
