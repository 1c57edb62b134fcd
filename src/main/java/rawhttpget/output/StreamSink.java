package rawhttpget.output;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The body straight into something that is not a regular file: standard output ({@code -O -}), a device such
 * as /dev/null, a named pipe. There is nothing to rename and nothing a reader could mistake for a finished
 * file, so the bytes go directly and commit only flushes.
 */
public final class StreamSink implements BodySink {
    private static final int BUFFER = 64 * 1024;

    private final OutputStream out;
    private long written;

    private StreamSink(OutputStream out) {
        this.out = new BufferedOutputStream(out, BUFFER);
    }

    public static StreamSink stdout() {
        return new StreamSink(new FileOutputStream(FileDescriptor.out));
    }

    /** Opens an existing non-regular file; for a named pipe this waits for a reader, as any writer would. */
    public static StreamSink open(Path path) throws IOException {
        return new StreamSink(new FileOutputStream(path.toFile()));
    }

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
            // The reader is gone (a closed pipe): nothing else to tell it.
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
