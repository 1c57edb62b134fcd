package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.output.BodySink;
import rawhttpget.output.FileSink;
import rawhttpget.output.IoMessages;
import rawhttpget.output.OutputName;
import rawhttpget.output.StreamSink;

import rawhttpget.http.HttpUrl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where one URL's body goes, decided before the first request the way wget decides it:
 * <ul>
 *   <li>{@code -O -}: standard output. {@code -O FILE}: that file, replaced when the download is complete; if
 *       FILE exists and is not a regular file (/dev/null, a named pipe) the body is written into it directly.</li>
 *   <li>Otherwise the name comes from the original URL ({@link OutputName}), in {@code -P DIR} if given. An
 *       existing file is never overwritten: the body goes to {@code NAME.1}, {@code NAME.2}, … instead. A name
 *       whose {@code NAME.part} exists counts as taken too, so a partial download stays there for {@code -c}.</li>
 *   <li>{@code -nc}: if the file exists, nothing is fetched ({@link Kind#SKIP}).</li>
 *   <li>{@code -c}: continue {@code NAME.part} if it exists, else {@code NAME} itself (a file left by wget or
 *       by a run without -c), asking for the bytes after it.</li>
 * </ul>
 */
final class OutputPlan {
    enum Kind { STDOUT, STREAM, FILE, SKIP }

    private final Kind kind;
    private final Path target;
    private Path partial;

    private OutputPlan(Kind kind, Path target, Path partial) {
        this.kind = kind;
        this.target = target;
        this.partial = partial;
    }

    /**
     * @param outputDocument -O's argument, or null
     * @param directoryPrefix -P's argument, or null; created if missing
     */
    static OutputPlan choose(String outputDocument, String directoryPrefix, boolean noClobber, boolean continuing,
                             HttpUrl original) throws DownloadException {
        return choose(outputDocument, directoryPrefix, noClobber, continuing, false,
                OutputName.fromLastSegment(original.lastPathSegment()));
    }

    /**
     * @param fileName  the name to save under when there is no -O (from the URL, or what the server proposed)
     * @param replacing -N: the file of that name is the one to replace, never NAME.1
     */
    static OutputPlan choose(String outputDocument, String directoryPrefix, boolean noClobber, boolean continuing,
                             boolean replacing, String fileName) throws DownloadException {
        if ("-".equals(outputDocument)) {
            return new OutputPlan(Kind.STDOUT, null, null);
        }
        Path target;
        boolean explicit = outputDocument != null;
        if (explicit) {
            target = Path.of(outputDocument);
        } else {
            Path directory = Path.of(directoryPrefix == null ? "." : directoryPrefix);
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new DownloadException(ExitCode.FILE_IO, "cannot create directory '" + directory + "': "
                        + e.getMessage(), e);
            }
            target = directory.resolve(fileName);
            if (directoryPrefix == null) {
                target = Path.of(target.getFileName().toString());
            }
        }
        if (explicit && Files.exists(target) && !Files.isRegularFile(target)) {
            if (Files.isDirectory(target)) {
                throw new DownloadException(ExitCode.FILE_IO, "'" + target + "' is a directory");
            }
            return new OutputPlan(Kind.STREAM, target, null);
        }
        if (noClobber && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return new OutputPlan(Kind.SKIP, target, null);
        }
        if (continuing) {
            Path part = FileSink.partOf(target);
            Path partial = Files.isRegularFile(part) ? part : Files.isRegularFile(target) ? target : null;
            return new OutputPlan(Kind.FILE, target, partial);
        }
        if (!explicit && !replacing) {
            target = unused(target);
        }
        return new OutputPlan(Kind.FILE, target, null);
    }

    /** {@code NAME}, or the first of {@code NAME.1}, {@code NAME.2}, … that neither exists nor has a .part. */
    static Path unused(Path name) {
        Path candidate = name;
        for (int n = 1; taken(candidate); n++) {
            candidate = name.resolveSibling(name.getFileName() + "." + n);
        }
        return candidate;
    }

    private static boolean taken(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                || Files.exists(FileSink.partOf(path), LinkOption.NOFOLLOW_LINKS);
    }

    Kind kind() {
        return kind;
    }

    /** The final file (or the device/pipe for {@link Kind#STREAM}); null for standard output. */
    Path target() {
        return target;
    }

    /** {@code NAME.part}, where a file of our naming is written before it gets its name. */
    Path partPath() {
        return FileSink.partOf(target);
    }

    /** The file whose bytes a Range request continues, or null. */
    Path partial() {
        return partial;
    }

    /** Bytes already held: the Range to ask for starts here. 0 means ask for the whole body. */
    long resumeOffset() throws DownloadException {
        if (partial == null) {
            return 0;
        }
        try {
            return Files.isRegularFile(partial) ? Files.size(partial) : 0;
        } catch (IOException e) {
            throw new DownloadException(ExitCode.FILE_IO, "cannot read the size of '" + partial + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * After a failed try that left a partial file: the next try continues it (as wget does with --tries), instead
     * of fetching again what already arrived.
     */
    void continueAfterFailedTry() {
        if (kind == Kind.FILE && Files.isRegularFile(FileSink.partOf(target))) {
            partial = FileSink.partOf(target);
        }
    }

    /** Opens where a whole body goes; {@code expectedSize}: the size announced, or -1. */
    BodySink openFresh(long expectedSize) throws DownloadException {
        try {
            return switch (kind) {
                case STDOUT -> StreamSink.stdout();
                case STREAM -> StreamSink.open(target);
                case FILE -> FileSink.fresh(target, expectedSize);
                case SKIP -> throw new IllegalStateException("a skipped URL has no exchange");
            };
        } catch (IOException e) {
            throw cannotWrite(kind == Kind.FILE ? FileSink.partOf(target) : target, e);
        }
    }

    /** Opens the partial file to add the rest after its {@code resumeOffset} bytes. */
    BodySink openAppend(long resumeOffset, long expectedSize) throws DownloadException {
        try {
            return FileSink.append(target, partial, resumeOffset, expectedSize);
        } catch (IOException e) {
            throw cannotWrite(partial, e);
        }
    }

    private static DownloadException cannotWrite(Path path, IOException e) {
        return new DownloadException(ExitCode.FILE_IO, "cannot open '" + path + "' for writing: "
                + IoMessages.describe(e), e);
    }

    /** What the user is told the body was saved as. */
    String displayName() {
        return target == null ? "-" : target.toString();
    }
}
