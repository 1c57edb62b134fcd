package rawhttpget.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

/** -o and -a: what would go to stderr goes to the file, System.err included (the console appender's target). */
class OutputFileTest {
    private final PrintStream originalErr = System.err;

    @TempDir
    Path dir;

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    @Test
    void dashOTruncatesAndTakesOverStderr() throws Exception {
        Path log = dir.resolve("log");
        Files.writeString(log, "old run\n");

        PrintWriter err = OutputFile.redirectStderr(log.toString(), false);
        err.println("a status line");
        System.err.println("a log line");

        assertThat(Files.readString(log)).isEqualTo("a status line\na log line\n");
    }

    @Test
    void dashAAppends() throws Exception {
        Path log = dir.resolve("log");
        Files.writeString(log, "old run\n");

        OutputFile.redirectStderr(log.toString(), true).println("new run");

        assertThat(Files.readString(log)).isEqualTo("old run\nnew run\n");
    }

    @Test
    void aFileThatCannotBeOpenedIsExitThreeWithTheOsReason() {
        String path = dir.resolve("no-such-dir/log").toString();
        assertThatThrownBy(() -> OutputFile.redirectStderr(path, false))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FILE_IO))
                .hasMessage(path + ": No such file or directory");
        assertThat(System.err).isSameAs(originalErr);
    }

    @Test
    void mainSaysWhyOnTheRealStderrWhenTheFileCannotBeOpened() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String path = dir.resolve("no-such-dir/log").toString();

        int status = Main.run(new String[] {"-o", path, "http://files.test/f"}, new PrintWriter(out, true),
                new PrintWriter(err, true));

        assertThat(status).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("rawhttpget: " + path + ": No such file or directory\n");
    }

    @Test
    void theReasonIsTheOsWordsInsideTheParentheses() {
        assertThat(OutputFile.reason(new FileNotFoundException("x/y (Permission denied)"))).isEqualTo("Permission denied");
        assertThat(OutputFile.reason(new FileNotFoundException("odd"))).isEqualTo("odd");
    }
}
