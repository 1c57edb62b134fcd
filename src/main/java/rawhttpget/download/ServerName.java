package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.http.ContentDisposition;
import rawhttpget.http.ResponseHead;
import rawhttpget.output.OutputName;

import java.util.Optional;

/**
 * --content-disposition: the file is named as the server proposes, once the head is in, made safe
 * ({@link OutputName#fromServer}). Without -O only; a proposal that leaves nothing usable keeps the URL's name.
 */
final class ServerName {
    private ServerName() {
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
