package rawhttpget.e2e;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import rawhttpget.testing.MiniJson;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * --report through the lossy WAN test network ({@code scripts/wannet.sh}, 20 ms each way, 2 % loss), with --pcap
 * and --events: the report's data counts what tshark counts in the trace, and headless Chromium opens the file
 * offline without a console error and draws its plots. The report stays in target/e2e/report-wan.html to look at.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportEndToEndTest {
    private static final String FILE = "wan-4M.bin";
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);
    private static final String CLIENT = "198.18.1.2";

    @RegisterExtension
    static final NetworkFixture<WanNetwork> fixture =
            NetworkFixture.wanNetwork("report", docroot -> TestFiles.random(docroot.resolve(FILE), 4L << 20, 41));

    @Test
    void aLossyDownloadsReportCountsWhatTsharkCountsAndOpensInABrowser() throws Exception {
        WanNetwork net = fixture.net();
        net.impair(List.of("-d", "20", "-r", "100", "-s", "11", "-l", "2"));
        Path work = fixture.work();
        CommandResult result = net.execInClient(work, Duration.ofSeconds(90), Rawhttpget.command("-q", "-i",
                net.clientInterface(), "-O", "copy.bin", "--pcap", "trace.pcap", "--report", "report.html", "--events",
                "events.jsonl", "http://" + WanNetwork.SERVER_IP + "/" + FILE));
        assertThat(result.exitCode()).as(result.describe()).isZero();
        Path html = work.resolve("report.html");
        Files.copy(html, fixture.scratch().resolve("report-wan.html"), StandardCopyOption.REPLACE_EXISTING);

        Map<String, Object> connection = MiniJson.object(MiniJson.array(data(html).get("connections")).get(0));
        List<Map<String, Object>> segments = MiniJson.array(connection.get("segments")).stream().map(MiniJson::object)
                .toList();
        long dataIn = segments.stream().filter(s -> s.get("dir").equals("in") && (Double) s.get("len") > 0).count();
        long out = segments.stream().filter(s -> s.get("dir").equals("out")).count();
        long in = segments.stream().filter(s -> s.get("dir").equals("in")).count();
        long retransmittedIn = segments.stream().filter(s -> s.get("dir").equals("in") && s.containsKey("retx")).count();
        Tshark t = tshark(work.resolve("trace.pcap"));
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(dataIn).as("data segments in").isEqualTo(t.dataFromServer);
        soft.assertThat(in).as("segments in").isEqualTo(t.fromServer);
        soft.assertThat(out).as("segments out").isEqualTo(t.fromClient);
        soft.assertThat(retransmittedIn).as("retransmissions marked, at 2 % loss").isPositive();
        soft.assertThat(Files.readAllLines(work.resolve("events.jsonl")))
                .hasSize(segments.size() + MiniJson.array(connection.get("events")).size());
        soft.assertThat(Files.size(html)).as("report size").isLessThan(20L << 20);

        Path shot = work.resolve("report.png");
        CommandResult browser = Command.run(List.of(executable("chromium"), "--headless=new", "--no-sandbox",
                "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0", "--window-size=1400,2000",
                "--screenshot=" + shot, "file://" + html), work, TOOL_TIMEOUT);
        soft.assertThat(browser.exitCode()).as(browser.describe()).isZero();
        soft.assertThat(browser.stderr().lines().filter(l -> l.contains(":CONSOLE(")))
                .as("console messages (errors included)").isEmpty();
        BufferedImage image = ImageIO.read(shot.toFile());
        soft.assertThat(colouredPixels(image, 0x1f3fbf)).as("pixels of received data (I-bars, throughput)")
                .isGreaterThan(500);
        soft.assertThat(colouredPixels(image, 0x0a8a2a)).as("pixels of the ACK line and goodput").isGreaterThan(500);
        soft.assertThat(colouredPixels(image, 0xb8860b)).as("pixels of our window's edge").isGreaterThan(300);
        soft.assertAll();
    }

    private static Map<String, Object> data(Path html) throws IOException {
        String text = Files.readString(html);
        int start = text.indexOf("<script type=\"application/json\" id=\"rawhttpget-data\">");
        return MiniJson.object(MiniJson.parse(text.substring(text.indexOf('>', start) + 1, text.indexOf("</script>", start))));
    }

    /** Pixels within a small distance of {@code rgb}: the plots' own colours, which no text or grid uses. */
    private static long colouredPixels(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int d = Math.abs(((p >> 16) & 0xFF) - ((rgb >> 16) & 0xFF)) + Math.abs(((p >> 8) & 0xFF) - ((rgb >> 8) & 0xFF))
                        + Math.abs((p & 0xFF) - (rgb & 0xFF));
                if (d < 40) {
                    n++;
                }
            }
        }
        return n;
    }

    private record Tshark(long fromClient, long fromServer, long dataFromServer) {
    }

    private static Tshark tshark(Path trace) throws IOException, InterruptedException {
        CommandResult r = Command.run(List.of(executable("tshark"), "-r", trace.toString(), "-Y", "tcp", "-T", "fields",
                "-E", "separator=,", "-e", "ip.src", "-e", "tcp.len"), Path.of("/"), TOOL_TIMEOUT);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        long client = 0;
        long server = 0;
        long data = 0;
        for (String line : r.stdout().lines().toList()) {
            String[] f = line.split(",", -1);
            if (f[0].equals(CLIENT)) {
                client++;
            } else {
                server++;
                data += Long.parseLong(f[1]) > 0 ? 1 : 0;
            }
        }
        return new Tshark(client, server, data);
    }

    /** The tools scripts/deps.sh installs; root's PATH does not always include sbin. */
    private static String executable(String name) {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError(name + " is not installed: run 'make deps' (scripts/deps.sh installs it)");
    }
}
