package rawhttpget.download;

import org.junit.jupiter.api.Test;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.testing.ScriptedHttpServer.Reply;
import rawhttpget.testing.VirtualNetwork;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * wget's --read-timeout and -T over a server that accepts the connection and then says nothing: the download gives
 * up after exactly the read timeout of silence, in virtual time; a --connect-timeout does not shorten it.
 */
class TimeoutOptionsInVirtualTimeTest extends VirtualTimeDownloads {
    TimeoutOptionsInVirtualTimeTest() {
        super("--progress=dot");
    }

    @Test
    void theReadTimeoutEndsASilenceAfterTheHandshake() {
        assertSilenceEndsAfter(30, "--connect-timeout=5", "--read-timeout=30");
    }

    @Test
    void aReadTimeoutTakesWgetsSuffixes() {
        assertSilenceEndsAfter(120, "--read-timeout=2m");
    }

    @Test
    void theLastOfTimeoutAndReadTimeoutWins() {
        assertSilenceEndsAfter(7, "--read-timeout=30", "-T", "7");
        assertSilenceEndsAfter(30, "-T", "7", "--read-timeout=30");
    }

    private void assertSilenceEndsAfter(long seconds, String... options) {
        VirtualNetwork network = new VirtualNetwork(List.of(Reply.silence()));
        long start = network.clock.nanos();
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(options),
                java.util.stream.Stream.of(SERVER + "/x.bin")).toArray(String[]::new);

        assertThatThrownBy(() -> run(network, args)).isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NETWORK))
                .hasMessage("connection timed out (198.18.0.2 (198.18.0.2:80))");
        assertThat(network.clock.nanos() - start).isEqualTo(seconds * 1_000_000_000L);
    }
}
