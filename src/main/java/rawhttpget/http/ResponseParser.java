package rawhttpget.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes one HTTP/1.1 response from the bytes of a connection, in order, as they arrive: push-based, so the
 * stack below can hand over each segment's payload and forget it. An explicit state machine in the manner of
 * Netty's HttpObjectDecoder; the caller reports the peer's close through {@link #endOfStream()}, which is what
 * decides whether a download was complete or cut short.
 *
 * <p>Every limit here exists because a hostile or broken server can send anything; each violation ends the
 * parse with an {@link HttpProtocolException} and nothing else escapes, whatever the input. Body bytes are
 * passed to the listener as slices of the caller's buffer, so the body path copies and allocates nothing.
 */
public final class ResponseParser {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.http");

    /** Status line plus header fields plus line ends; far above the few KiB real servers send. */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    static final int MAX_HEADER_FIELDS = 256;
    /** A chunk-size line is a few hex digits; the room left is for extensions nobody uses. */
    static final int MAX_CHUNK_SIZE_LINE_BYTES = 4096;
    static final int MAX_TRAILER_BYTES = 64 * 1024;
    static final int MAX_TRAILER_FIELDS = 256;
    /** 103 Early Hints may legitimately repeat; an endless stream of 1xx is a server stalling us. */
    static final int MAX_INTERIM_RESPONSES = 16;

    // Built once: the limit checks run on every chunk-size line, which is the body path.
    private static final String HEAD_TOO_LARGE = "response head exceeds " + MAX_HEAD_BYTES + " bytes";
    private static final String CHUNK_SIZE_LINE_TOO_LARGE =
            "chunk size line exceeds " + MAX_CHUNK_SIZE_LINE_BYTES + " bytes";
    private static final String TRAILERS_TOO_LARGE = "trailer section exceeds " + MAX_TRAILER_BYTES + " bytes";

    private enum State {
        STATUS_LINE, HEADERS, BODY_LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_CRLF, TRAILERS, BODY_UNTIL_CLOSE, DONE, FAILED
    }

    private final ResponseListener listener;
    private final RequestMethod method;
    private final LineAccumulator line = new LineAccumulator();
    private final List<HeaderField> headerFields = new ArrayList<>();
    private final List<HeaderField> trailerFields = new ArrayList<>();

    private State state = State.STATUS_LINE;
    /** Bytes of the head, chunk-size line or trailer section being read, to enforce its limit. */
    private int sectionBytes;
    private StatusLine statusLine;
    private int interimResponses;
    private long declaredLength;
    /** Bytes left in the Content-Length body or in the current chunk. */
    private long remaining;
    private boolean chunkCrSeen;
    private long bodyBytes;
    /** Bytes fed after the end of the response: on a connection we would reuse, a sign that it is out of step. */
    private long bytesAfterEnd;
    private List<HeaderField> trailers = List.of();
    private String failure;

    /** A parser for the response to a GET. */
    public ResponseParser(ResponseListener listener) {
        this(listener, RequestMethod.GET);
    }

    public ResponseParser(ResponseListener listener, RequestMethod method) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.method = Objects.requireNonNull(method, "method");
    }

    /**
     * Consumes all of {@code buf[off, off+len)}. Bytes after the end of the response are ignored: a server may
     * send junk after a body whose length it declared, and the download is still whole.
     */
    public void feed(byte[] buf, int off, int len) throws HttpProtocolException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (state == State.FAILED) {
            throw new HttpProtocolException(failure);
        }
        int pos = off;
        int end = off + len;
        try {
            while (pos < end && state != State.DONE) {
                pos = switch (state) {
                    case STATUS_LINE, HEADERS -> readHead(buf, pos, end);
                    case BODY_LENGTH -> readLengthBody(buf, pos, end);
                    case CHUNK_SIZE -> readChunkSize(buf, pos, end);
                    case CHUNK_DATA -> readChunkData(buf, pos, end);
                    case CHUNK_CRLF -> readChunkCrlf(buf, pos);
                    case TRAILERS -> readTrailers(buf, pos, end);
                    case BODY_UNTIL_CLOSE -> deliver(buf, pos, end - pos);
                    case DONE, FAILED -> throw new IllegalStateException("unreachable: " + state);
                };
            }
        } catch (HttpProtocolException e) {
            state = State.FAILED;
            failure = e.getMessage();
            throw e;
        }
        if (pos < end) {
            bytesAfterEnd += end - pos;
            log.debug("ignoring {} bytes after the end of the response", end - pos);
        }
    }

    /**
     * The peer closed the connection. Completes a body delimited by the close; for any other framing, a close
     * before the end means the response was cut short, and that is an error, never a silently short file.
     */
    public void endOfStream() throws HttpProtocolException {
        switch (state) {
            case DONE -> {
            }
            case FAILED -> throw new HttpProtocolException(failure);
            case BODY_UNTIL_CLOSE -> complete();
            default -> {
                failure = truncationMessage();
                state = State.FAILED;
                throw new HttpProtocolException(failure);
            }
        }
    }

    public boolean isComplete() {
        return state == State.DONE;
    }

    /** Bytes fed after the response ended (and ignored); a connection that carried any is not reused. */
    public long bytesAfterEnd() {
        return bytesAfterEnd;
    }

    /** Body bytes passed to the listener so far, after transfer-decoding. */
    public long bodyBytes() {
        return bodyBytes;
    }

    /** Trailer fields of a chunked response, once complete; we act on none of them. */
    public List<HeaderField> trailers() {
        return trailers;
    }

    private String truncationMessage() {
        return switch (state) {
            case STATUS_LINE, HEADERS -> sectionBytes > 0
                    ? "connection closed in the response head after " + sectionBytes + " bytes"
                    : interimResponses == 0
                    ? "connection closed before any response"
                    : "connection closed after an interim 1xx response, before the final response";
            case BODY_LENGTH -> "connection closed after " + bodyBytes + " of " + declaredLength + " body bytes";
            case CHUNK_SIZE, CHUNK_DATA, CHUNK_CRLF ->
                    "connection closed in a chunked body after " + bodyBytes + " body bytes, before the last chunk";
            case TRAILERS -> "connection closed in the trailer section of a chunked body";
            case BODY_UNTIL_CLOSE, DONE, FAILED -> throw new IllegalStateException("unreachable: " + state);
        };
    }

    /**
     * Moves bytes up to and including the next LF into the line buffer. The limit is checked before the LF
     * arrives, since a hostile server may never send one.
     */
    private int collectLine(byte[] buf, int pos, int end, int limit, String overLimitMessage)
            throws HttpProtocolException {
        int take = end - pos;
        for (int i = pos; i < end; i++) {
            if (buf[i] == FieldSyntax.LF) {
                take = i + 1 - pos;
                break;
            }
        }
        if (take > limit - sectionBytes) {
            throw new HttpProtocolException(overLimitMessage);
        }
        sectionBytes += take;
        line.append(buf, pos, take);
        return pos + take;
    }

    private int readHead(byte[] buf, int pos, int end) throws HttpProtocolException {
        pos = collectLine(buf, pos, end, MAX_HEAD_BYTES, HEAD_TOO_LARGE);
        if (!line.isComplete()) {
            return pos;
        }
        int len = line.contentLength();
        if (state == State.STATUS_LINE) {
            statusLine = StatusLine.parse(line.bytes(), len);
            state = State.HEADERS;
            line.clear();
        } else if (len > 0) {
            if (headerFields.size() == MAX_HEADER_FIELDS) {
                throw new HttpProtocolException("response head has more than " + MAX_HEADER_FIELDS + " header fields");
            }
            headerFields.add(HeaderFieldParser.parse(line.bytes(), len, "header"));
            line.clear();
        } else {
            onHeadComplete();
        }
        return pos;
    }

    private void onHeadComplete() throws HttpProtocolException {
        int code = statusLine.code();
        if (code == 101) {
            throw new HttpProtocolException("unexpected 101 Switching Protocols: we never ask to upgrade");
        }
        if (code < 200) {
            skipInterimResponse();
            return;
        }
        boolean chunked = FramingRules.isChunked(statusLine.version(), headerFields);
        OptionalLong contentLength = chunked ? OptionalLong.empty() : FramingRules.contentLength(headerFields);
        BodyFraming framing = FramingRules.framing(code, method, chunked, contentLength);
        ResponseHead head = new ResponseHead(statusLine.version(), code, statusLine.reason(), headerFields,
                contentLength, chunked, framing);
        log.debug("{} {} {}, body {}{}", head.version(), code, Printable.clean(head.reason()), framing,
                contentLength.isPresent() ? " " + contentLength.getAsLong() : "");
        switch (framing) {
            case NONE -> enter(State.DONE);
            case CONTENT_LENGTH -> {
                declaredLength = contentLength.getAsLong();
                remaining = declaredLength;
                enter(declaredLength == 0 ? State.DONE : State.BODY_LENGTH);
            }
            case CHUNKED -> enter(State.CHUNK_SIZE);
            case UNTIL_CLOSE -> enter(State.BODY_UNTIL_CLOSE);
        }
        listener.onHead(head);
        if (state == State.DONE) {
            listener.onComplete();
        }
    }

    private void skipInterimResponse() throws HttpProtocolException {
        interimResponses++;
        if (interimResponses > MAX_INTERIM_RESPONSES) {
            throw new HttpProtocolException("more than " + MAX_INTERIM_RESPONSES + " interim 1xx responses");
        }
        log.debug("skipping interim response {} {}", statusLine.code(), Printable.clean(statusLine.reason()));
        headerFields.clear();
        statusLine = null;
        enter(State.STATUS_LINE);
    }

    private int readLengthBody(byte[] buf, int pos, int end) {
        int n = (int) Math.min(remaining, end - pos);
        remaining -= n;
        deliver(buf, pos, n);
        if (remaining == 0) {
            complete();
        }
        return pos + n;
    }

    private int readChunkSize(byte[] buf, int pos, int end) throws HttpProtocolException {
        pos = collectLine(buf, pos, end, MAX_CHUNK_SIZE_LINE_BYTES, CHUNK_SIZE_LINE_TOO_LARGE);
        if (line.isComplete()) {
            long size = ChunkSizeLine.parse(line.bytes(), line.contentLength());
            if (size == 0) {
                enter(State.TRAILERS);
            } else {
                remaining = size;
                enter(State.CHUNK_DATA);
            }
        }
        return pos;
    }

    private int readChunkData(byte[] buf, int pos, int end) {
        int n = (int) Math.min(remaining, end - pos);
        remaining -= n;
        deliver(buf, pos, n);
        if (remaining == 0) {
            chunkCrSeen = false;
            enter(State.CHUNK_CRLF);
        }
        return pos + n;
    }

    /** Byte by byte, since CR and LF may arrive in different segments. Strict: a bare LF here is refused. */
    private int readChunkCrlf(byte[] buf, int pos) throws HttpProtocolException {
        byte expected = chunkCrSeen ? FieldSyntax.LF : FieldSyntax.CR;
        if (buf[pos] != expected) {
            throw new HttpProtocolException("expected CRLF after chunk data, got " + Printable.hexByte(buf[pos])
                    + (chunkCrSeen ? " after CR" : ""));
        }
        if (chunkCrSeen) {
            enter(State.CHUNK_SIZE);
        }
        chunkCrSeen = true;
        return pos + 1;
    }

    private int readTrailers(byte[] buf, int pos, int end) throws HttpProtocolException {
        pos = collectLine(buf, pos, end, MAX_TRAILER_BYTES, TRAILERS_TOO_LARGE);
        if (!line.isComplete()) {
            return pos;
        }
        int len = line.contentLength();
        if (len > 0) {
            if (trailerFields.size() == MAX_TRAILER_FIELDS) {
                throw new HttpProtocolException("more than " + MAX_TRAILER_FIELDS + " trailer fields");
            }
            trailerFields.add(HeaderFieldParser.parse(line.bytes(), len, "trailer"));
            line.clear();
        } else {
            trailers = List.copyOf(trailerFields);
            complete();
        }
        return pos;
    }

    private int deliver(byte[] buf, int pos, int n) {
        bodyBytes += n;
        listener.onBody(buf, pos, n);
        return pos + n;
    }

    private void complete() {
        enter(State.DONE);
        listener.onComplete();
    }

    /** Each section starts with an empty line buffer and its own byte budget. */
    private void enter(State next) {
        state = next;
        sectionBytes = 0;
        line.clear();
    }
}
