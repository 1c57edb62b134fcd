package rawhttpget.output;

import rawhttpget.failure.DownloadException;

import java.io.IOException;

/** Where a response body goes: a file written via a temporary name, or a stream such as stdout. */
public interface BodySink extends AutoCloseable {
    void write(byte[] b, int off, int len) throws IOException;

    /**
     * The body is complete: check it against the length the server declared and make it visible under its
     * final name. A file that is not the declared size is refused (exit 7) and kept where -c can resume it.
     */
    void commit() throws IOException, DownloadException;

    /** The transfer failed: keep what arrived where the user can resume it, never under the final name. */
    void abandon();

    /**
     * The body arrived but is wrong (its checksum does not match): nothing of it may stay where it could pass for
     * the file. Returns what was deleted, for the message, or null when nothing could be (a stream).
     */
    default String discard() {
        abandon();
        return null;
    }

    /** Body bytes written by this run (a resumed file's earlier bytes are not counted). */
    long written();

    @Override
    void close();
}
