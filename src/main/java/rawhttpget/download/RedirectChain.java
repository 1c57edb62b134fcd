package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import rawhttpget.http.HttpUrl;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The redirects one download has followed: at most {@code --max-redirect} of them, and never back to a URL
 * already fetched. We send no cookies and the same request every time, so a URL seen before would answer as it
 * did before: a loop, reported at once instead of after the whole budget.
 */
final class RedirectChain {
    private final int maxRedirects;
    private final Set<HttpUrl> visited = new LinkedHashSet<>();
    private int followed;

    RedirectChain(HttpUrl original, int maxRedirects) {
        this.maxRedirects = maxRedirects;
        visited.add(original);
    }

    /** Records the hop to {@code next}, or refuses it (exit 8, as wget's "redirections exceeded"). */
    HttpUrl follow(HttpUrl next) throws DownloadException {
        if (followed == maxRedirects) {
            throw new DownloadException(ExitCode.SERVER_ERROR, maxRedirects + " redirections exceeded.");
        }
        if (!visited.add(next)) {
            throw new DownloadException(ExitCode.SERVER_ERROR, "redirection loop: " + next
                    + " redirects back to a URL already fetched after " + (followed + 1) + " redirections.");
        }
        followed++;
        return next;
    }

    int followed() {
        return followed;
    }
}
