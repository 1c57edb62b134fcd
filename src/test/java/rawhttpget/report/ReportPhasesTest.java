package rawhttpget.report;

import org.junit.jupiter.api.Test;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.tcp.TcpConnection;
import rawhttpget.tcp.TcpFlags;
import rawhttpget.tcp.TcpOptions;
import rawhttpget.tcp.TcpSegment;
import rawhttpget.testing.MiniJson;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The phases of a connection in the report's data, on the run's clock in seconds: --stats's four, then TLS's
 * handshake when there was one, and the request from our first data after it until the first data back.
 */
class ReportPhasesTest {
    private static final long MS = 1_000_000L;
    private final TcpConnection connection = new TcpConnection(TcpConfig.defaults(1460),
            Ipv4Address.parseBits("198.18.0.1"), 40000, Ipv4Address.parseBits("198.18.0.2"), 443, 5000, 5000);
    private final TraceRecorder recorder = new TraceRecorder(1_000 * MS, null);
    private final byte[] buffer = new byte[2000];
    private final TcpSegment view = new TcpSegment();
    private final TcpOptions options = new TcpOptions();

    private void segment(long at, boolean out, int seq, int ack, int flags, int length) {
        int header = TcpSegment.emitHeader(buffer, 0, out ? 40000 : 443, out ? 443 : 40000, seq, ack, flags, 1000, null);
        view.wrap(buffer, 0, header + length);
        recorder.segment(connection, at, out, view, options);
        if (!out) {
            recorder.processed(connection, at);
        }
    }

    @Test
    void tlsAndTheRequestAreShownBesideStatsPhases() throws Exception {
        PhaseTimes phases = new PhaseTimes();
        phases.seen(1_000 * MS);
        phases.resolved(1_002 * MS);
        segment(1_002 * MS, true, 5000, 0, TcpFlags.SYN, 0);
        segment(1_022 * MS, false, 9000, 5001, TcpFlags.SYN | TcpFlags.ACK, 0);
        phases.established(1_022 * MS);
        segment(1_022 * MS, true, 5001, 9001, TcpFlags.ACK | TcpFlags.PSH, 300);
        segment(1_042 * MS, false, 9001, 5301, TcpFlags.ACK | TcpFlags.PSH, 1200);
        segment(1_042 * MS + 500_000, true, 5301, 10201, TcpFlags.ACK | TcpFlags.PSH, 80);
        phases.secured(1_043 * MS);
        segment(1_044 * MS, true, 5381, 10201, TcpFlags.ACK | TcpFlags.PSH, 120);
        segment(1_064 * MS, false, 10201, 5501, TcpFlags.ACK | TcpFlags.PSH, 500);
        phases.seen(1_070 * MS);
        phases.completed(1_070 * MS);
        phases.seen(1_071 * MS);
        phases.done();
        RunStats run = new RunStats();
        run.add("https://files.test/x", new TransferStats() {
            @Override
            public TcpConnection connection() {
                return connection;
            }

            @Override
            public PhaseTimes phases() {
                return phases;
            }
        });

        StringWriter json = new StringWriter();
        recorder.writeJson(json, run, "");
        Map<String, Object> c = MiniJson.object(MiniJson.array(MiniJson.object(MiniJson.parse(json.toString()))
                .get("connections")).get(0));

        assertThat(c.get("url")).isEqualTo("https://files.test/x");
        List<String> phaseLines = MiniJson.array(c.get("phases")).stream().map(MiniJson::object)
                .map(p -> p.get("name") + " " + p.get("start") + " " + p.get("end")).toList();
        assertThat(phaseLines).containsExactly("arp 0.0 0.002", "handshake 0.002 0.022", "transfer 0.022 0.07",
                "close 0.07 0.071", "tls 0.022 0.043", "request 0.044 0.064");
    }
}
