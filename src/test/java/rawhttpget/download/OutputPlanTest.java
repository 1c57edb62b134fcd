package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rawhttpget.http.HttpUrl;

class OutputPlanTest {
    @TempDir
    Path dir;

    private OutputPlan plan(String outputDocument, boolean noClobber, boolean continuing, String url) throws Exception {
        return OutputPlan.choose(outputDocument, dir.toString(), noClobber, continuing, HttpUrl.parse(url));
    }

    @Test
    void savesUnderTheUrlsNameInTheDirectoryPrefix() throws Exception {
        OutputPlan plan = plan(null, false, false, "http://h/a/file.bin?x=1");

        assertThat(plan.kind()).isEqualTo(OutputPlan.Kind.FILE);
        assertThat(plan.target()).isEqualTo(dir.resolve("file.bin"));
        assertThat(plan.partial()).isNull();
        assertThat(plan.resumeOffset()).isZero();
    }

    @Test
    void createsAMissingDirectoryPrefix() throws Exception {
        Path prefix = dir.resolve("a/b");

        OutputPlan plan = OutputPlan.choose(null, prefix.toString(), false, false, HttpUrl.parse("http://h/f"));

        assertThat(prefix).isDirectory();
        assertThat(plan.target()).isEqualTo(prefix.resolve("f"));
    }

    @Test
    void aDirectoryPrefixThatCannotBeCreatedIsAFileError() throws Exception {
        Files.writeString(dir.resolve("plain"), "x");

        assertThatThrownBy(() -> OutputPlan.choose(null, dir.resolve("plain/sub").toString(), false, false,
                HttpUrl.parse("http://h/f")))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FILE_IO))
                .hasMessageStartingWith("cannot create directory '" + dir.resolve("plain/sub") + "'");
    }

    @Test
    void neverOverwritesAnExistingFileButCountsUp() throws Exception {
        Files.writeString(dir.resolve("f.bin"), "old");
        Files.writeString(dir.resolve("f.bin.1"), "old");

        assertThat(plan(null, false, false, "http://h/f.bin").target()).isEqualTo(dir.resolve("f.bin.2"));
    }

    @Test
    void aLeftoverPartialFileKeepsItsNameTakenSoCCanStillContinueIt() throws Exception {
        Files.writeString(dir.resolve("f.bin.part"), "partial");

        assertThat(plan(null, false, false, "http://h/f.bin").target()).isEqualTo(dir.resolve("f.bin.1"));
    }

    @Test
    void noClobberSkipsAnExistingFile() throws Exception {
        Files.writeString(dir.resolve("f.bin"), "old");

        OutputPlan plan = plan(null, true, false, "http://h/f.bin");

        assertThat(plan.kind()).isEqualTo(OutputPlan.Kind.SKIP);
        assertThat(plan.target()).isEqualTo(dir.resolve("f.bin"));
    }

    @Test
    void noClobberWithoutAnExistingFileDownloads() throws Exception {
        assertThat(plan(null, true, false, "http://h/f.bin").kind()).isEqualTo(OutputPlan.Kind.FILE);
    }

    @Test
    void continueResumesThePartFileFirst() throws Exception {
        Files.write(dir.resolve("f.bin"), new byte[10]);
        Files.write(dir.resolve("f.bin.part"), new byte[7]);

        OutputPlan plan = plan(null, false, true, "http://h/f.bin");

        assertThat(plan.target()).isEqualTo(dir.resolve("f.bin"));
        assertThat(plan.partial()).isEqualTo(dir.resolve("f.bin.part"));
        assertThat(plan.resumeOffset()).isEqualTo(7);
    }

    @Test
    void continueResumesTheFileItselfWhenThereIsNoPartFile() throws Exception {
        Files.write(dir.resolve("f.bin"), new byte[10]);

        OutputPlan plan = plan(null, false, true, "http://h/f.bin");

        assertThat(plan.partial()).isEqualTo(dir.resolve("f.bin"));
        assertThat(plan.resumeOffset()).isEqualTo(10);
    }

    @Test
    void continueWithNothingToContinueFetchesTheWholeFile() throws Exception {
        OutputPlan plan = plan(null, false, true, "http://h/f.bin");

        assertThat(plan.partial()).isNull();
        assertThat(plan.resumeOffset()).isZero();
    }

    @Test
    void aFailedTryLeavesAPartialThatTheNextTryContinues() throws Exception {
        OutputPlan plan = plan(null, false, false, "http://h/f.bin");
        Files.write(dir.resolve("f.bin.part"), new byte[123]);

        plan.continueAfterFailedTry();

        assertThat(plan.partial()).isEqualTo(dir.resolve("f.bin.part"));
        assertThat(plan.resumeOffset()).isEqualTo(123);
    }

    @Test
    void dashOMinusIsStandardOutput() throws Exception {
        OutputPlan plan = plan("-", false, false, "http://h/f.bin");

        assertThat(plan.kind()).isEqualTo(OutputPlan.Kind.STDOUT);
        assertThat(plan.displayName()).isEqualTo("-");
    }

    @Test
    void dashOFileIsUsedAsGivenAndReplaced() throws Exception {
        Path file = dir.resolve("out.bin");
        Files.writeString(file, "old");

        OutputPlan plan = plan(file.toString(), false, false, "http://h/f.bin");

        assertThat(plan.kind()).isEqualTo(OutputPlan.Kind.FILE);
        assertThat(plan.target()).isEqualTo(file);
    }

    @Test
    void dashOOfSomethingThatIsNotARegularFileIsWrittenDirectly() throws Exception {
        OutputPlan plan = plan("/dev/null", false, false, "http://h/f.bin");

        assertThat(plan.kind()).isEqualTo(OutputPlan.Kind.STREAM);
        assertThat(plan.target()).isEqualTo(Path.of("/dev/null"));
    }

    @Test
    void dashOOfADirectoryIsAFileError() {
        assertThatThrownBy(() -> plan(dir.toString(), false, false, "http://h/f.bin"))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FILE_IO))
                .hasMessage("'" + dir + "' is a directory");
    }

    @Test
    void withoutDirectoryPrefixTheNameIsRelativeToTheWorkingDirectory() throws Exception {
        OutputPlan plan = OutputPlan.choose(null, null, false, false, HttpUrl.parse("http://h/surely-absent-1f3e.bin"));

        assertThat(plan.target()).isEqualTo(Path.of("surely-absent-1f3e.bin"));
    }
}
