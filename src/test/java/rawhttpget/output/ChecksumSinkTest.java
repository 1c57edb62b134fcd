package rawhttpget.output;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hash is taken of exactly the bytes written, and decides between the inner sink's commit and its discard. */
class ChecksumSinkTest {
    @TempDir
    Path dir;

    private static byte[] data(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 13 + 5);
        }
        return b;
    }

    private static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    /** Records what the checksum sink asked of it. */
    private static final class Recording implements BodySink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<String> calls = new ArrayList<>();

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public void commit() {
            calls.add("commit");
        }

        @Override
        public void abandon() {
            calls.add("abandon");
        }

        @Override
        public String discard() {
            calls.add("discard");
            return null;
        }

        @Override
        public long written() {
            return bytes.size();
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    @Test
    void bytesWrittenInPiecesOfAnySizeHashAsAWhole() throws Exception {
        byte[] body = data(5000);
        for (int piece : new int[] {1, 7, 1000, 5000}) {
            Recording inner = new Recording();
            ChecksumSink sink = ChecksumSink.over(inner, "SHA-256", "sha-256", sha256(body), null, 0);
            for (int at = 0; at < body.length; at += piece) {
                sink.write(body, at, Math.min(piece, body.length - at));
            }
            sink.commit();
            assertThat(inner.bytes.toByteArray()).isEqualTo(body);
            assertThat(inner.calls).as("piece %d", piece).containsExactly("commit");
            assertThat(sink.written()).isEqualTo(5000);
        }
    }

    @Test
    void aMismatchDiscardsInsteadOfCommittingAndSaysBothHashes() throws Exception {
        Recording inner = new Recording();
        byte[] expected = sha256(data(10));
        ChecksumSink sink = ChecksumSink.over(inner, "SHA-256", "sha-256", expected, null, 0);
        sink.write(data(11), 0, 11);

        assertThatThrownBy(sink::commit).isInstanceOf(DownloadException.class)
                .hasMessage("sha-256 checksum mismatch: expected " + hex(expected) + ", got " + hex(sha256(data(11))))
                .extracting(e -> ((DownloadException) e).exitCode()).isEqualTo(ExitCode.PROTOCOL);
        assertThat(inner.calls).containsExactly("discard");
    }

    @Test
    void aResumedFilesKeptBytesAreHashedFromTheFileUpToTheOffset() throws Exception {
        byte[] whole = data(3000);
        Path part = dir.resolve("f.part");
        Files.write(part, java.util.Arrays.copyOf(whole, 1200));
        Recording inner = new Recording();
        ChecksumSink sink = ChecksumSink.over(inner, "SHA-256", "sha-256", sha256(whole), part, 1000);
        // The file holds 1200 bytes but only the first 1000 are kept: the Range asked from 1000.
        sink.write(whole, 1000, 2000);
        sink.commit();
        assertThat(inner.calls).containsExactly("commit");
    }

    @Test
    void aFileSinkDiscardedDeletesItsPartialFile() throws Exception {
        Path target = dir.resolve("f.bin");
        FileSink file = FileSink.fresh(target, 100);
        ChecksumSink sink = ChecksumSink.over(file, "MD5", "md5", new byte[16], null, 0);
        sink.write(data(100), 0, 100);

        assertThatThrownBy(sink::commit).hasMessageEndingWith("; '" + dir.resolve("f.bin.part") + "' deleted");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aWholeFileIsVerifiedAndDeletedOnlyWhenAsked() throws Exception {
        Path file = dir.resolve("f.part");
        Files.write(file, data(70_000));
        ChecksumSink.verifyFile(file, "SHA-256", "sha-256", sha256(data(70_000)), true);
        assertThat(file).exists();

        assertThatThrownBy(() -> ChecksumSink.verifyFile(file, "SHA-256", "sha-256", new byte[32], false))
                .hasMessageNotContaining("deleted");
        assertThat(file).exists();
        assertThatThrownBy(() -> ChecksumSink.verifyFile(file, "SHA-256", "sha-256", new byte[32], true))
                .hasMessageEndingWith("; '" + file + "' deleted");
        assertThat(file).doesNotExist();
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
