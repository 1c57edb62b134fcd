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

    /** Body bytes written by this run (a resumed file's earlier bytes are not counted). */
    long written();

    @Override
    void close();
}
