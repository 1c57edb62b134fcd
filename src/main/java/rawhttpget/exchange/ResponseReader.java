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
    /**
     * The most body bytes read and dropped, after a head whose body nobody wants (a redirect, an error page), to
     * keep the connection for the next request; a longer body is cheaper to cut by closing the connection.
     */
    static final long DRAIN_LIMIT = 64 * 1024;

    private final HttpTransfer.HeadHandler headHandler;
    private final ResponseParser parser;
    private ResponseHead head;
    private BodySink sink;
    private DownloadException failure;
    private boolean complete;
    private boolean stoppedAtHead;
    /** The unwanted body is being read to its end so the connection can be reused. */
    private boolean draining;
    /** The response ended where its framing says, with nothing after it: the connection is in step for another. */
    private boolean endedInStep;
    /** Bytes the transport handed over, the response's and any after it. */
    private long bytesReceived;

    ResponseReader(HttpTransfer.HeadHandler headHandler) {
        this(headHandler, RequestMethod.GET);
    }

    ResponseReader(HttpTransfer.HeadHandler headHandler, RequestMethod method) {
        this.headHandler = headHandler;
        this.parser = new ResponseParser(this, method);
    }

    /** Takes application bytes in order; always all of them (after the end of the response they are ignored). */
    int accept(byte[] buf, int off, int len) {
        bytesReceived += len;
        if (complete || failure != null) {
            endedInStep = false;
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
        endedInStep = false;
        if (complete) {
            return;
        }
        if (draining) {
            stopDraining(); // the close cut a body nobody wanted: the head has decided already
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

    /** Whether any byte came from the server since this exchange began. */
    boolean heardAnything() {
        return bytesReceived > 0;
    }

    /**
     * Whether the connection can carry another request: the response ended where its framing said (an unwanted
     * body read to its end), nothing followed it, and it did not run until the close.
     */
    boolean leavesConnectionInStep() {
        return complete && endedInStep && parser.bytesAfterEnd() == 0;
    }

    /** An unwanted body is being read and dropped (see {@link #DRAIN_LIMIT}). */
    boolean isDraining() {
        return draining;
    }

    /** The connection failed while an unwanted body was read: the response is over, the connection is not reusable. */
    void stopDraining() {
        draining = false;
        complete = true;
        endedInStep = false;
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
            BodyFraming framing = head.bodyFraming();
            if (framing == BodyFraming.CHUNKED || framing == BodyFraming.CONTENT_LENGTH
                    && head.contentLength().orElse(Long.MAX_VALUE) <= DRAIN_LIMIT) {
                draining = !parser.isComplete(); // the parser completes a zero length after this call
            }
            if (!draining) {
                complete = true;
                endedInStep = framing == BodyFraming.NONE
                        || framing == BodyFraming.CONTENT_LENGTH && head.contentLength().orElse(-1) == 0;
            }
        }
    }

    @Override
    public void onBody(byte[] buf, int off, int len) {
        if (draining && parser.bodyBytes() > DRAIN_LIMIT) {
            stopDraining(); // a chunked body longer than it is worth: the connection is closed instead
            return;
        }
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
        if (complete && !draining) {
            return; // the head said all (no body wanted and none to read): decided in onHead
        }
        draining = false;
        complete = true;
        endedInStep = head.bodyFraming() != BodyFraming.UNTIL_CLOSE;
    }
}
