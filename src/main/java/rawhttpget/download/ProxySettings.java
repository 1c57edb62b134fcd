package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.exchange.Transport;
import rawhttpget.exchange.Transports;
import rawhttpget.http.ConnectRequest;
import rawhttpget.http.HttpRequest;
import rawhttpget.http.HttpUrl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which proxy a URL goes through, read from the environment as wget 1.21.3 reads it (checked against it):
 * only the lower-case {@code http_proxy}, {@code https_proxy} and {@code no_proxy} (wget ignores HTTP_PROXY,
 * HTTPS_PROXY and NO_PROXY); an empty value is no proxy; {@code --no-proxy} turns them all off.
 *
 * <p>{@code no_proxy} is a comma-separated list of domains, blanks after each comma skipped (a blank before one
 * stays part of the entry). An entry matches a host that is the entry itself or ends in "." + entry, ignoring case;
 * an entry with a leading dot also matches a host that merely ends in it. {@code *} has no special meaning, and
 * neither ports nor addresses are compared: {@code localhost:8000} or {@code 127.0.0.1} match only a URL host
 * spelled so.
 *
 * @param httpProxy  the proxy for http URLs as the environment spells it, or null
 * @param httpsProxy the proxy for https URLs, or null
 * @param noProxy    the hosts reached directly
 */
public record ProxySettings(String httpProxy, String httpsProxy, List<String> noProxy) {

    /** No proxy at all: what --no-proxy, or an environment without proxies, asks for. */
    public static final ProxySettings NONE = new ProxySettings(null, null, List.of());

    /**
     * A URL's way out: straight to its server, or through {@code proxy} (an http URL naming the proxy's host and
     * port) with {@code authorization}, the Proxy-Authorization value from the proxy URL's credentials, or null.
     */
    public record Route(HttpUrl proxy, String authorization) {
        static final Route DIRECT = new Route(null, null);

        public boolean isDirect() {
            return proxy == null;
        }

        /** The host our TCP connects to: the proxy's, or the URL's own. */
        HttpUrl firstHop(HttpUrl url) {
            return proxy == null ? url : proxy;
        }

        /**
         * The layer between our TCP and HTTP: for https through a proxy, a CONNECT tunnel first (with the
         * User-Agent the requests carry), TLS with the origin inside it.
         */
        Transport.Factory layer(Transports transports, HttpUrl url, String userAgent) throws DownloadException {
            return proxy == null ? transports.forUrl(url)
                    : transports.throughProxy(url, new ConnectRequest(url, userAgent, authorization));
        }

        /**
         * The request as this route sends it: to a proxy in absolute form with the proxy's credentials for http;
         * unchanged inside an https tunnel, where the proxy sees nothing of it.
         */
        HttpRequest request(HttpRequest request) {
            return proxy == null || request.url().scheme().equals("https") ? request
                    : request.throughProxy(authorization);
        }

        /** How --stats and the report name the transfer: the URL, and the proxy it went through. */
        String label(HttpUrl url) {
            return proxy == null ? url.toString() : url + " via proxy " + proxy.hostHeader();
        }

        @Override
        public String toString() {
            return proxy == null ? "direct" : "proxy " + proxy.hostHeader()
                    + (authorization == null ? "" : " with credentials");
        }
    }

    public static ProxySettings fromEnvironment(Map<String, String> environment, boolean noProxyOption) {
        if (noProxyOption) {
            return NONE;
        }
        return new ProxySettings(environment.get("http_proxy"), environment.get("https_proxy"),
                domains(environment.get("no_proxy")));
    }

    /** wget's sepstring: split at commas, the blanks after each comma skipped. */
    static List<String> domains(String list) {
        List<String> domains = new ArrayList<>();
        if (list == null) {
            return domains;
        }
        int start = 0;
        for (int i = 0; i <= list.length(); i++) {
            if (i == list.length() || list.charAt(i) == ',') {
                domains.add(list.substring(start, i));
                start = i + 1;
                while (start < list.length() && Character.isWhitespace(list.charAt(start))) {
                    start++;
                }
                i = start - 1;
            }
        }
        return domains;
    }

    /** wget's sufmatch: the host is the domain, a subdomain of it, or (for ".domain") ends in it. */
    static boolean matches(String domain, String host) {
        String d = domain.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (d.isEmpty() && !h.isEmpty() || !h.endsWith(d)) {
            return false;
        }
        int before = h.length() - d.length() - 1;
        return before < 0 || h.charAt(before) == '.' || d.startsWith(".");
    }

    /**
     * The route for {@code url}. A proxy URL that cannot be used is wget's error, exit 8, before the request line:
     * "Error in proxy URL P: Must be HTTP." or "Error parsing proxy URL P: REASON.".
     */
    public Route route(HttpUrl url) throws DownloadException {
        String text = url.scheme().equals("https") ? httpsProxy : httpProxy;
        if (text == null || text.isEmpty() || noProxy.stream().anyMatch(d -> matches(d, url.host()))) {
            return Route.DIRECT;
        }
        return parse(text);
    }

    /** The first hop of a URL's text, for choosing the interface: the proxy's URL, or the text itself. */
    public String firstHop(String urlText) {
        try {
            Route route = route(HttpUrl.parse(urlText));
            return route.isDirect() ? urlText : route.proxy().toString();
        } catch (HttpUrl.InvalidUrlException | DownloadException e) {
            return urlText; // the download itself reports it
        }
    }

    static Route parse(String text) throws DownloadException {
        int colon = text.indexOf("://");
        String withScheme = text;
        if (colon < 0) {
            withScheme = "http://" + text; // wget's shorthand: host:port
        } else if (!text.substring(0, colon).equalsIgnoreCase("http")) {
            throw new DownloadException(ExitCode.SERVER_ERROR, "Error in proxy URL " + shown(text)
                    + ": Must be HTTP.");
        }
        HttpUrl proxy;
        try {
            proxy = HttpUrl.parse(withScheme);
        } catch (HttpUrl.InvalidUrlException e) {
            throw new DownloadException(ExitCode.SERVER_ERROR, "Error parsing proxy URL " + shown(text)
                    + ": " + reasonWithoutCredentials(withScheme, e) + ".");
        }
        String authorization = null;
        if (proxy.user().isPresent()) {
            byte[] pair = (proxy.user().get() + ":" + proxy.password().orElse("")).getBytes(StandardCharsets.UTF_8);
            authorization = "Basic " + Base64.getEncoder().encodeToString(pair);
        }
        try {
            // Only the proxy's host and port: its path, if any, is ignored as wget ignores it.
            return new Route(HttpUrl.parse("http://" + proxy.host() + ":" + proxy.port() + "/"), authorization);
        } catch (HttpUrl.InvalidUrlException e) {
            throw new IllegalStateException("a parsed host and port parse again", e);
        }
    }

    /**
     * Why a proxy URL does not parse, without its credentials: the parser's reason quotes the URL, so a URL with
     * user info is parsed again without it, and if that parses, the user info was the trouble.
     */
    private static String reasonWithoutCredentials(String url, HttpUrl.InvalidUrlException e) {
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (at < scheme) {
            return e.getMessage();
        }
        try {
            HttpUrl.parse(url.substring(0, scheme + 3) + url.substring(at + 1));
            return "malformed user name or password";
        } catch (HttpUrl.InvalidUrlException without) {
            return without.getMessage();
        }
    }

    /**
     * The proxy URL as the message quotes it: whole as in wget's, except credentials (left out) and control
     * characters (shown as '?').
     */
    private static String shown(String text) {
        int scheme = text.indexOf("://");
        int at = text.lastIndexOf('@');
        String safe = at > scheme ? text.substring(0, scheme < 0 ? 0 : scheme + 3) + "<credentials>" + text.substring(at)
                : text;
        StringBuilder shown = new StringBuilder(safe.length());
        safe.codePoints().forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return shown.toString();
    }

    @Override
    public String toString() {
        // The proxy URLs may carry credentials: never shown.
        return "ProxySettings[http_proxy=" + (httpProxy == null ? "unset" : "set") + ", https_proxy="
                + (httpsProxy == null ? "unset" : "set") + ", no_proxy=" + noProxy + "]";
    }
}
