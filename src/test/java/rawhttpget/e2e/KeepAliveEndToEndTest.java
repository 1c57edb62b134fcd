package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Persistent connections against nginx, counted by nginx itself: its access log ends each line with
 * {@code conn=$connection reqs=$connection_requests} (scripts/lib/nginx.sh), so requests that shared a connection
 * share its number, and the n-th request on it says n.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeepAliveEndToEndTest {
    private static final Pattern CONNECTION = Pattern.compile("\"(\\S+ \\S+) HTTP/1\\.1\" (\\d+) .* conn=(\\d+) reqs=(\\d+)$");
    private static final int FILES = 5;

    @RegisterExtension
    static final NetworkFixture<TestNetwork> fixture = NetworkFixture.testNetworkWithHttps("kalive", docroot -> {
        for (int i = 0; i < FILES; i++) {
            TestFiles.random(docroot.resolve("f" + i + ".bin"), 200_000 + i * 7919, 40 + i);
        }
    });

    private final List<String> sha = new ArrayList<>();

    @BeforeAll
    void hashTheFiles() throws Exception {
        for (int i = 0; i < FILES; i++) {
            sha.add(Sha256.of(fixture.docroot().resolve("f" + i + ".bin")));
        }
    }

    /** One request in nginx's log: the request line's method and target, its status, its connection and number. */
    private record Logged(String request, int status, long connection, int number) {
    }

    private List<Logged> logSince(int lines) throws Exception {
        List<String> all = Files.readAllLines(fixture.net().stateDirectory().resolve("access.log"));
        List<Logged> logged = new ArrayList<>();
        for (String line : all.subList(lines, all.size())) {
            Matcher m = CONNECTION.matcher(line);
            assertThat(m.find()).as(line).isTrue();
            logged.add(new Logged(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
                    Integer.parseInt(m.group(4))));
        }
        return logged;
    }

    private int logLines() throws Exception {
        return Files.readAllLines(fixture.net().stateDirectory().resolve("access.log")).size();
    }

    private CommandResult rawhttpget(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-i", fixture.net().onLinkInterface()));
        all.addAll(Arrays.asList(args));
        return Rawhttpget.run(fixture.net(), fixture.work(), all.toArray(String[]::new));
    }

    private List<String> urls(String base) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            urls.add(base + "f" + i + ".bin");
        }
        return urls;
    }

    private void assertFilesIn(String directory) throws Exception {
        for (int i = 0; i < FILES; i++) {
            assertThat(Sha256.of(fixture.work().resolve(directory).resolve("f" + i + ".bin"))).isEqualTo(sha.get(i));
        }
    }

    @Test
    void severalUrlsOfOneServerGoOverOneConnection() throws Exception {
        int before = logLines();
        List<String> args = new ArrayList<>(List.of("-nv", "-P", "plain"));
        args.addAll(urls("http://files.test/"));

        CommandResult r = rawhttpget(args.toArray(String[]::new));

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertFilesIn("plain");
        List<Logged> log = logSince(before);
        assertThat(log).extracting(Logged::request)
                .containsExactly("GET /f0.bin", "GET /f1.bin", "GET /f2.bin", "GET /f3.bin", "GET /f4.bin");
        assertThat(log).extracting(Logged::connection).containsOnly(log.get(0).connection());
        assertThat(log).extracting(Logged::number).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void aRedirectHopReusesTheConnection() throws Exception {
        int before = logLines();

        CommandResult r = rawhttpget("-P", "redirect", "http://files.test/redirect/hops/2/f1.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stderr()).contains("Reusing existing connection to files.test:80.\n");
        assertThat(Sha256.of(fixture.work().resolve("redirect/f1.bin"))).isEqualTo(sha.get(1));
        List<Logged> log = logSince(before);
        assertThat(log).extracting(Logged::status).containsExactly(302, 302, 200);
        assertThat(log).extracting(Logged::connection).containsOnly(log.get(0).connection());
    }

    @Test
    void aServerThatClosesAfterTwoRequestsGetsANewConnectionForTheThird() throws Exception {
        int before = logLines();
        List<String> args = new ArrayList<>(List.of("-nv", "-P", "limit"));
        args.addAll(urls("http://files.test/keepalive2/"));

        CommandResult r = rawhttpget(args.toArray(String[]::new));

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertFilesIn("limit");
        List<Logged> log = logSince(before);
        assertThat(log).hasSize(FILES).extracting(Logged::number).containsExactly(1, 2, 1, 2, 1);
        assertThat(log.stream().map(Logged::connection).distinct()).hasSize(3);
    }

    @Test
    void httpsUrlsShareOneConnectionAndOneHandshake() throws Exception {
        int before = logLines();
        List<String> args = new ArrayList<>(List.of("-nv", "-P", "tls", "--ca-certificate",
                fixture.tlsDirectory().resolve("ca.pem").toString()));
        args.addAll(urls("https://files.test/"));

        CommandResult r = rawhttpget(args.toArray(String[]::new));

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertFilesIn("tls");
        List<Logged> log = logSince(before);
        assertThat(log).extracting(Logged::connection).hasSize(FILES).containsOnly(log.get(0).connection());
        assertThat(log).extracting(Logged::number).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void anErrorStatusesPageIsReadAndTheConnectionServesTheNextUrl() throws Exception {
        int before = logLines();

        CommandResult r = rawhttpget("-nv", "-P", "errors", "http://files.test/not-there.bin",
                "http://files.test/f2.bin");

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(8);
        assertThat(Sha256.of(fixture.work().resolve("errors/f2.bin"))).isEqualTo(sha.get(2));
        assertThat(Files.exists(fixture.work().resolve(Path.of("errors", "not-there.bin")))).isFalse();
        List<Logged> log = logSince(before);
        assertThat(log).extracting(Logged::status).containsExactly(404, 200);
        assertThat(log).extracting(Logged::connection).containsOnly(log.get(0).connection());
    }

    /**
     * Two ports of the server, so two connections one after the other: the run's nft table is made once, the second
     * connection is one more element of its set (one nft command), and the table goes once, at the end.
     */
    @Test
    void twoConnectionsShareTheRunsFirewallTableAndLeaveTheRulesAsTheyWere() throws Exception {
        String before = fixture.net().firewallRules();

        CommandResult r = rawhttpget("-v", "-P", "two", "http://files.test/f0.bin", "http://files.test:8080/f1.bin");
        String after = fixture.net().firewallRules();

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(Sha256.of(fixture.work().resolve("two/f0.bin"))).isEqualTo(sha.get(0));
        assertThat(Sha256.of(fixture.work().resolve("two/f1.bin"))).isEqualTo(sha.get(1));
        assertThat(r.stderr().split("firewall: added rule for ", -1)).as("tables made").hasSize(2);
        assertThat(r.stderr()).containsPattern("INFO  host: firewall: let the connection .*:8080 .* through the run's"
                + " rule: \\S+nft add element netdev rawhttpget-\\d+-\\d+ connections"
                + " \\{ 198\\.18\\.1\\.1 \\. 8080 \\. 198\\.18\\.1\\.2 \\. \\d+ }\n");
        assertThat(r.stderr().split("nft delete table netdev", -1)).as("tables deleted").hasSize(2);
        assertThat(after).isEqualTo(before);
    }

    /** --local-port: the second connection takes the port over from the first, whose rule stays until the end. */
    @Test
    void theLocalPortServesEveryConnectionOfTheRunInTurn() throws Exception {
        String before = fixture.net().firewallRules();

        CommandResult r = rawhttpget("-nv", "--local-port", "47211", "-P", "port", "http://files.test/f2.bin",
                "http://files.test:8080/f3.bin");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(Sha256.of(fixture.work().resolve("port/f2.bin"))).isEqualTo(sha.get(2));
        assertThat(Sha256.of(fixture.work().resolve("port/f3.bin"))).isEqualTo(sha.get(3));
        assertThat(fixture.net().firewallRules()).isEqualTo(before);
    }
}
