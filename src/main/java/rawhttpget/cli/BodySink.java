package rawhttpget.cli;

import java.io.IOException;

/** Where a response body goes: a file written via a temporary name, or a stream such as stdout. */
interface BodySink extends AutoCloseable {
    void write(byte[] b, int off, int len) throws IOException;

    /** The body is complete and verified: make it visible under its final name. */
    void commit() throws IOException;

    /** The transfer failed: keep what arrived where the user can resume it, never under the final name. */
    void abandon();

    long written();

    @Override
    void close();
}
