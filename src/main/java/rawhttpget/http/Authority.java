package rawhttpget.http;

import rawhttpget.inet.Ipv6Address;

import java.util.Locale;

/**
 * The host and port of an http(s) URL. Only what we can connect to is accepted: a DNS name, a dotted-quad IPv4
 * address or a bracketed IPv6 address (RFC 3986 §3.2.2; its host is kept in RFC 5952 form, without brackets).
 * Anything else is refused here with a message, rather than failing later as an unresolvable name.
 */
record Authority(String host, int port, boolean isIpv4Literal, boolean isIpv6Literal) {

    static Authority parse(String authority, int defaultPort, String url) throws HttpUrl.InvalidUrlException {
        if (authority.startsWith("[")) {
            return ipv6Literal(authority, defaultPort, url);
        }
        int colon = authority.lastIndexOf(':');
        String host = (colon < 0 ? authority : authority.substring(0, colon)).toLowerCase(Locale.ROOT);
        // RFC 3986 §3.2.3: an empty port ("http://h:/") means the default one.
        int port = colon < 0 || colon == authority.length() - 1
                ? defaultPort : parsePort(authority.substring(colon + 1), url);
        if (host.isEmpty()) {
            throw new HttpUrl.InvalidUrlException("missing host in " + Printable.clean(url));
        }
        checkHostCharacters(host, url);
        boolean ipv4 = looksNumeric(host);
        if (ipv4 && !isDottedQuad(host)) {
            throw new HttpUrl.InvalidUrlException("invalid IPv4 address '" + host + "' in " + Printable.clean(url));
        }
        return new Authority(host, port, ipv4, false);
    }

    /**
     * {@code [address]} or {@code [address]:port}. A zone ID ({@code %eth0}, or {@code %25eth0} as RFC 6874 writes
     * it) is refused, as wget refuses it: a link-local address's zone is a local interface, not part of a URL.
     */
    private static Authority ipv6Literal(String authority, int defaultPort, String url)
            throws HttpUrl.InvalidUrlException {
        int close = authority.indexOf(']');
        if (close < 0) {
            throw new HttpUrl.InvalidUrlException("unterminated IPv6 address (no ']') in " + Printable.clean(url));
        }
        String literal = authority.substring(1, close);
        if (literal.indexOf('%') >= 0) {
            throw new HttpUrl.InvalidUrlException("IPv6 zone IDs are not supported ('" + Printable.clean(literal)
                    + "') in " + Printable.clean(url));
        }
        Ipv6Address address;
        try {
            address = Ipv6Address.parse(literal);
        } catch (IllegalArgumentException e) {
            throw new HttpUrl.InvalidUrlException("invalid IPv6 address '" + Printable.clean(literal) + "' in "
                    + Printable.clean(url));
        }
        String rest = authority.substring(close + 1);
        int port = defaultPort;
        if (!rest.isEmpty()) {
            if (rest.charAt(0) != ':') {
                throw new HttpUrl.InvalidUrlException("invalid host name after ']' in " + Printable.clean(url));
            }
            port = rest.length() == 1 ? defaultPort : parsePort(rest.substring(1), url);
        }
        return new Authority(address.toString(), port, false, true);
    }

    private static int parsePort(String digits, String url) throws HttpUrl.InvalidUrlException {
        int port = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new HttpUrl.InvalidUrlException("invalid port '" + Printable.clean(digits) + "' in "
                        + Printable.clean(url));
            }
            port = Math.min(port * 10 + (c - '0'), 65536);
        }
        if (port < 1 || port > 65535) {
            throw new HttpUrl.InvalidUrlException("port " + Printable.clean(digits) + " out of range 1..65535 in "
                    + Printable.clean(url));
        }
        return port;
    }

    private static void checkHostCharacters(String host, String url) throws HttpUrl.InvalidUrlException {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c >= 0x80) {
                throw new HttpUrl.InvalidUrlException("non-ASCII host names are not supported (use the xn-- form) in "
                        + Printable.clean(url));
            }
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_')) {
                throw new HttpUrl.InvalidUrlException("invalid character '" + Printable.clean(String.valueOf(c))
                        + "' in host of " + Printable.clean(url));
            }
        }
    }

    /** Digits and dots only: meant as an address, since no top-level domain is all digits. */
    private static boolean looksNumeric(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Exactly four decimal parts of 0..255. Shorthands like "127.1" and leading zeros are refused: the C library
     * reads "010" as octal, so such an address means different hosts to different programs.
     */
    private static boolean isDottedQuad(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || part.length() > 1 && part.charAt(0) == '0'
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
