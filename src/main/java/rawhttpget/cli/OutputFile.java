package rawhttpget.cli;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * {@code -o FILE} and {@code -a FILE}: everything the run would write to stderr goes to FILE instead, as with
 * wget. System.err itself is replaced, so log lines written by the console appender go there too (unless
 * {@code --log-file} sends them elsewhere).
 */
final class OutputFile {
    private OutputFile() {
    }

    /** Opens FILE (truncated, or appended to) and makes it the process's stderr; returns a writer on it. */
    static PrintWriter redirectStderr(String path, boolean append) throws DownloadException {
        PrintStream stream;
        try {
            stream = new PrintStream(new FileOutputStream(path, append), true, Charset.defaultCharset());
        } catch (IOException e) {
            throw new DownloadException(ExitCode.FILE_IO, path + ": " + reason(e));
        }
        System.setErr(stream);
        return new PrintWriter(stream, true);
    }

    /** The OS's words: FileOutputStream says "PATH (No such file or directory)". */
    static String reason(IOException e) {
        String message = String.valueOf(e.getMessage());
        int open = message.lastIndexOf(" (");
        return open >= 0 && message.endsWith(")") ? message.substring(open + 2, message.length() - 1) : message;
    }
}
