package rawhttpget.http;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.ArrayList;
import java.util.List;

/**
 * The request that asks a proxy for a tunnel to an https origin (RFC 9110 §9.3.6), laid out as wget 1.21 sends
 * it: {@code CONNECT host:port HTTP/1.1}, then User-Agent, Proxy-Authorization when the proxy URL named
 * credentials, and Host. The origin's name goes to the proxy as the URL spells it: the proxy resolves it, we don't.
 */
public final class ConnectRequest {
    private final String authority;
    private final List<HeaderField> headers;

    /**
     * @param userAgent          the User-Agent to send; null or empty sends none
     * @param proxyAuthorization a Proxy-Authorization value, or null
     * @throws IllegalArgumentException if a value is not printable ASCII
     */
    public ConnectRequest(HttpUrl origin, String userAgent, String proxyAuthorization) {
        this.authority = origin.host() + ":" + origin.port();
        List<HeaderField> fields = new ArrayList<>();
        if (userAgent != null && !userAgent.isEmpty()) {
            HttpRequest.checkField("User-Agent", userAgent);
            fields.add(new HeaderField("User-Agent", userAgent));
        }
        if (proxyAuthorization != null) {
            HttpRequest.checkField("Proxy-Authorization", proxyAuthorization);
            fields.add(new HeaderField("Proxy-Authorization", proxyAuthorization));
        }
        fields.add(new HeaderField("Host", authority));
        this.headers = List.copyOf(fields);
    }

    /** The request as sent. */
    public byte[] toBytes() {
        return text(false).getBytes(US_ASCII);
    }

    /** The request for logs: Proxy-Authorization keeps only its scheme. */
    public String headForLog() {
        return text(true);
    }

    private String text(boolean redacted) {
        StringBuilder text = new StringBuilder(128).append("CONNECT ").append(authority).append(" HTTP/1.1\r\n");
        for (HeaderField header : headers) {
            String value = redacted && header.hasName("Proxy-Authorization") ? HttpRequest.redact(header.value())
                    : header.value();
            text.append(header.name()).append(": ").append(value).append("\r\n");
        }
        return text.append("\r\n").toString();
    }

    /** The request line, for logs. */
    @Override
    public String toString() {
        return "CONNECT " + authority + " HTTP/1.1";
    }
}
