package rawhttpget.output;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * --checksum: hashes the body as it is written and, when it is complete, compares the hash with the one expected
 * before the sink it wraps makes the file visible under its final name. A mismatch discards the file (a
 * {@code NAME.part} is deleted: its bytes are wrong, and nothing in them is worth continuing) and exits 7 with one
 * line. A resumed file's earlier bytes are hashed from the file first, so the whole file is checked.
 */
public final class ChecksumSink implements BodySink {
    private final BodySink inner;
    private final MessageDigest digest;
    private final String type;
    private final byte[] expected;

    private ChecksumSink(BodySink inner, MessageDigest digest, String type, byte[] expected) {
        this.inner = inner;
        this.digest = digest;
        this.type = type;
        this.expected = expected.clone();
    }

    /**
     * Checks what goes through {@code inner} against {@code expected}, a hash of the JDK's {@code algorithm}
     * (named {@code type} in messages). {@code prefix}, when not null, holds the file's first {@code prefixBytes}
     * bytes, which a resumed download keeps: they are hashed now.
     */
    public static ChecksumSink over(BodySink inner, String algorithm, String type, byte[] expected, Path prefix,
                                    long prefixBytes) throws IOException {
        MessageDigest digest = newDigest(algorithm);
        if (prefix != null && prefixBytes > 0) {
            hashFile(digest, prefix, prefixBytes);
        }
        return new ChecksumSink(inner, digest, type, expected);
    }

    /**
     * A whole file found complete (-c, and the server answered 416): throws the mismatch when its hash is not
     * {@code expected}, after deleting the file if {@code delete} (a {@code NAME.part}, which would otherwise
     * be renamed; a file continued in place this run did not write to is left as it was).
     */
    public static void verifyFile(Path file, String algorithm, String type, byte[] expected, boolean delete)
            throws IOException, DownloadException {
        MessageDigest digest = newDigest(algorithm);
        hashFile(digest, file, Files.size(file));
        byte[] actual = digest.digest();
        if (!MessageDigest.isEqual(actual, expected)) {
            if (delete) {
                Files.deleteIfExists(file);
            }
            throw mismatch(type, expected, actual, delete ? file.toString() : null);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        inner.write(b, off, len);
        digest.update(b, off, len);
    }

    @Override
    public void commit() throws IOException, DownloadException {
        byte[] actual = digest.digest();
        if (!MessageDigest.isEqual(actual, expected)) {
            throw mismatch(type, expected, actual, inner.discard());
        }
        inner.commit();
    }

    @Override
    public void abandon() {
        inner.abandon();
    }

    @Override
    public String discard() {
        return inner.discard();
    }

    @Override
    public long written() {
        return inner.written();
    }

    @Override
    public void close() {
        inner.close();
    }

    private static DownloadException mismatch(String type, byte[] expected, byte[] actual, String deleted) {
        HexFormat hex = HexFormat.of();
        return new DownloadException(ExitCode.PROTOCOL, type + " checksum mismatch: expected " + hex.formatHex(expected)
                + ", got " + hex.formatHex(actual) + (deleted == null ? "" : "; '" + deleted + "' deleted"));
    }

    private static void hashFile(MessageDigest digest, Path file, long bytes) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = bytes;
        try (InputStream in = Files.newInputStream(file)) {
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(file + " ended after " + (bytes - left) + " of " + bytes + " bytes");
                }
                digest.update(buffer, 0, n);
                left -= n;
            }
        }
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("no " + algorithm + " in this JDK", e);
        }
    }
}
