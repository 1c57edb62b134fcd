package rawhttpget.output;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes the body to a partial file ({@code NAME.part}) in large blocks and renames it to {@code NAME} only once
 * the transfer is complete and the file has the size the server declared, so a failed run never leaves a
 * truncated file under the name of a good one. A resumed download appends to the partial file it found.
 */
public final class FileSink implements BodySink {
    private static final int BLOCK = 1 << 20;

    private final Path target;
    private final Path part;
    private final long expectedSize;
    private final FileChannel channel;
    private final ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
    private long written;

    private FileSink(Path target, Path part, long expectedSize, FileChannel channel) {
        this.target = target;
        this.part = part;
        this.expectedSize = expectedSize;
        this.channel = channel;
    }

    /** The partial file beside {@code target}: {@code NAME.part}. */
    public static Path partOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /**
     * A new body from its first byte into {@code NAME.part} (emptied if it exists).
     *
     * @param expectedSize the size the whole file must have, or -1 when the server did not say
     */
    public static FileSink fresh(Path target, long expectedSize) throws IOException {
        Path part = partOf(target);
        return new FileSink(target, part, expectedSize, FileChannel.open(part, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
    }

    /**
     * The rest of a body, appended to {@code partial} from {@code offset} (its size when the Range was asked).
     * {@code partial} is {@code NAME.part}, or {@code NAME} itself when that is what the user asked to continue.
     */
    public static FileSink append(Path target, Path partial, long offset, long expectedSize) throws IOException {
        FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE);
        try {
            if (channel.size() != offset) {
                throw new IOException(partial + " changed size while we asked for the rest (was " + offset + ", now "
                        + channel.size() + ")");
            }
            channel.position(offset);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new FileSink(target, partial, expectedSize, channel);
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
    public void commit() throws IOException, DownloadException {
        flush();
        long size = channel.size();
        channel.close();
        if (expectedSize >= 0 && size != expectedSize) {
            throw new DownloadException(ExitCode.PROTOCOL, "'" + part + "' has " + size + " bytes where the server"
                    + " declared " + expectedSize + "; it is kept, and not renamed to '" + target + "'");
        }
        if (!part.equals(target)) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
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

    /** Deletes the partial file (or the file continued in place): its bytes are not the file asked for. */
    @Override
    public String discard() {
        close();
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            return null;
        }
        return part.toString();
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
}
