package rawhttpget.download;

import org.junit.jupiter.api.Test;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.testing.MiniJson;
import rawhttpget.testing.ScriptedHttpServer.Reply;
import rawhttpget.testing.VirtualNetwork;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * --report and --events over whole downloads in virtual time: one entry per connection (each redirect and each URL
 * opens one), with the phases and the --stats header, and the same segments in the events file.
 */
class ReportInVirtualTimeTest extends VirtualTimeDownloads {
    ReportInVirtualTimeTest() {
        super("-q");
    }

    private Map<String, Object> data(Path html) throws Exception {
        String text = Files.readString(html);
        int start = text.indexOf("<script type=\"application/json\" id=\"rawhttpget-data\">");
        assertThat(start).isPositive();
        return MiniJson.object(MiniJson.parse(text.substring(text.indexOf('>', start) + 1, text.indexOf("</script>", start))));
    }

    @Test
    void aRedirectAndASecondUrlGiveThreeConnectionsInOrder() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.respond("HTTP/1.1 302 Found\r\nLocation: /b.bin\r\nContent-Length: 0\r\n\r\n"),
                Reply.respond("HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n" + "x".repeat(3000)),
                Reply.respond("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")));
        Path html = dir.resolve("run.html");
        Path events = dir.resolve("run.jsonl");

        run(network, "--report", html.toString(), "--events", events.toString(), SERVER + "/a.bin", SERVER + "/c.txt");

        Map<String, Object> doc = data(html);
        assertThat(doc.get("version")).isEqualTo(1.0);
        assertThat((String) doc.get("stats")).startsWith("rawhttpget statistics\n" + SERVER + "/a.bin (198.18.0.1.50000 > ");
        List<Map<String, Object>> connections = MiniJson.array(doc.get("connections")).stream().map(MiniJson::object).toList();
        assertThat(connections).extracting(c -> c.get("url"))
                .containsExactly(SERVER + "/a.bin", SERVER + "/b.bin", SERVER + "/c.txt");
        assertThat(connections).extracting(c -> c.get("local"))
                .containsExactly("198.18.0.1:50000", "198.18.0.1:50001", "198.18.0.1:50002");
        assertThat(connections).allSatisfy(c -> assertThat(c.get("remote")).isEqualTo("198.18.0.2:80"));
        long segments = 0;
        long eventCount = 0;
        for (Map<String, Object> c : connections) {
            Map<String, Object> counters = MiniJson.object(c.get("counters"));
            List<Object> segs = MiniJson.array(c.get("segments"));
            long in = segs.stream().filter(s -> MiniJson.object(s).get("dir").equals("in")).count();
            assertThat(in).isEqualTo(((Double) counters.get("segmentsIn")).longValue());
            assertThat(segs.size() - in).isEqualTo(((Double) counters.get("segmentsOut")).longValue());
            assertThat(MiniJson.object(segs.get(0))).containsEntry("dir", "out").containsEntry("flags", "S")
                    .containsEntry("seq", 0.0);
            assertThat(MiniJson.array(c.get("phases")).stream().map(p -> MiniJson.object(p).get("name")))
                    .containsExactly("arp", "handshake", "transfer", "close", "request");
            segments += segs.size();
            eventCount += MiniJson.array(c.get("events")).size();
        }
        List<String> lines = Files.readAllLines(events);
        assertThat(lines).hasSize((int) (segments + eventCount));
        lines.forEach(MiniJson::parse);
        assertThat(lines.get(0)).startsWith("{\"conn\":\"198.18.0.1:50000>198.18.0.2:80\",\"t\":");
    }

    @Test
    void aFailedRunStillWritesItsReport() throws Exception {
        VirtualNetwork network = new VirtualNetwork(List.of(
                Reply.respond("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found")));
        Path html = dir.resolve("failed.html");

        assertThatThrownBy(() -> run(network, "--report", html.toString(), SERVER + "/missing.bin"))
                .isInstanceOf(DownloadException.class)
                .satisfies(e -> assertThat(((DownloadException) e).exitCode()).isEqualTo(ExitCode.SERVER_ERROR));

        assertThat(MiniJson.array(data(html).get("connections"))).hasSize(1);
    }

    @Test
    void anEventsFileThatCannotBeOpenedFailsBeforeAnyConnection() {
        VirtualNetwork network = new VirtualNetwork(List.of(Reply.respond("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")));

        assertThatThrownBy(() -> run(network, "--events", dir.resolve("no/such/dir/x.jsonl").toString(), SERVER + "/x"))
                .isInstanceOf(DownloadException.class)
                .hasMessage("cannot open events file " + dir.resolve("no/such/dir/x.jsonl") + ": no such file or directory");
        assertThat(network.server.requests()).isEmpty();
    }
}
