package rawhttpget.http;

/**
 * Which responses send the client elsewhere, and where (RFC 9110 §15.4). We only ever send GET, so the one
 * method rule that matters elsewhere (303, and in practice 301/302, turn a POST into a GET) changes nothing
 * here: every hop is a GET.
 */
public final class Redirects {

    /** A redirect we cannot follow; the message says why and quotes what the server sent. */
    public static final class InvalidRedirectException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidRedirectException(String message) {
            super(message);
        }
    }

    private Redirects() {
    }

    /**
     * 301, 302, 303, 307 and 308: the statuses that carry a Location to follow. 300 (a choice for a person to
     * make), 304 (a cache answer to a request we never make conditional) and 305/306 (retired) are not.
     */
    public static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * Where a redirect response points, resolved against the URL that was asked for: relative references (as
     * RFC 9110 §10.2.2 allows) and absolute URLs to any host, port or scheme alike.
     */
    public static HttpUrl target(HttpUrl requested, ResponseHead head) throws InvalidRedirectException {
        String location = head.first("Location").orElse(null);
        if (location == null || location.isBlank()) {
            throw new InvalidRedirectException("redirection (" + head.statusCode() + ") without a Location");
        }
        try {
            return requested.resolve(location);
        } catch (HttpUrl.InvalidUrlException e) {
            throw new InvalidRedirectException("cannot follow the redirection to " + Printable.clean(location) + ": "
                    + e.getMessage());
        }
    }
}
