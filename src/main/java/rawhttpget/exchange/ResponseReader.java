package rawhttpget.exchange;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.output.BodySink;
import rawhttpget.output.IoMessages;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.http.BodyFraming;
import rawhttpget.http.HttpProtocolException;
import rawhttpget.http.ResponseHead;
import rawhttpget.http.ResponseListener;
import rawhttpget.http.RequestMethod;
import rawhttpget.http.ResponseParser;

import java.io.IOException;

/**
 * The response side of one exchange, apart from any connection: application bytes in (from whatever
 * {@link Transport} carried them), a head handed to the {@link HttpTransfer.HeadHandler}, the body into the sink
 * it chose, and every way this can fail turned into a {@link DownloadException} with its exit code. Kept apart
 * from HttpTransfer so the outcomes (a body cut short, a bad response, a sink that cannot write) are tested
 * byte for byte without a TCP connection.
 */
final class ResponseReader implements ResponseListener {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.cli");

    private final HttpTransfer.HeadHandler headHandler;
    private final ResponseParser parser;
    private ResponseHead head;
    private BodySink sink;
    private DownloadException failure;
    private boolean complete;
    private boolean stoppedAtHead;

    ResponseReader(HttpTransfer.HeadHandler headHandler) {
        this(headHandler, RequestMethod.GET);
    }

    ResponseReader(HttpTransfer.HeadHandler headHandler, RequestMethod method) {
        this.headHandler = headHandler;
        this.parser = new ResponseParser(this, method);
    }

    /** Takes application bytes in order; always all of them (after the end of the response they are ignored). */
    int accept(byte[] buf, int off, int len) {
        if (complete || failure != null) {
            return len;
        }
        try {
            parser.feed(buf, off, len);
        } catch (HttpProtocolException e) {
            failure = new DownloadException(ExitCode.PROTOCOL, "malformed response: " + e.getMessage());
        }
        return len;
    }

    /** Throws the first failure the bytes so far caused, if any. */
    void check() throws DownloadException {
        if (failure != null) {
            throw failure;
        }
    }

    /** The peer sent its last byte: either the response is complete now, or it was cut short. */
    void endOfStream() throws DownloadException {
        endOfStream(false);
    }

    /**
     * @param truncated the end may have cut data short (TLS: a TCP FIN without close_notify). A body that only the
     *                  close delimits cannot then be told from a cut one, so it fails; any other framing decides.
     */
    void endOfStream(boolean truncated) throws DownloadException {
        check();
        if (complete) {
            return;
        }
        if (truncated && bodyRunsUntilClose()) {
            failure = DownloadException.retryable(ExitCode.PROTOCOL, "the server closed the connection without a TLS"
                    + " close_notify after " + parser.bodyBytes() + " body bytes: the body may be cut short");
            throw failure;
        }
        try {
            parser.endOfStream();
        } catch (HttpProtocolException e) {
            // A response cut short: another try may get it whole (or, for a file, the rest of it).
            failure = DownloadException.retryable(ExitCode.PROTOCOL, e.getMessage());
            throw failure;
        }
    }

    /** The response is over: the body arrived whole, or the handler wanted none. */
    boolean isDone() {
        return complete;
    }

    /** The handler wanted no body (a redirect, an error status): the exchange ended at the head. */
    boolean stoppedAtHead() {
        return stoppedAtHead;
    }

    /** The complete body gets its final name (after its size is checked). */
    void commit() throws DownloadException {
        if (sink == null || stoppedAtHead) {
            return;
        }
        try {
            sink.commit();
        } catch (DownloadException e) {
            sink.abandon();
            throw e;
        } catch (IOException e) {
            sink.abandon();
            throw new DownloadException(ExitCode.FILE_IO, "cannot finish the file: " + IoMessages.describe(e), e);
        }
    }

    /** The exchange failed or was interrupted: keep what arrived for -c, never under the final name. */
    void abandon() {
        if (sink != null) {
            sink.abandon();
        }
    }

    /** The head arrived and its body is delimited only by the end of the connection. */
    boolean bodyRunsUntilClose() {
        return head != null && !stoppedAtHead && head.bodyFraming() == BodyFraming.UNTIL_CLOSE;
    }

    ResponseHead head() {
        return head;
    }

    long bodyBytes() {
        return parser.bodyBytes();
    }

    @Override
    public void onHead(ResponseHead head) {
        this.head = head;
        log.info("HTTP {} {}", head.statusCode(), head.reason());
        try {
            sink = headHandler.onHead(head);
        } catch (DownloadException e) {
            failure = e;
            return;
        }
        if (sink == null) {
            stoppedAtHead = true;
            complete = true;
        }
    }

    @Override
    public void onBody(byte[] buf, int off, int len) {
        if (sink == null || failure != null) {
            return;
        }
        try {
            sink.write(buf, off, len);
        } catch (IOException e) {
            failure = new DownloadException(ExitCode.FILE_IO, "cannot write the file: " + IoMessages.describe(e), e);
        }
    }

    @Override
    public void onComplete() {
        complete = true;
    }
}
