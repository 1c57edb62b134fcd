package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.http.ResponseHead;
import rawhttpget.progress.StatusLines;

import java.util.List;
import java.util.Locale;

/**
 * --spider: each URL is asked for, its redirects followed, and only the final status counts: a 2xx exists, an
 * error status is a broken link (exit 8). Nothing is saved. The lines are wget 1.21.3's. wget asks with HEAD;
 * here it is a GET whose exchange ends at the head, which the server sees as the same question closed early.
 */
final class Spider {
    static final String ENABLED = "Spider mode enabled. Check if remote file exists.";
    static final String BROKEN_LINK = "Remote file does not exist -- broken link!!!";

    private Spider() {
    }

    /** What a spider does with the decision a download would take: never save a body. */
    static ResponseDecision decide(ResponseDecision download) {
        return switch (download.action()) {
            case SAVE, APPEND -> new ResponseDecision(ResponseDecision.Action.EXISTS, -1);
            case SAVE_ERROR -> new ResponseDecision(ResponseDecision.Action.ERROR, -1);
            default -> download;
        };
    }

    /**
     * The failure an error status ends in (exit 8): wget's {@code ERROR 404: Not Found.}, or with --spider its
     * broken-link lines, said now (so the failure says nothing more).
     */
    static DownloadException errorStatus(boolean spider, StatusLines status, String url, ResponseHead head) {
        if (!spider) {
            return new DownloadException(ExitCode.SERVER_ERROR, "ERROR " + head.statusCode() + ": " + head.reason() + ".");
        }
        status.spiderBroken(url, BROKEN_LINK);
        return DownloadException.reported(ExitCode.SERVER_ERROR, BROKEN_LINK);
    }

    /** The lines for a URL that exists; a page that could hold links says that recursion would follow them. */
    static List<String> exists(ResponseHead head) {
        String type = head.first("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("text/html") || type.startsWith("application/xhtml+xml")) {
            return List.of("Remote file exists and could contain further links,",
                    "but recursion is disabled -- not retrieving.");
        }
        return List.of("Remote file exists.");
    }
}
