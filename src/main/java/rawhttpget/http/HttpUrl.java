package rawhttpget.http;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An http or https URL reduced to what a request needs: scheme, host, port and the request target, already
 * percent-encoded and with dot segments removed. Built from the command line with {@link #parse} and from
 * redirects with {@link #resolve}; immutable.
 */
public final class HttpUrl {

    /** The text is not an http(s) URL we can fetch; the message says why and quotes the input. */
    public static final class InvalidUrlException extends Exception {

        public InvalidUrlException(String message) {
            super(message);
        }
    }

    private final String scheme;
    private final String host;
    private final int port;
    private final boolean ipv4Literal;
    /** Never empty: for http an empty path and "/" are the same resource (RFC 9110 §4.2.3). */
    private final String path;
    /** Null when the URL had no "?"; "" when it had one with nothing after. */
    private final String query;

    private HttpUrl(String scheme, Authority authority, String path, String query) {
        this.scheme = scheme;
        this.host = authority.host();
        this.port = authority.port();
        this.ipv4Literal = authority.isIpv4Literal();
        this.path = path.isEmpty() ? "/" : path;
        this.query = query;
    }

    public static HttpUrl parse(String url) throws InvalidUrlException {
        UriReference reference = UriReference.split(url);
        if (reference.scheme() == null) {
            throw new InvalidUrlException("missing scheme in " + Printable.clean(url) + " (expected http:// or https://)");
        }
        return fromAbsolute(reference, url);
    }

    /**
     * The URL a redirect's Location points to, resolved against this one by RFC 3986 §5.2.2. One deliberate
     * choice from §5.4.2: a reference with our own scheme and no authority ({@code http:g}) is read as relative,
     * as most clients do, since an http URL without a host could not be fetched anyway.
     */
    public HttpUrl resolve(String location) throws InvalidUrlException {
        UriReference reference = UriReference.split(location);
        if (reference.scheme() != null && reference.authority() == null
                && reference.scheme().equalsIgnoreCase(scheme)) {
            reference = reference.withScheme(null);
        }
        if (reference.scheme() != null) {
            return fromAbsolute(reference, location);
        }
        if (reference.authority() != null) {
            return fromAbsolute(reference.withScheme(scheme), location);
        }
        Authority authority = new Authority(host, port, ipv4Literal);
        String relativePath = PercentEncoding.encode(reference.path());
        String relativeQuery = encodeQuery(reference.query());
        if (relativePath.isEmpty()) {
            return new HttpUrl(scheme, authority, path, relativeQuery != null ? relativeQuery : query);
        }
        String merged = relativePath.startsWith("/")
                ? relativePath
                : path.substring(0, path.lastIndexOf('/') + 1) + relativePath;
        return new HttpUrl(scheme, authority, DotSegments.remove(merged), relativeQuery);
    }

    private static HttpUrl fromAbsolute(UriReference reference, String original) throws InvalidUrlException {
        String scheme = reference.scheme().toLowerCase(Locale.ROOT);
        int defaultPort = defaultPort(scheme);
        if (defaultPort < 0) {
            throw new InvalidUrlException("unsupported scheme '" + Printable.clean(reference.scheme()) + "' in "
                    + Printable.clean(original));
        }
        if (reference.authority() == null) {
            throw new InvalidUrlException("missing host in " + Printable.clean(original));
        }
        Authority authority = Authority.parse(reference.authority(), defaultPort, original);
        String path = DotSegments.remove(PercentEncoding.encode(reference.path()));
        return new HttpUrl(scheme, authority, path, encodeQuery(reference.query()));
    }

    private static String encodeQuery(String query) {
        return query == null ? null : PercentEncoding.encode(query);
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
    }

    /** "http" or "https", lower case. */
    public String scheme() {
        return scheme;
    }

    /** A lower-case DNS name or a dotted-quad IPv4 address. */
    public String host() {
        return host;
    }

    /** Whether {@link #host()} is an IPv4 address, which needs no name lookup. */
    public boolean isIpv4Literal() {
        return ipv4Literal;
    }

    /** The explicit port, or 80 for http and 443 for https. */
    public int port() {
        return port;
    }

    /** The percent-encoded path, at least "/". */
    public String path() {
        return path;
    }

    /** The percent-encoded query without its "?", if the URL had one. */
    public Optional<String> query() {
        return Optional.ofNullable(query);
    }

    /** What goes between "GET " and " HTTP/1.1": path and query, never a fragment. */
    public String requestTarget() {
        return query == null ? path : path + "?" + query;
    }

    /** The Host header value: the port is named only when it is not the scheme's default (RFC 9110 §7.2). */
    public String hostHeader() {
        return port == defaultPort(scheme) ? host : host + ":" + port;
    }

    /**
     * The last path segment, still percent-encoded, for naming the output file; "" when the path ends in "/".
     * Decoding is left to the caller, which knows what a file name may contain.
     */
    public String lastPathSegment() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpUrl other
                && scheme.equals(other.scheme)
                && host.equals(other.host)
                && port == other.port
                && path.equals(other.path)
                && Objects.equals(query, other.query);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, host, port, path, query);
    }

    /** The URL in normal form, e.g. {@code http://example.com:8080/a%20b?q}. */
    @Override
    public String toString() {
        return scheme + "://" + hostHeader() + requestTarget();
    }
}
