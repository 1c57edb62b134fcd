package rawhttpget.progress;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rawhttpget.time.ManualClock;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The -j summary line below {@link InOrderOutput}'s lines, against a fake terminal: each download on a thread of
 * its own (as the jobs of -j), the loop's {@link InOrderOutput#showReady} on the test's, time on a manual clock.
 */
class SummaryDisplayTest {
    private static final long MS = 1_000_000L;
    private static final long KIB = 1024;

    private final StringWriter terminal = new StringWriter();
    private final PrintWriter out = new PrintWriter(terminal);
    private final ManualClock clock = new ManualClock(5_000 * MS);
    private final SummaryDisplay summary = new SummaryDisplay(out, () -> 80, clock);
    private final InOrderOutput output = new InOrderOutput(out, 2, summary);
    private final PrintWriter err = new PrintWriter(output, true);
    private final ExecutorService first = Executors.newSingleThreadExecutor();
    private final ExecutorService second = Executors.newSingleThreadExecutor();
    private Progress progress1;
    private Progress progress2;

    @AfterEach
    void stopThreads() {
        first.shutdownNow();
        second.shutdownNow();
    }

    private static void on(ExecutorService thread, Runnable step) throws Exception {
        thread.submit(step).get();
    }

    /** What the terminal got since the last call. */
    private String written() {
        out.flush();
        String text = terminal.toString();
        terminal.getBuffer().setLength(0);
        return text;
    }

    @Test
    void theLineIsDrawnBelowTakenAwayForLinesAndDrawnAgainThenErasedAtTheEnd() throws Exception {
        on(first, () -> {
            output.bind(0);
            err.print("--DATE--  http://h/f1\n");
            progress1 = output.summaryProgress();
            progress1.start("f1", 0, 1000 * KIB, clock.nanos());
        });
        on(second, () -> {
            output.bind(1);
            err.print("--DATE--  http://h/f2\n");
            progress2 = output.summaryProgress();
            progress2.start("f2", 0, -1, clock.nanos());
        });
        output.showReady();
        // The first download's line as it goes, then the line below it.
        assertThat(written()).isEqualTo("--DATE--  http://h/f1\n" + "\r[#1 0/1000K(0%)][#2 0]");

        clock.advance(1000 * MS);
        on(first, () -> progress1.update(500 * KIB, clock.nanos()));
        on(second, () -> progress2.update(10 * KIB, clock.nanos()));
        on(first, () -> err.print("HTTP request sent, awaiting response... ")); // half a line: held back
        output.showReady();
        assertThat(written()).isEqualTo("\r[#1 500K/1000K(50%) DL:500KB/s][#2 10K DL:10.0KB/s]");

        clock.advance(199 * MS);
        output.showReady();
        assertThat(written()).as("at most five times a second").isEmpty();

        on(first, () -> {
            err.print("200 OK\n\n2026-12-07 02:00:01 (500 KB/s) - 'f1' saved [1024000/1024000]\n\n");
            progress1.update(1000 * KIB, clock.nanos());
            progress1.finish(clock.nanos(), true);
            output.finish(0);
        });
        output.showReady();
        // Erased to its length, the finished download's lines, then the line of what is still active.
        String drawn = "[#1 500K/1000K(50%) DL:500KB/s][#2 10K DL:10.0KB/s]";
        assertThat(written()).isEqualTo("\r" + " ".repeat(drawn.length()) + "\r"
                + "HTTP request sent, awaiting response... 200 OK\n\n"
                + "2026-12-07 02:00:01 (500 KB/s) - 'f1' saved [1024000/1024000]\n\n"
                + "--DATE--  http://h/f2\n"
                + "\r[#2 10K DL:8.34KB/s]"); // on an empty line: nothing to cover; the rate over 1.2 s now

        on(second, () -> {
            err.print("HTTP request sent, awaiting response... 200 OK\n\n'f2' saved [10240]\n\n");
            progress2.finish(clock.nanos(), true);
            output.finish(1);
        });
        output.showReady();
        // The end: erased before the last lines, and not drawn again.
        assertThat(written()).isEqualTo("\r" + " ".repeat("[#2 10K DL:8.34KB/s]".length()) + "\r"
                + "HTTP request sent, awaiting response... 200 OK\n\n'f2' saved [10240]\n\n");

        err.print("FINISHED --DATE--\n");
        output.showReady();
        assertThat(written()).isEqualTo("FINISHED --DATE--\n");
    }

    @Test
    void theRunsOwnLinesTakeTheLineAwayFirst() throws Exception {
        on(first, () -> {
            output.bind(0);
            output.summaryProgress().start("f1", 0, -1, clock.nanos());
        });
        output.showReady();
        assertThat(written()).isEqualTo("\r[#1 0]");

        err.print("a line of the run's own\n");
        assertThat(written()).isEqualTo("\r      \r" + "a line of the run's own\n");
        output.showReady();
        assertThat(written()).as("drawn again at its next time").isEmpty();
        clock.advance(200 * MS);
        output.showReady();
        assertThat(written()).isEqualTo("\r[#1 0]");
    }

    @Test
    void withoutASummaryLineTheOutputIsAsBefore() throws Exception {
        InOrderOutput plain = new InOrderOutput(out, 1);
        PrintWriter plainErr = new PrintWriter(plain, true);
        on(first, () -> {
            plain.bind(0);
            plainErr.print("HTTP request sent, awaiting response... ");
        });
        plain.showReady();
        assertThat(written()).isEqualTo("HTTP request sent, awaiting response... ");
    }
}
