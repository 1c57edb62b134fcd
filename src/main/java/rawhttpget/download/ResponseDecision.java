package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import rawhttpget.http.ContentRange;
import rawhttpget.http.HttpProtocolException;
import rawhttpget.http.Redirects;
import rawhttpget.http.ResponseHead;

import java.util.OptionalLong;

/**
 * What a final response means for the download, decided from its head alone, before any body byte is written.
 *
 * @param action       what to do with the body
 * @param expectedSize the size the saved file must end with (-1: unknown); the file is checked against it
 *                     before it gets its final name
 */
record ResponseDecision(Action action, long expectedSize) {

    enum Action {
        /** 2xx: the body from its first byte (also a 200 to a Range request: the server starts over). */
        SAVE,
        /** 206 to our Range: the body continues the partial file. */
        APPEND,
        /** 301/302/303/307/308: no body wanted; fetch the Location instead. */
        FOLLOW,
        /** 416 to our Range: the partial file already holds the whole body. */
        ALREADY_COMPLETE,
        /** 4xx/5xx (or a 3xx we do not follow): nothing saved, exit 8. */
        ERROR,
        /** The same with --content-on-error: the body is saved, then exit 8. */
        SAVE_ERROR,
        /** -N: the local file is as new as the server's; nothing is fetched, exit 0. */
        UNCHANGED,
        /** --spider: the URL answered 2xx; nothing is saved. */
        EXISTS
    }

    /**
     * @param resumeOffset the start of the Range we asked for, 0 when we asked for the whole body
     */
    static ResponseDecision of(ResponseHead head, long resumeOffset, boolean contentOnError) throws DownloadException {
        int status = head.statusCode();
        OptionalLong length = head.contentLength();
        if (Redirects.isRedirect(status)) {
            return new ResponseDecision(Action.FOLLOW, -1);
        }
        if (status == 416 && resumeOffset > 0) {
            return alreadyComplete(head, resumeOffset);
        }
        if (status < 200 || status > 299) {
            return new ResponseDecision(contentOnError ? Action.SAVE_ERROR : Action.ERROR, length.orElse(-1));
        }
        if (status == 206) {
            if (resumeOffset == 0) {
                // A part we never asked for, saved as if it were the whole file, would be a silently wrong file.
                throw new DownloadException(ExitCode.PROTOCOL, "206 Partial Content to a request without Range");
            }
            return append(head, resumeOffset);
        }
        return new ResponseDecision(Action.SAVE, length.orElse(-1));
    }

    private static ResponseDecision append(ResponseHead head, long resumeOffset) throws DownloadException {
        String value = head.first("Content-Range").orElseThrow(() -> new DownloadException(ExitCode.PROTOCOL,
                "206 Partial Content without Content-Range"));
        ContentRange range = parse(value);
        if (range.isUnsatisfied() || range.first() != resumeOffset) {
            throw new DownloadException(ExitCode.PROTOCOL, "asked for bytes from " + resumeOffset
                    + " but the server sent 'Content-Range: " + value + "'");
        }
        long rangeLength = range.last() - range.first() + 1;
        if (head.contentLength().isPresent() && head.contentLength().getAsLong() != rangeLength) {
            throw new DownloadException(ExitCode.PROTOCOL, "Content-Length " + head.contentLength().getAsLong()
                    + " does not match 'Content-Range: " + value + "'");
        }
        if (range.completeLength().isPresent() && range.last() + 1 != range.completeLength().getAsLong()) {
            // We asked for everything from the offset on; a shorter range would leave a hole at the end.
            throw new DownloadException(ExitCode.PROTOCOL, "asked for bytes from " + resumeOffset
                    + " to the end but the server sent 'Content-Range: " + value + "'");
        }
        return new ResponseDecision(Action.APPEND, range.last() + 1);
    }

    private static ResponseDecision alreadyComplete(ResponseHead head, long resumeOffset) throws DownloadException {
        String value = head.first("Content-Range").orElse(null);
        if (value != null) {
            ContentRange range = parse(value);
            if (range.completeLength().isPresent() && range.completeLength().getAsLong() != resumeOffset) {
                throw new DownloadException(ExitCode.PROTOCOL, "the local file has " + resumeOffset
                        + " bytes but the server's has " + range.completeLength().getAsLong()
                        + ": it is not a part of this download");
            }
        }
        return new ResponseDecision(Action.ALREADY_COMPLETE, resumeOffset);
    }

    private static ContentRange parse(String value) throws DownloadException {
        try {
            return ContentRange.parse(value);
        } catch (HttpProtocolException e) {
            throw new DownloadException(ExitCode.PROTOCOL, e.getMessage());
        }
    }
}
