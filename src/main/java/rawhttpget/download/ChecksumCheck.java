package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.output.BodySink;
import rawhttpget.output.ChecksumSink;
import rawhttpget.output.IoMessages;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where --checksum meets a download: the body's sink is wrapped so the hash is computed while writing (a resumed
 * file's kept bytes first), and a file that -c finds already complete is hashed whole before it is renamed.
 * Only one URL may be checked: with several, the option is refused (aria2c too checks one file with it).
 */
final class ChecksumCheck {
    private ChecksumCheck() {
    }

    /** Refuses --checksum with more than one URL: exit 2, before anything is fetched. */
    static void checkUrlCount(ExpectedChecksum expected, int urlCount) throws DownloadException {
        if (expected != null && urlCount > 1) {
            throw new DownloadException(ExitCode.USAGE, "--checksum takes one URL; " + urlCount + " were given");
        }
    }

    /** {@code sink}, checked against {@code expected} (unchanged when null); {@code kept} bytes of {@code partial} come first. */
    static BodySink wrap(BodySink sink, ExpectedChecksum expected, Path partial, long kept) throws DownloadException {
        if (expected == null) {
            return sink;
        }
        try {
            return ChecksumSink.over(sink, expected.algorithm(), expected.type(), expected.digest(),
                    kept > 0 ? partial : null, kept);
        } catch (IOException e) {
            sink.abandon();
            throw new DownloadException(ExitCode.FILE_IO, "cannot read '" + partial + "' to hash it: "
                    + IoMessages.describe(e), e);
        }
    }

    /**
     * A file -c found complete: its hash must be {@code expected} before it gets its final name. A wrong
     * {@code NAME.part} is deleted; {@code NAME} itself, continued in place, is left as this run found it.
     */
    static void verifyComplete(OutputPlan plan, ExpectedChecksum expected) throws DownloadException {
        Path file = plan.partial();
        if (expected == null || file == null) {
            return;
        }
        try {
            ChecksumSink.verifyFile(file, expected.algorithm(), expected.type(), expected.digest(),
                    !file.equals(plan.target()));
        } catch (IOException e) {
            throw new DownloadException(ExitCode.FILE_IO, "cannot read '" + file + "' to hash it: "
                    + IoMessages.describe(e), e);
        }
    }
}
