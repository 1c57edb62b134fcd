package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI contract end to end: {@code rawhttpget.jar} downloads from nginx in a namespace test network through the
 * userspace stack, and every download is compared with the file served and with what curl (the kernel's TCP)
 * gets from the same URL. Needs root; run with {@code make test-e2e}.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DownloadEndToEndTest {

    /** The served files: name to size. Random content, made once for the whole class. */
    private static final Map<String, Long> FILES = Map.of(
            "empty.bin", 0L,
            "one.bin", 1L,
            "1M.bin", 1L << 20,
            "100M.bin", 100L << 20);

    /** Where the CLI sends its packets from and to, and whose address it uses. */
    enum Route {
        ON_LINK_HOST_ADDRESS(TestNetwork.SERVER_NAME, null),
        ON_LINK_OWN_ADDRESS(TestNetwork.SERVER_ONLINK_IP, TestNetwork.OWN_ONLINK_CIDR),
        ROUTED_HOST_ADDRESS(TestNetwork.SERVER_ROUTED_NAME, null),
        ROUTED_OWN_ADDRESS(TestNetwork.SERVER_ROUTED_IP, TestNetwork.OWN_ROUTED_CIDR);

        private final String host;
        private final String ownAddress;

        Route(String host, String ownAddress) {
            this.host = host;
            this.ownAddress = ownAddress;
        }

        /** Host-address routes name the server, own-address ones use its IP: both ways to a server get used. */
        String url(String path) {
            return "http://" + host + path;
        }

        List<String> options(TestNetwork net) {
            List<String> options = new ArrayList<>();
            options.add("-i");
            options.add(this == ON_LINK_HOST_ADDRESS || this == ON_LINK_OWN_ADDRESS
                    ? net.onLinkInterface() : net.routedInterface());
            if (ownAddress != null) {
                options.add("--ip");
                options.add(ownAddress);
            }
            return options;
        }
    }

    @RegisterExtension
    static final NetworkFixture<TestNetwork> fixture = NetworkFixture.testNetwork("download", docroot -> {
        long seed = 1;
        for (Map.Entry<String, Long> file : FILES.entrySet()) {
            TestFiles.random(docroot.resolve(file.getKey()), file.getValue(), seed++);
        }
        Files.createDirectory(docroot.resolve("dir"));
        TestFiles.random(docroot.resolve("dir/a.bin"), 1000, seed++);
        Files.writeString(docroot.resolve("dir/b.txt"), "a directory for the autoindex listing\n");
    });

    static Stream<Arguments> everyRouteAndFile() {
        return Stream.of(Route.values()).flatMap(route ->
                Stream.of("empty.bin", "one.bin", "1M.bin", "100M.bin").map(file -> Arguments.of(route, file)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyRouteAndFile")
    void downloadsTheFileIntactAndLeavesIptablesAsItWas(Route route, String file) throws Exception {
        String url = route.url("/" + file);

        Download download = download(route.options(fixture.net()), url);

        download.assertSavedExactly(file, Sha256.of(fixture.docroot().resolve(file)), fixture.net().curlSha256(url));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://files.test/", "http://files.test", "http://files.test/dir/"})
    void savesADirectoryListingAsIndexHtml(String url) throws Exception {
        Download download = download(Route.ON_LINK_HOST_ADDRESS.options(fixture.net()), url);

        // The listing exists only as nginx generates it, so curl's copy is the reference.
        String curls = fixture.net().curlSha256(url);
        download.assertSavedExactly("index.html", curls, curls);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"one.bin", "1M.bin"})
    void decodesAChunkedResponse(String file) throws Exception {
        String url = Route.ON_LINK_HOST_ADDRESS.url("/chunked/" + file);
        // Without this the test would silently stop testing chunked decoding if the server setup changed.
        assertThat(fixture.net().curlHeaders(url)).containsIgnoringCase("Transfer-Encoding: chunked");

        Download download = download(Route.ON_LINK_HOST_ADDRESS.options(fixture.net()), url);

        download.assertSavedExactly(file, Sha256.of(fixture.docroot().resolve(file)), fixture.net().curlSha256(url));
    }

    @Test
    void savesUnderTheNameGivenWithDashO() throws Exception {
        List<String> options = new ArrayList<>(Route.ON_LINK_HOST_ADDRESS.options(fixture.net()));
        options.addAll(List.of("-O", "copy.bin"));
        String url = Route.ON_LINK_HOST_ADDRESS.url("/1M.bin");

        Download download = download(options, url);

        download.assertSavedExactly("copy.bin", Sha256.of(fixture.docroot().resolve("1M.bin")),
                fixture.net().curlSha256(url));
    }

    @Test
    void notFoundExitsWithEightAndSavesNothing() throws Exception {
        Download download = download(Route.ON_LINK_HOST_ADDRESS.options(fixture.net()),
                Route.ON_LINK_HOST_ADDRESS.url("/no-such-file.bin"));

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(download.result.exitCode())
                    .as(download.run() + "exit code (contract: 8 for HTTP 4xx/5xx)\n%s", download.result.describe())
                    .isEqualTo(8);
            soft.assertThat(download.filesLeft).as(download.run() + "files in the working directory").isEmpty();
            soft.assertThat(download.iptablesAfter).as(download.run() + "firewall rules (iptables-save, nft list ruleset) after the run")
                    .isEqualTo(download.iptablesBefore);
        });
    }

    /**
     * nginx closes first, so the server keeps each of our connections in TIME-WAIT for 60 s. A second run from the
     * same local port must be let in at once: Linux accepts a SYN on a TIME-WAIT connection when its timestamp is
     * newer, which our timestamps are from one run to the next (IsnGenerator). With timestamps keyed per run, half
     * of such SYNs were refused and the handshake waited 1 s for the retransmission.
     */
    @Test
    void aSecondRunFromTheSamePortIsLetInAtOnceWhileTheServerHoldsTheFirstInTimeWait() throws Exception {
        String port = "47123";
        String url = Route.ON_LINK_HOST_ADDRESS.url("/one.bin");
        List<String> options = new ArrayList<>(Route.ON_LINK_HOST_ADDRESS.options(fixture.net()));
        // One request per connection, so that nginx closes first and holds the connection in TIME-WAIT.
        options.addAll(List.of("--no-http-keep-alive", "--local-port", port, "--stats", "-O"));

        List<String> first = new ArrayList<>(options);
        first.addAll(List.of("first.bin", url));
        CommandResult firstRun = Rawhttpget.run(fixture.net(), fixture.work(), first.toArray(String[]::new));
        assertThat(firstRun.exitCode()).as(firstRun.describe()).isZero();
        CommandResult timeWait = Command.run(List.of("ip", "netns", "exec", fixture.net().serverNamespace(), "ss", "-Htan",
                "state", "time-wait", "sport", "=", ":80", "dport", "=", ":" + port), Path.of("/"), Rawhttpget.TIMEOUT);
        assertThat(timeWait.stdout()).as("the server's sockets in TIME-WAIT\n%s", timeWait.describe())
                .contains(TestNetwork.CLIENT_ONLINK_IP + ":" + port);

        List<String> second = new ArrayList<>(options);
        second.addAll(List.of("second.bin", url));
        CommandResult secondRun = Rawhttpget.run(fixture.net(), fixture.work(), second.toArray(String[]::new));

        assertThat(secondRun.exitCode()).as(secondRun.describe()).isZero();
        assertThat(secondRun.stderr()).as("the second run's --stats")
                .contains("(" + TestNetwork.CLIENT_ONLINK_IP + "." + port + " > " + TestNetwork.SERVER_ONLINK_IP + ".80)")
                .contains("    0 segments retransmitted (0 timeouts, 0 fast retransmits)\n");
        assertThat(Sha256.of(fixture.work().resolve("second.bin"))).isEqualTo(Sha256.of(fixture.docroot().resolve("one.bin")));
    }

    /** One CLI run and what surrounds it. */
    private record Download(List<String> args, CommandResult result, List<String> filesLeft, Path work,
                            String iptablesBefore, String iptablesAfter) {

        /** Surefire names parameterised runs only by index, so every message says which run it was. */
        String run() {
            return "rawhttpget " + String.join(" ", args) + ": ";
        }

        /** Exit 0, only {@code name} in the working directory, with the source's and curl's SHA-256. */
        void assertSavedExactly(String name, String sourceSha256, String curlSha256) throws IOException {
            Path saved = work.resolve(name);
            String savedSha256 = Files.isRegularFile(saved) ? Sha256.of(saved) : "(no file " + name + ")";
            SoftAssertions.assertSoftly(soft -> {
                soft.assertThat(result.exitCode()).as(run() + "exit code\n%s", result.describe()).isZero();
                soft.assertThat(filesLeft).as(run() + "files in the working directory").containsExactly(name);
                soft.assertThat(savedSha256).as(run() + "sha256 of the download vs the source").isEqualTo(sourceSha256);
                soft.assertThat(curlSha256).as(run() + "sha256 of curl's copy vs the source").isEqualTo(sourceSha256);
                soft.assertThat(iptablesAfter).as(run() + "firewall rules (iptables-save, nft list ruleset) after the run").isEqualTo(iptablesBefore);
            });
        }
    }

    private Download download(List<String> options, String url) throws Exception {
        TestNetwork net = fixture.net();
        Path work = fixture.work();
        String before = net.firewallRules();
        List<String> args = new ArrayList<>(options);
        args.add(url);
        CommandResult result = Rawhttpget.run(net, work, args.toArray(String[]::new));
        String after = net.firewallRules();
        List<String> files;
        try (Stream<Path> listing = Files.list(work)) {
            files = listing.map(p -> p.getFileName().toString()).sorted().toList();
        }
        return new Download(args, result, files, work, before, after);
    }
}
