package rawhttpget.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays out a request as wget 1.21 does, so a server (or a capture) sees the same head from both: Host, Referer,
 * Cache-Control and Pragma for --no-cache, Range, User-Agent, Accept, Accept-Encoding, an Authorization sent without a challenge, Connection,
 * Content-Type and Content-Length for a body; then the user's headers, each replacing a header of the same name
 * where it stands (wget's --header rule, also among the user's own); last an Authorization answering a challenge.
 * {@code Connection: Keep-Alive} asks the server to keep the connection for the run's next request, as wget
 * does; {@link #keepAlive keepAlive(false)} sends wget's {@code Connection: Close} instead (--no-http-keep-alive).
 */
public final class RequestBuilder {
    /** wget's Content-Type for any body whose type the user did not give. */
    public static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

    private final HttpUrl url;
    private String method = "GET";
    private String referer;
    private long rangeFrom;
    private boolean noCache;
    private String userAgent;
    private String eagerAuthorization;
    private byte[] body;
    private final List<HeaderField> userHeaders = new ArrayList<>();
    private String challengedAuthorization;
    private boolean keepAlive = true;

    public RequestBuilder(HttpUrl url) {
        this.url = url;
    }

    /** The method, upper-cased as wget does ("post" is sent as POST); it must be a token. */
    public RequestBuilder method(String method) {
        this.method = HttpRequest.upperMethod(method);
        return this;
    }

    public RequestBuilder referer(String referer) {
        HttpRequest.checkField("Referer", referer);
        this.referer = referer;
        return this;
    }

    /** Asks for the body from byte {@code from} on; 0 asks for all of it. */
    public RequestBuilder rangeFrom(long from) {
        this.rangeFrom = from;
        return this;
    }

    /**
     * wget's --no-cache: "Cache-Control: no-cache" and "Pragma: no-cache" after the Referer, as wget 1.21.3 sends
     * them (captured: Host, Referer, Cache-Control, Pragma, Range, User-Agent, ...).
     */
    public RequestBuilder noCache(boolean noCache) {
        this.noCache = noCache;
        return this;
    }

    /** The User-Agent; null or empty sends none, as wget's {@code -U ""}. */
    public RequestBuilder userAgent(String userAgent) {
        if (userAgent != null) {
            HttpRequest.checkField("User-Agent", userAgent);
        }
        this.userAgent = userAgent;
        return this;
    }

    /** Credentials sent before any challenge (wget's --auth-no-challenge), where wget puts them. */
    public RequestBuilder eagerAuthorization(String value) {
        HttpRequest.checkField("Authorization", value);
        this.eagerAuthorization = value;
        return this;
    }

    /** The answer to a 401's challenge, after every other header as wget sends it. */
    public RequestBuilder challengedAuthorization(String value) {
        HttpRequest.checkField("Authorization", value);
        this.challengedAuthorization = value;
        return this;
    }

    /** Whether the connection should stay open after the response (wget's Keep-Alive) or close (Close). */
    public RequestBuilder keepAlive(boolean keepAlive) {
        this.keepAlive = keepAlive;
        return this;
    }

    /** A body, announced with Content-Length and (unless a user header names another) wget's form type. */
    public RequestBuilder body(byte[] body) {
        this.body = body.clone();
        return this;
    }

    /**
     * A header from the command line; it replaces a header of the same name, ours or an earlier one of the user's.
     *
     * @throws IllegalArgumentException if the name is not a token or the value is not printable ASCII
     */
    public RequestBuilder userHeader(String name, String value) {
        HttpRequest.checkField(name, value);
        userHeaders.add(new HeaderField(name, FieldSyntax.trimWhitespace(value)));
        return this;
    }

    public HttpRequest build() {
        List<HeaderField> headers = new ArrayList<>();
        headers.add(new HeaderField("Host", url.hostHeader()));
        if (referer != null) {
            headers.add(new HeaderField("Referer", referer));
        }
        if (noCache) {
            headers.add(new HeaderField("Cache-Control", "no-cache"));
            headers.add(new HeaderField("Pragma", "no-cache"));
        }
        if (rangeFrom > 0) {
            headers.add(new HeaderField("Range", "bytes=" + rangeFrom + "-"));
        }
        if (userAgent != null && !userAgent.isEmpty()) {
            headers.add(new HeaderField("User-Agent", userAgent));
        }
        headers.add(new HeaderField("Accept", "*/*"));
        headers.add(new HeaderField("Accept-Encoding", "identity"));
        if (eagerAuthorization != null) {
            headers.add(new HeaderField("Authorization", eagerAuthorization));
        }
        headers.add(new HeaderField("Connection", keepAlive ? "Keep-Alive" : "Close"));
        if (body != null) {
            headers.add(new HeaderField("Content-Type", FORM_CONTENT_TYPE));
            headers.add(new HeaderField("Content-Length", Integer.toString(body.length)));
        }
        for (HeaderField header : userHeaders) {
            set(headers, header);
        }
        if (challengedAuthorization != null) {
            set(headers, new HeaderField("Authorization", challengedAuthorization));
        }
        return new HttpRequest(method, url, headers, body);
    }

    private static void set(List<HeaderField> headers, HeaderField field) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).hasName(field.name())) {
                headers.set(i, field);
                return;
            }
        }
        headers.add(field);
    }
}
