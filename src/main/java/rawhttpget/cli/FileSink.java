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
 *
 * <p>A target that exists and is not a regular file ({@code -O /dev/null}, a FIFO) is written in place, as
 * wget does: renaming a {@code .part} file over it would replace the device with a plain file (run as root,
 * that turned the machine's /dev/null into a file).
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
        boolean special = Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target);
        this.part = special ? target : target.resolveSibling(target.getFileName() + ".part");
        this.channel = special
                ? FileChannel.open(target, StandardOpenOption.WRITE)
                : FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** True when the body goes straight to the target (a device or FIFO), with no .part file and no rename. */
    boolean writesInPlace() {
        return part.equals(target);
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
        if (!writesInPlace()) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
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
        if (writesInPlace()) {
            finished = true;
            return;
        }
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
