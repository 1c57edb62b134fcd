package rawhttpget.download;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.output.IoMessages;
import rawhttpget.report.EventLines;
import rawhttpget.report.HtmlReport;
import rawhttpget.report.TraceRecorder;
import rawhttpget.runtime.Network;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --report} and {@code --events} for one run: opens the events file before the first connection, lets the
 * stack tell a {@link TraceRecorder} of every segment, and writes the HTML report when the run ends, however it
 * ends. Without either option nothing is made and the stack is never told to observe.
 */
final class RunTrace {
    private final String reportFile;
    private final EventLines lines;
    private final TraceRecorder recorder;

    private RunTrace(String reportFile, EventLines lines, TraceRecorder recorder) {
        this.reportFile = reportFile;
        this.lines = lines;
        this.recorder = recorder;
    }

    /** Starts recording on {@code host}'s stack; null when neither option was given. */
    static RunTrace start(Network host, String reportFile, String eventsFile) throws DownloadException {
        if (reportFile == null && eventsFile == null) {
            return null;
        }
        long origin = host.clock().nanos();
        EventLines lines = null;
        if (eventsFile != null) {
            try {
                lines = new EventLines(new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(Path.of(eventsFile)),
                        StandardCharsets.UTF_8), 1 << 16), origin);
            } catch (IOException e) {
                throw new DownloadException(ExitCode.FILE_IO, "cannot open events file " + eventsFile + ": "
                        + IoMessages.describe(e), e);
            }
        }
        TraceRecorder recorder = new TraceRecorder(origin, lines);
        host.recordSegments(recorder);
        return new RunTrace(reportFile, lines, recorder);
    }

    /**
     * Closes the events file and writes the report. A failure is thrown when the run itself succeeded
     * ({@code failing} false), and said on {@code err} otherwise, so it never hides why the run failed.
     */
    void finish(Network host, PrintWriter err, boolean failing) throws DownloadException {
        host.recordSegments(null);
        DownloadException problem = null;
        if (lines != null) {
            try {
                lines.close();
                if (lines.failure() != null) {
                    throw lines.failure();
                }
            } catch (IOException e) {
                problem = new DownloadException(ExitCode.FILE_IO, "cannot write events file: " + IoMessages.describe(e), e);
            }
        }
        if (reportFile != null) {
            try {
                HtmlReport.write(Path.of(reportFile), recorder, host.runStats(), host.statsText());
            } catch (IOException e) {
                problem = new DownloadException(ExitCode.FILE_IO, "cannot write report " + reportFile + ": "
                        + IoMessages.describe(e), e);
            }
        }
        if (problem == null) {
            return;
        }
        if (failing) {
            err.println("rawhttpget: " + problem.getMessage());
            err.flush();
            return;
        }
        throw problem;
    }
}
