package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.output.FileSink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** What a download does with a partial file when it fails or turns out complete. */
final class PartialFiles {
    private PartialFiles() {
    }

    /** A failure that left a partial file says where, so the user knows -c can continue it. */
    static DownloadException withNote(DownloadException e, OutputPlan plan) {
        // Not after a signal either: the user stopped the run and hears only that it stopped, as from wget.
        if (plan.kind() != OutputPlan.Kind.FILE || e.exitCode() == ExitCode.SERVER_ERROR
                || e.exitCode() == ExitCode.INTERRUPTED_SIGINT || e.exitCode() == ExitCode.INTERRUPTED_SIGTERM) {
            return e;
        }
        Path part = FileSink.partOf(plan.target());
        try {
            if (Files.isRegularFile(part) && Files.size(part) > 0) {
                return e.withDetail(" (" + Files.size(part) + " bytes kept in '" + part + "'; -c continues it)");
            }
        } catch (IOException ignored) {
            // No note then; the failure itself is what matters.
        }
        return e;
    }

    /** 416 to our Range: the partial file is the whole file, so it gets its final name. */
    static void finishComplete(OutputPlan plan) throws DownloadException {
        if (plan.partial() == null || plan.partial().equals(plan.target())) {
            return;
        }
        try {
            Files.move(plan.partial(), plan.target(), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DownloadException(ExitCode.FILE_IO, "cannot rename '" + plan.partial() + "' to '"
                    + plan.target() + "': " + e.getMessage(), e);
        }
    }
}
