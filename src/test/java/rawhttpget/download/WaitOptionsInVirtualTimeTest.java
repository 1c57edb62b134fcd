package rawhttpget.download;

import org.junit.jupiter.api.Test;
import rawhttpget.testing.ScriptedHttpServer.Reply;
import rawhttpget.testing.VirtualNetwork;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * wget's -w/--wait and --random-wait, in virtual time: the pause before each request but the first, as wget 1.21.3
 * makes it (measured here: {@code wget -q -w 1 URL1 URL2} takes 1.0 s, one URL 0.0 s, a URL redirected once 1.0 s,
 * three URLs of which one is a 404 2.0 s; {@code -d} shows "sleep_between_retrievals: avg=2.000000,sleep=1.793281"
 * for {@code -w 2 --random-wait}). The pauses go through the run's sleeper, a slice at a time.
 */
class WaitOptionsInVirtualTimeTest extends VirtualTimeDownloads {
    private static final long SLICE = RetryPause.SLICE_NANOS;
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    WaitOptionsInVirtualTimeTest() {
        super("-q");
    }

    @Test
    void oneUrlDoesNotWait() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(Reply.respond(OK)));

        run(network, "-w", "5", SERVER + "/a");

        assertThat(network.sleeper.sleeps()).isEmpty();
    }

    @Test
    void waitsBetweenUrlsButNotBeforeTheFirst() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(Reply.respond(OK), Reply.respond(OK),
                Reply.respond("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"), Reply.respond(OK)));

        try {
            run(network, "--wait=2", SERVER + "/a", SERVER + "/b", SERVER + "/missing", SERVER + "/c");
        } catch (rawhttpget.failure.DownloadException expected) {
            // the 404 makes the run's status 8; the URL after it is still fetched, after its pause
        }

        assertThat(network.server.requests()).hasSize(4);
        assertThat(network.sleeper.sleeps()).isEqualTo(Collections.nCopies(3 * 20, SLICE));
    }

    @Test
    void aRedirectHopIsANewRetrievalAndWaitsToo() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.respond("HTTP/1.1 302 Found\r\nLocation: /b\r\nContent-Length: 0\r\n\r\n"), Reply.respond(OK)));

        run(network, "-w", "1", SERVER + "/a");

        assertThat(network.sleeper.sleeps()).isEqualTo(Collections.nCopies(10, SLICE));
    }

    @Test
    void aWaitThatIsNoWholeNumberOfSlicesLastsExactly() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(Reply.respond(OK), Reply.respond(OK)));

        run(network, "--wait=1.25", SERVER + "/a", SERVER + "/b");

        List<Long> expected = new ArrayList<>(Collections.nCopies(12, SLICE));
        expected.add(50_000_000L);
        assertThat(network.sleeper.sleeps()).isEqualTo(expected);
    }

    @Test
    void randomWaitPausesBetweenHalfAndOneAndAHalfTimesTheWait() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(Reply.respond(OK), Reply.respond(OK), Reply.respond(OK)));
        double[] fractions = {0.0, 0.99};
        int[] next = {0};
        randomWaits = () -> fractions[next[0]++];

        run(network, "-w", "2", "--random-wait", SERVER + "/a", SERVER + "/b", SERVER + "/c");

        // (0.5 + 0.0) × 2 s = 1 s, then (0.5 + 0.99) × 2 s = 2.98 s
        List<Long> expected = new ArrayList<>(Collections.nCopies(10, SLICE));
        expected.addAll(Collections.nCopies(29, SLICE));
        expected.add(80_000_000L);
        assertThat(network.sleeper.sleeps()).isEqualTo(expected);
    }

    @Test
    void aTryAfterAFailureWaitsWaitretrysBackoffInsteadOfTheWait() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(Reply.resetAfter("HTTP/1.1 200 OK\r\n"),
                Reply.respond(OK)));

        run(network, "-w", "5", "--tries=2", SERVER + "/a");

        assertThat(network.sleeper.sleeps()).isEqualTo(Collections.nCopies(10, SLICE)); // --waitretry's 1 s
    }

    @Test
    void withWaitretryZeroATryAfterAFailureWaitsTheWaitItselfEvenWithRandomWait() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(Reply.resetAfter("HTTP/1.1 200 OK\r\n"),
                Reply.respond(OK)));
        randomWaits = () -> {
            throw new AssertionError("a try after a failure waits --wait itself");
        };

        run(network, "-w", "3", "--random-wait", "--waitretry=0", "--tries=2", SERVER + "/a");

        assertThat(network.sleeper.sleeps()).isEqualTo(Collections.nCopies(30, SLICE));
    }
}
