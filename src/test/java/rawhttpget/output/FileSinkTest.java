package rawhttpget.output;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void writesToThePartFileAndRenamesOnlyOnCommit() throws Exception {
        Path target = dir.resolve("f.bin");
        FileSink sink = FileSink.fresh(target, 5);
        sink.write(bytes("hello"), 0, 5);

        assertThat(target).doesNotExist();
        sink.commit();

        assertThat(target).hasContent("hello");
        assertThat(dir.resolve("f.bin.part")).doesNotExist();
        assertThat(sink.written()).isEqualTo(5);
    }

    @Test
    void aFileOfTheWrongSizeIsNotRenamedAndIsKept() throws Exception {
        Path target = dir.resolve("f.bin");
        FileSink sink = FileSink.fresh(target, 10);
        sink.write(bytes("hello"), 0, 5);

        assertThatThrownBy(sink::commit)
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.PROTOCOL))
                .hasMessage("'" + dir.resolve("f.bin.part") + "' has 5 bytes where the server declared 10; it is kept,"
                        + " and not renamed to '" + target + "'");
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("f.bin.part")).hasContent("hello");
    }

    @Test
    void abandonKeepsWhatArrivedInThePartFile() throws Exception {
        Path target = dir.resolve("f.bin");
        FileSink sink = FileSink.fresh(target, 10);
        sink.write(bytes("hel"), 0, 3);

        sink.abandon();

        assertThat(target).doesNotExist();
        assertThat(dir.resolve("f.bin.part")).hasContent("hel");
    }

    @Test
    void appendContinuesThePartFileAndRenamesItWhenWhole() throws Exception {
        Path target = dir.resolve("f.bin");
        Files.writeString(dir.resolve("f.bin.part"), "hel");
        FileSink sink = FileSink.append(target, dir.resolve("f.bin.part"), 3, 5);
        sink.write(bytes("lo"), 0, 2);

        sink.commit();

        assertThat(target).hasContent("hello");
        assertThat(dir.resolve("f.bin.part")).doesNotExist();
    }

    @Test
    void appendInPlaceContinuesTheFileItself() throws Exception {
        Path target = dir.resolve("f.bin");
        Files.writeString(target, "hel");
        FileSink sink = FileSink.append(target, target, 3, 5);
        sink.write(bytes("lo"), 0, 2);

        sink.commit();

        assertThat(target).hasContent("hello");
    }

    @Test
    void appendRefusesAFileThatChangedSize() throws Exception {
        Path part = dir.resolve("f.bin.part");
        Files.writeString(part, "hell");

        assertThatThrownBy(() -> FileSink.append(dir.resolve("f.bin"), part, 3, 5))
                .hasMessage(part + " changed size while we asked for the rest (was 3, now 4)");
    }

    @Test
    void freshEmptiesALeftoverPartFile() throws Exception {
        Files.writeString(dir.resolve("f.bin.part"), "stale stale");
        FileSink sink = FileSink.fresh(dir.resolve("f.bin"), -1);
        sink.write(bytes("new"), 0, 3);

        sink.commit();

        assertThat(dir.resolve("f.bin")).hasContent("new");
    }

    @Test
    void writesLargerThanOneBlockArriveWhole() throws Exception {
        byte[] body = new byte[(1 << 20) * 2 + 17];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        FileSink sink = FileSink.fresh(dir.resolve("big"), body.length);
        for (int off = 0; off < body.length; off += 1448) {
            sink.write(body, off, Math.min(1448, body.length - off));
        }

        sink.commit();

        assertThat(Files.readAllBytes(dir.resolve("big"))).isEqualTo(body);
    }
}
