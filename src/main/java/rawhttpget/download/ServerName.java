package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.http.ContentDisposition;
import rawhttpget.http.HttpUrl;
import rawhttpget.http.ResponseHead;
import rawhttpget.output.OutputName;

import java.util.Optional;

/**
 * The name a body is saved under: the URL's ({@link #forUrl}), the one asked for, or with --trust-server-names the
 * last one redirects led to; with --content-disposition the name the server proposes, once the head is in, made
 * safe ({@link OutputName#fromServer}). Without -O only; a proposal that leaves nothing usable keeps the URL's name.
 */
final class ServerName {
    private ServerName() {
    }

    /** Where {@code url}'s body goes, as wget decides it before the request (see {@link OutputPlan}). */
    static OutputPlan forUrl(HttpUrl url, DownloadSettings options) throws DownloadException {
        RetrievalSettings retrieval = options.retrieval();
        return OutputPlan.choose(options.outputDocument(), options.directoryPrefix(), options.noClobber(),
                options.continueDownload(), retrieval.timestamping(),
                OutputName.fromUrl(url.lastPathSegment(), url.query().orElse(null), retrieval.defaultPage()));
    }

    /** -nc's line for a file that is there already, wget 1.21.3's words. */
    static String alreadyThere(OutputPlan plan) {
        return "File '" + plan.target() + "' already there; not retrieving.";
    }

    static OutputPlan replan(OutputPlan plan, ResponseHead head, DownloadSettings options,
                             RetrievalSettings retrieval) throws DownloadException {
        if (!retrieval.contentDisposition() || options.outputDocument() != null) {
            return plan;
        }
        Optional<String> proposed = head.first("Content-Disposition").flatMap(ContentDisposition::filename)
                .map(OutputName::fromServer);
        if (proposed.isEmpty()) {
            return plan;
        }
        // -nc was checked against the URL's name before the request; the body is here now, so it is kept.
        return OutputPlan.choose(null, options.directoryPrefix(), false, false, retrieval.timestamping(),
                proposed.get());
    }
}
