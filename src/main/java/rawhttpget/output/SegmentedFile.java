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
 * The partial file of a segmented download: bytes land at their own offsets (positional writes, straight to the
 * file so that a state file written after them is true of it), and the file is renamed to its final name only
 * when it has its whole length.
 */
public final class SegmentedFile implements AutoCloseable {
    private final Path target;
    private final Path part;
    private final FileChannel channel;

    private SegmentedFile(Path target, Path part, FileChannel channel) {
        this.target = target;
        this.part = part;
        this.channel = channel;
    }

    /** {@code NAME.part} for {@code target}, kept as it is ({@code resume}) or emptied. */
    public static SegmentedFile open(Path target, boolean resume) throws IOException {
        Path part = FileSink.partOf(target);
        FileChannel channel = resume
                ? FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)
                : FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ,
                        StandardOpenOption.TRUNCATE_EXISTING);
        return new SegmentedFile(target, part, channel);
    }

    public Path part() {
        return part;
    }

    /** Writes {@code len} bytes of {@code b} at {@code position}. */
    public void write(byte[] b, int off, int len, long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    /**
     * Every byte is there: the file must be {@code length} long, and then gets its final name. A file of another
     * length is refused (exit 7) and kept.
     */
    public void commit(long length) throws IOException, DownloadException {
        long size = channel.size();
        channel.close();
        if (size != length) {
            throw new DownloadException(ExitCode.PROTOCOL, "'" + part + "' has " + size + " bytes where the server"
                    + " declared " + length + "; it is kept, and not renamed to '" + target + "'");
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
