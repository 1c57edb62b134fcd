package rawhttpget.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import rawhttpget.time.Clock;

/** wget 1.21.3's status lines, word for word as it printed them for the same downloads from the test network. */
class StatusLinesTest {
    private static final ZoneId ZONE = ZoneOffset.UTC;
    private static final long SECOND = 1_000_000_000L;
    private static final long START = LocalDateTime.of(2026, 12, 7, 2, 0, 0).toEpochSecond(ZoneOffset.UTC) * SECOND;

    private final StringWriter text = new StringWriter();
    private final long[] now = {START};
    private final Clock epoch = () -> now[0];

    private StatusLines lines(StatusLines.Verbosity verbosity, boolean unicode) {
        return new StatusLines(new PrintWriter(text), verbosity, epoch, ZONE, unicode);
    }

    @Test
    void aDownloadByNameAtTheDefaultVerbosity() {
        StatusLines s = lines(StatusLines.Verbosity.NORMAL, true);
        s.requesting("http://files.test/f", 1);
        s.resolved("files.test", "198.18.1.1");
        s.connecting("files.test", "198.18.1.1", 80);
        s.response(200, "OK");
        s.length(1_048_576, -1, "application/octet-stream");
        s.savingTo("f");
        now[0] += SECOND;
        s.saved("f", "http://files.test/f", 1_048_576, 1_048_576, 85.3 * 1024 * 1024, 1);

        assertThat(text.toString()).isEqualTo("""
                --2026-12-07 02:00:00--  http://files.test/f
                Resolving files.test (files.test)... 198.18.1.1
                Connecting to files.test (files.test)|198.18.1.1|:80... connected.
                HTTP request sent, awaiting response... 200 OK
                Length: 1048576 (1.0M) [application/octet-stream]
                Saving to: ‘f’

                2026-12-07 02:00:01 (85.3 MB/s) - ‘f’ saved [1048576/1048576]

                """);
    }

    @Test
    void aRedirectSaysTheLocationAsSentAndANameIsResolvedOnce() {
        StatusLines s = lines(StatusLines.Verbosity.NORMAL, true);
        s.requesting("http://files.test/redirect/port8080/f", 1);
        s.resolved("files.test", "198.18.1.1");
        s.connecting("files.test", "198.18.1.1", 80);
        s.response(307, "Temporary Redirect");
        s.following("http://files.test:8080/f");
        s.requesting("http://files.test:8080/f", 1);
        s.resolved("files.test", "198.18.1.1");
        s.connecting("files.test", "198.18.1.1", 8080);
        s.response(200, "OK");

        assertThat(text.toString()).isEqualTo("""
                --2026-12-07 02:00:00--  http://files.test/redirect/port8080/f
                Resolving files.test (files.test)... 198.18.1.1
                Connecting to files.test (files.test)|198.18.1.1|:80... connected.
                HTTP request sent, awaiting response... 307 Temporary Redirect
                Location: http://files.test:8080/f [following]
                --2026-12-07 02:00:00--  http://files.test:8080/f
                Connecting to files.test (files.test)|198.18.1.1|:8080... connected.
                HTTP request sent, awaiting response... 200 OK
                """);
    }

    @Test
    void aResumeSaysWhatRemains() {
        StatusLines s = lines(StatusLines.Verbosity.NORMAL, true);
        s.length(1_048_576, 748_576, "application/octet-stream");
        s.length(-1, -1, "application/octet-stream");
        s.length(500, -1, null);

        assertThat(text.toString()).isEqualTo("""
                Length: 1048576 (1.0M), 748576 (731K) remaining [application/octet-stream]
                Length: unspecified [application/octet-stream]
                Length: 500
                """);
    }

    @Test
    void standardOutputAndAnUnknownLength() {
        StatusLines s = lines(StatusLines.Verbosity.NORMAL, true);
        s.savingTo(null);
        s.saved(null, "http://files.test/f", 1_048_576, 1_048_576, 79.2 * 1024 * 1024, 1);
        s.saved("c", "http://files.test/chunked/f", 1_048_576, -1, 32.8 * 1024 * 1024, 1);

        assertThat(text.toString()).isEqualTo("""
                Saving to: ‘STDOUT’

                2026-12-07 02:00:00 (79.2 MB/s) - written to stdout [1048576/1048576]


                2026-12-07 02:00:00 (32.8 MB/s) - ‘c’ saved [1048576]

                """);
    }

    @Test
    void failuresToResolveAndToConnect() {
        StatusLines s = lines(StatusLines.Verbosity.NORMAL, true);
        s.requesting("http://nohost.test/f", 1);
        s.resolveFailed("nohost.test", "nohost.test: Temporary failure in name resolution");
        s.requesting("http://files.test:81/f", 2);
        s.connecting("files.test", "198.18.1.1", 81);
        s.failedBeforeResponse(false, "connection refused (files.test (198.18.1.1:81))");

        assertThat(text.toString()).isEqualTo("""
                --2026-12-07 02:00:00--  http://nohost.test/f
                Resolving nohost.test (nohost.test)... failed: Temporary failure in name resolution.
                --2026-12-07 02:00:00--  (try: 2)  http://files.test:81/f
                Connecting to files.test (files.test)|198.18.1.1|:81... failed: Connection refused.
                """);
    }

    @Test
    void aFailureAfterConnectingLeavesTheReasonToTheErrorLine() {
        StatusLines s = lines(StatusLines.Verbosity.NORMAL, true);
        s.connecting("files.test", "198.18.1.1", 443);
        s.failedBeforeResponse(true, "certificate for files.test is not trusted");
        assertThat(text.toString()).isEqualTo("Connecting to files.test (files.test)|198.18.1.1|:443... connected.\n");
    }

    @Test
    void anAddressLiteralIsNotResolved() {
        StatusLines s = lines(StatusLines.Verbosity.NORMAL, false);
        s.connecting(null, "198.18.1.1", 8080);
        s.response(200, "OK");
        assertThat(text.toString()).isEqualTo("Connecting to 198.18.1.1:8080... connected.\n"
                + "HTTP request sent, awaiting response... 200 OK\n");
    }

    @Test
    void aCompleteFileIsNothingToDo() {
        lines(StatusLines.Verbosity.NORMAL, true).alreadyComplete();
        assertThat(text.toString()).isEqualTo("\n    The file is already fully retrieved; nothing to do.\n\n");
    }

    @Test
    void noVerboseSaysOneLinePerFile() {
        StatusLines s = lines(StatusLines.Verbosity.NOT_VERBOSE, true);
        s.requesting("http://files.test/f", 1);
        s.resolved("files.test", "198.18.1.1");
        s.connecting("files.test", "198.18.1.1", 80);
        s.response(200, "OK");
        s.length(1_048_576, -1, "application/octet-stream");
        s.savingTo("f");
        now[0] += SECOND;
        s.saved("f.2", "http://files.test/f", 1_048_576, 1_048_576, 1e6, 1);
        s.saved(null, "http://files.test/chunked/f", 1_048_576, -1, 1e6, 2);

        assertThat(text.toString()).isEqualTo("""
                2026-12-07 02:00:01 URL:http://files.test/f [1048576/1048576] -> "f.2" [1]
                2026-12-07 02:00:01 URL:http://files.test/chunked/f [1048576] -> "-" [2]
                """);
    }

    @Test
    void severalUrlsAreSummedUpAtTheEnd() {
        lines(StatusLines.Verbosity.NORMAL, true).finished(2, 131_072, 0.000_613, 0.002);
        lines(StatusLines.Verbosity.NOT_VERBOSE, true).finished(3, 3_145_728, 65.2, 3725);

        assertThat(text.toString()).isEqualTo("""
                FINISHED --2026-12-07 02:00:00--
                Total wall clock time: 0.002s
                Downloaded: 2 files, 128K in 0.001s (204 MB/s)
                FINISHED --2026-12-07 02:00:00--
                Total wall clock time: 1h 2m 5s
                Downloaded: 3 files, 3.0M in 1m 5s (47.1 KB/s)
                """);
    }

    @Test
    void quietSaysNothing() {
        StatusLines s = lines(StatusLines.Verbosity.QUIET, true);
        s.requesting("http://files.test/f", 1);
        s.savingTo("f");
        s.saved("f", "http://files.test/f", 1, 1, 1, 1);
        s.alreadyComplete();
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void timestampsAreLocalTime() {
        StatusLines s = new StatusLines(new PrintWriter(text), StatusLines.Verbosity.NORMAL, epoch,
                ZoneId.of("Europe/Paris"), true);
        s.requesting("http://files.test/f", 1);
        assertThat(text.toString()).startsWith("--2026-12-07 03:00:00--");
    }

    @Test
    void quotesFollowTheLocalesCharacterSet() {
        // Which locale is UTF-8: WgetQuotesTest.
        StatusLines ascii = lines(StatusLines.Verbosity.NORMAL, false);
        ascii.savingTo("f");
        assertThat(text.toString()).isEqualTo("Saving to: 'f'\n");
    }
}
