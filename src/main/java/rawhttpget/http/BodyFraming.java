package rawhttpget.http;

/** How the end of a response body is found (RFC 9112 §6.3); decides what a close of the connection means. */
public enum BodyFraming {
    /** No body at all: a HEAD response, 204 or 304. */
    NONE,
    /** Exactly Content-Length bytes; a close before that is a truncated download. */
    CONTENT_LENGTH,
    /** Chunked transfer coding; complete only after the last chunk and trailer section. */
    CHUNKED,
    /** Everything until the server closes the connection; no way to detect truncation. */
    UNTIL_CLOSE
}
