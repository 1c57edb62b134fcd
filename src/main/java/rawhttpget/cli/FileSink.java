package rawhttpget.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes the body to {@code NAME.part} in large blocks and renames it to {@code NAME} only once the
 * transfer is complete, so a failed run never leaves a truncated file under the name of a good one.
 */
final class FileSink implements BodySink {
    private static final int BLOCK = 1 << 20;

    private final Path target;
    private final Path part;
    private final FileChannel channel;
    private final ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
    private long written;
    private boolean finished;

    FileSink(Path target) throws IOException {
        this.target = target;
        this.part = target.resolveSibling(target.getFileName() + ".part");
        this.channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    Path partPath() {
        return part;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, block.remaining());
            block.put(b, off, n);
            off += n;
            len -= n;
            written += n;
            if (!block.hasRemaining()) {
                flush();
            }
        }
    }

    private void flush() throws IOException {
        block.flip();
        while (block.hasRemaining()) {
            channel.write(block);
        }
        block.clear();
    }

    @Override
    public void commit() throws IOException {
        flush();
        channel.close();
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        finished = true;
    }

    @Override
    public void abandon() {
        try {
            flush();
        } catch (IOException ignored) {
            // The partial file is best effort; the error that made us abandon is what the user hears about.
        }
        close();
    }

    /** Removes the partial file: nothing of this response should stay (an error status, say). */
    void discard() {
        close();
        try {
            Files.deleteIfExists(part);
        } catch (IOException ignored) {
            // Nothing more useful to do; the run is failing already.
        }
        finished = true;
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing after a failure: the first error is the one reported.
        }
    }

    boolean finished() {
        return finished;
    }
}
