package rawhttpget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {
    @TempDir
    Path dir;

    @Test
    void regularTargetIsWrittenAsPartThenRenamedOnCommit() throws Exception {
        Path target = dir.resolve("out.bin");
        byte[] body = pattern(3 << 20);
        FileSink sink = new FileSink(target);
        sink.write(body, 0, body.length);
        assertThat(dir.resolve("out.bin.part")).exists();
        assertThat(target).doesNotExist();
        sink.commit();
        assertThat(dir.resolve("out.bin.part")).doesNotExist();
        assertThat(Files.readAllBytes(target)).isEqualTo(body);
    }

    /** -O /dev/null as root once replaced the device with a plain file; a FIFO stands in for the device here. */
    @Test
    void specialFileTargetIsWrittenInPlaceAndStaysWhatItWas() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        byte[] body = pattern((1 << 20) + 12_345);
        CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        FileSink sink = new FileSink(fifo);
        assertThat(sink.writesInPlace()).isTrue();
        sink.write(body, 0, body.length);
        sink.commit();
        assertThat(Files.isRegularFile(fifo)).isFalse();
        assertThat(Files.exists(fifo)).isTrue();
        assertThat(dir.resolve("pipe.part")).doesNotExist();
        assertThat(received.get(60, TimeUnit.SECONDS)).isEqualTo(body);
        assertThat(sink.written()).isEqualTo(body.length);
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >>> 8));
        }
        return b;
    }
}
