package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.http.HttpDate;
import rawhttpget.http.ResponseHead;
import rawhttpget.output.IoMessages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The dates of -N and of saved files, as wget keeps them: a saved file gets the server's Last-Modified as its
 * modification time (unless --no-use-server-timestamps), so that the next -N run can ask the server whether it
 * has anything newer (If-Modified-Since with that time).
 */
final class ServerTimestamp {
    private ServerTimestamp() {
    }

    /** Gives {@code file} the head's Last-Modified, when it has a readable one. */
    static void apply(Path file, ResponseHead head) throws DownloadException {
        OptionalLong modified = lastModified(head);
        if (modified.isEmpty()) {
            return;
        }
        try {
            Files.setLastModifiedTime(file, FileTime.from(modified.getAsLong(), TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new DownloadException(ExitCode.FILE_IO, "cannot set the time of '" + file + "': "
                    + IoMessages.describe(e), e);
        }
    }

    static OptionalLong lastModified(ResponseHead head) {
        return head.first("Last-Modified").map(HttpDate::parse).orElse(OptionalLong.empty());
    }

    /** What -N knows of the local file before asking: its time (whole seconds) and size. */
    record Local(long modifiedSeconds, long size) {
        /** The local file, or null when there is none to compare with. */
        static Local of(Path file) throws DownloadException {
            try {
                if (!Files.isRegularFile(file)) {
                    return null;
                }
                return new Local(Files.getLastModifiedTime(file).to(TimeUnit.SECONDS), Files.size(file));
            } catch (IOException e) {
                throw new DownloadException(ExitCode.FILE_IO, "cannot read '" + file + "': " + IoMessages.describe(e),
                        e);
            }
        }

        String ifModifiedSince() {
            return HttpDate.format(modifiedSeconds);
        }

        /**
         * A 200 to our If-Modified-Since whose file is no newer than ours and of the same size: the server ignored
         * the question, and wget keeps the local file.
         */
        boolean isCurrentFor(ResponseHead head) {
            OptionalLong remote = lastModified(head);
            return remote.isPresent() && remote.getAsLong() <= modifiedSeconds
                    && (head.contentLength().isEmpty() || head.contentLength().getAsLong() == size);
        }
    }
}
