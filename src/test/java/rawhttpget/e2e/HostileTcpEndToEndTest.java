package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import rawhttpget.e2e.RawTcpPeer.Fault;

/**
 * Adversarial segments end to end: the CLI downloads from {@link RawTcpPeer}, a scripted server with a TCP of its
 * own in the server namespace, which plays one fault per port half way through a 200 000-byte body (or in its
 * handshake). Each download must still complete with exit 0 and the exact bytes, and the client's log and the
 * peer's observations show the fault was met the way RFC 5961 and RFC 9293 ask. The same faults run in virtual
 * time in {@code stack.AdversarialSegmentsTest}.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileTcpEndToEndTest {
    @RegisterExtension
    static final NetworkFixture<TestNetwork> fixture = NetworkFixture.testNetwork("hostile-tcp", docroot -> {});

    private Process peer;
    private final List<String> peerSaid = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startThePeer() throws Exception {
        Path jar = Rawhttpget.jar();
        TestNetwork net = fixture.net();
        // The namespace's kernel knows nothing of the peer's connections: keep its RSTs off the wire.
        Command.check(List.of("ip", "netns", "exec", net.serverNamespace(), "iptables", "-A", "OUTPUT", "-p", "tcp",
                "--sport", Fault.values()[0].port() + ":" + Fault.values()[Fault.values().length - 1].port(),
                "--tcp-flags", "RST", "RST", "-j", "DROP"), Duration.ofSeconds(30));
        peer = new ProcessBuilder("ip", "netns", "exec", net.serverNamespace(),
                Rawhttpget.java(), "-Xmx128m",
                "-cp", jar + ":" + Repo.root().resolve("target/test-classes"), RawTcpPeer.class.getName(),
                net.prefix() + "s1", TestNetwork.SERVER_ONLINK_IP)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).as("the raw peer starts").isEqualTo("listening");
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    peerSaid.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "raw-peer-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Before the fixture takes the network down (JUnit runs extensions' after-all callbacks last). */
    @AfterAll
    void stopThePeer() throws Exception {
        if (peer != null) {
            peer.getOutputStream().close(); // EOF on its stdin stops it
            if (!peer.waitFor(10, TimeUnit.SECONDS)) {
                peer.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void blindResetOutsideTheWindowDoesNotEndTheDownload() throws Exception {
        CommandResult r = download(Fault.BLIND_RST);

        assertThat(said(Fault.BLIND_RST)).contains("fault-played BLIND_RST");
        assertThat(r.stderr()).doesNotContain("reset by peer");
    }

    @Test
    void resetInTheWindowButNotExactIsChallengedAndTheDownloadCompletes() throws Exception {
        CommandResult r = download(Fault.CHALLENGE_RST);

        assertThat(r.stderr()).contains("RST at seq").contains("sending challenge ACK");
    }

    @Test
    void dataOutsideTheWindowChangesNothing() throws Exception {
        download(Fault.OUT_OF_WINDOW_DATA);

        assertThat(said(Fault.OUT_OF_WINDOW_DATA)).contains("fault-played OUT_OF_WINDOW_DATA");
    }

    @Test
    void overlappingRetransmissionsWithOtherBytesLeaveTheFileAsFirstReceived() throws Exception {
        download(Fault.OVERLAPPING_RETRANSMISSION);

        assertThat(said(Fault.OVERLAPPING_RETRANSMISSION)).contains("fault-played OVERLAPPING_RETRANSMISSION");
    }

    @Test
    void synAckAcknowledgingTheWrongSequenceIsResetThenTheRealHandshakeSucceeds() throws Exception {
        CommandResult r = download(Fault.WRONG_SYN_ACK);

        assertThat(said(Fault.WRONG_SYN_ACK)).as("our RST carries the bogus ACK as its sequence").contains("rst seq 1000");
        assertThat(r.stderr()).contains("SYN-ACK acknowledges");
    }

    @Test
    void mssOfOneIsRaisedTo48() throws Exception {
        CommandResult r = download(Fault.MSS_ONE);

        String max = said(Fault.MSS_ONE).stream().filter(l -> l.startsWith("request-max-segment ")).findFirst()
                .orElseThrow();
        assertThat(Integer.parseInt(max.substring("request-max-segment ".length()))).isBetween(1, 48);
        assertThat(r.stderr()).contains("peer announced MSS 1; using 48");
    }

    @Test
    void zeroWindowHeldLongerThanTheTimeoutIsProbedThroughThenTheDownloadCompletes() throws Exception {
        // The peer holds its window shut for 6 s; answered probes keep a 3 s idle timeout from firing.
        download(Fault.ZERO_WINDOW, "--timeout", "3");

        String answered = said(Fault.ZERO_WINDOW).stream().filter(l -> l.startsWith("probes-answered ")).findFirst()
                .orElseThrow();
        // Probes at backed-off intervals (200, 400, 800, 1600, 3200 ms) and the handshake's ACK: a handful. A window
        // update that was always due once sent 3.4 million ACKs in those 6 s.
        assertThat(Integer.parseInt(answered.substring("probes-answered ".length()))).isBetween(1, 12);
    }

    @Test
    void arpReplyForTheServerFromAnotherMacIsLoggedAndFramesKeepGoingToTheRealOne() throws Exception {
        CommandResult r = download(Fault.ARP_SPOOF);

        assertThat(said(Fault.ARP_SPOOF)).contains("arp-spoofed 02:66:66:66:66:66")
                .noneMatch(l -> l.startsWith("frame-to-other-mac"));
        assertThat(r.stderr()).containsPattern("WARN .*198\\.18\\.1\\.1 now claims to be at 02:66:66:66:66:66");
    }

    /** Downloads from the fault's port with -v; asserts exit 0 and exactly the body, and only the file. */
    private CommandResult download(Fault fault, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("-i", fixture.net().onLinkInterface(), "-v"));
        args.addAll(List.of(options));
        args.add("http://" + TestNetwork.SERVER_ONLINK_IP + ":" + fault.port() + "/f.bin");
        CommandResult r = Rawhttpget.run(fixture.net(), fixture.work(), args.toArray(String[]::new));
        assertThat(r.exitCode()).as("exit code\n%s\npeer: %s", r.describe(), said(fault)).isZero();
        try (Stream<Path> files = Files.list(fixture.work())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("f.bin");
        }
        assertThat(Files.readAllBytes(fixture.work().resolve("f.bin"))).as("the file, byte for byte")
                .isEqualTo(HostileHttpServer.body(0, RawTcpPeer.BODY_LENGTH));
        awaitPeerSaying(fault, "complete " + bodyAndHeadLength());
        return r;
    }

    private static int bodyAndHeadLength() {
        return ("HTTP/1.1 200 OK\r\nContent-Length: " + RawTcpPeer.BODY_LENGTH + "\r\n\r\n").length()
                + RawTcpPeer.BODY_LENGTH;
    }

    /** The peer's lines come through a reader thread: give the last one a moment to arrive. */
    private void awaitPeerSaying(Fault fault, String line) throws InterruptedException {
        for (int i = 0; i < 50 && !said(fault).contains(line); i++) {
            Thread.sleep(100);
        }
        assertThat(said(fault)).as("the peer saw the whole response acknowledged").contains(line);
    }

    /** What the peer reported about connections to the fault's port, without the port. */
    private List<String> said(Fault fault) {
        String prefix = fault.port() + " ";
        return peerSaid.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
    }
}
