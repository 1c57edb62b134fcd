package rawhttpget.http;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An http or https URL reduced to what a request needs: scheme, host, port and the request target, already
 * percent-encoded and with dot segments removed. Built from the command line with {@link #parse} and from
 * redirects with {@link #resolve}; immutable. Credentials in the URL ({@code http://user:pass@host/}) are kept
 * percent-decoded apart from the rest: {@link #toString()}, equality and the request never show them.
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
    private final boolean ipv6Literal;
    /** Never empty: for http an empty path and "/" are the same resource (RFC 9110 §4.2.3). */
    private final String path;
    /** Null when the URL had no "?"; "" when it had one with nothing after. */
    private final String query;
    /** Percent-decoded; null when the URL names none. */
    private final String user;
    private final String password;

    private HttpUrl(String scheme, Authority authority, String path, String query) {
        this(scheme, authority, path, query, null, null);
    }

    private HttpUrl(String scheme, Authority authority, String path, String query, String user, String password) {
        this.user = user;
        this.password = password;
        this.scheme = scheme;
        this.host = authority.host();
        this.port = authority.port();
        this.ipv4Literal = authority.isIpv4Literal();
        this.ipv6Literal = authority.isIpv6Literal();
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
        // Same server: the credentials of this URL still apply, as in wget.
        Authority authority = new Authority(host, port, ipv4Literal, ipv6Literal);
        String relativePath = PercentEncoding.encode(reference.path());
        String relativeQuery = encodeQuery(reference.query());
        if (relativePath.isEmpty()) {
            return new HttpUrl(scheme, authority, path, relativeQuery != null ? relativeQuery : query, user, password);
        }
        String merged = relativePath.startsWith("/")
                ? relativePath
                : path.substring(0, path.lastIndexOf('/') + 1) + relativePath;
        return new HttpUrl(scheme, authority, DotSegments.remove(merged), relativeQuery, user, password);
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
        // RFC 3986 §3.2.1: userinfo ends at the last '@' (an '@' in a password should be %40, but wget and curl
        // read it this way too).
        String hostPort = reference.authority();
        String user = null;
        String password = null;
        String shown = original;
        int at = hostPort.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = hostPort.substring(0, at);
            hostPort = hostPort.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = PercentEncoding.decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : PercentEncoding.decode(userInfo.substring(colon + 1));
            // An error message quotes the URL: with the password hidden as wget hides it.
            if (colon >= 0) {
                shown = original.replace(userInfo + "@", userInfo.substring(0, colon) + ":*password*@");
            }
        }
        Authority authority = Authority.parse(hostPort, defaultPort, shown);
        String path = DotSegments.remove(PercentEncoding.encode(reference.path()));
        return new HttpUrl(scheme, authority, path, encodeQuery(reference.query()), user, password);
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

    /** The user named in the URL, percent-decoded. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The password named in the URL (after "user:"), percent-decoded. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** Whether {@link #host()} is an IPv6 address (written in brackets in the URL), which needs no name lookup. */
    public boolean isIpv6Literal() {
        return ipv6Literal;
    }

    /** Whether {@link #host()} is an address of either family. */
    public boolean isIpLiteral() {
        return ipv4Literal || ipv6Literal;
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
        String name = ipv6Literal ? "[" + host + "]" : host;
        return port == defaultPort(scheme) ? name : name + ":" + port;
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

    /** The URL in normal form without credentials, e.g. {@code http://example.com:8080/a%20b?q}. */
    @Override
    public String toString() {
        return scheme + "://" + hostHeader() + requestTarget();
    }
}
