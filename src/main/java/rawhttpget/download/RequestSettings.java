package rawhttpget.download;

import rawhttpget.http.HeaderField;
import rawhttpget.http.HttpUrl;
import rawhttpget.http.RequestBuilder;

import java.nio.file.Path;
import java.util.List;

/**
 * What the command line asks of each request, spelled as wget's options: its head, its method and body, and
 * where credentials come from. Nulls mean "not given".
 *
 * @param userAgent   -U: null for ours ({@code rawhttpget/VERSION}), "" for none
 * @param headers     --header, in order (a later one replaces an earlier one of the same name)
 * @param netrcFile   the .netrc to read unless {@code noNetrc} (wget's is $HOME/.netrc); null: none
 * @param noCache     --no-cache: ask caches on the way for a fresh copy (Cache-Control and Pragma: no-cache)
 */
public record RequestSettings(String userAgent, String referer, List<HeaderField> headers, String method,
                              String bodyData, String bodyFile, String postData, String postFile,
                              String user, String password, String httpUser, String httpPassword,
                              boolean noNetrc, boolean authNoChallenge, Path netrcFile, boolean noCache) {

    /** A plain GET with our own User-Agent and no credentials but a .netrc's. */
    public static RequestSettings defaults(Path netrcFile) {
        return new RequestSettings(null, null, List.of(), null, null, null, null, null, null, null, null, null,
                false, false, netrcFile, false);
    }

    public RequestSettings {
        headers = List.copyOf(headers);
    }

    /**
     * wget's --header STRING: "Name: value", the value trimmed.
     *
     * @throws IllegalArgumentException with the reason, if it has no name or could not be sent as it is
     */
    public static HeaderField header(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("Invalid header '" + text + "'");
        }
        HeaderField header = new HeaderField(text.substring(0, colon).strip(), text.substring(colon + 1).strip());
        new RequestBuilder(anyUrl()).userHeader(header.name(), header.value());
        return header;
    }

    /**
     * --method: a token, upper-cased as wget sends it.
     *
     * @throws IllegalArgumentException if it is not a token
     */
    public static String method(String text) {
        return new RequestBuilder(anyUrl()).method(text).build().method();
    }

    private static HttpUrl anyUrl() {
        try {
            return HttpUrl.parse("http://localhost/");
        } catch (HttpUrl.InvalidUrlException e) {
            throw new IllegalStateException(e);
        }
    }
}
