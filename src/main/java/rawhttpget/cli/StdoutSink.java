package rawhttpget.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** The body straight to standard output ({@code -O -}): nothing to rename, so commit only flushes. */
final class StdoutSink implements BodySink {
    private final OutputStream out = new FileOutputStream(FileDescriptor.out);
    private long written;

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        written += len;
    }

    @Override
    public void commit() throws IOException {
        out.flush();
    }

    @Override
    public void abandon() {
        try {
            out.flush();
        } catch (IOException ignored) {
            // Standard output is gone (a closed pipe): nothing else to tell it.
        }
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public void close() {
        abandon();
    }
}
