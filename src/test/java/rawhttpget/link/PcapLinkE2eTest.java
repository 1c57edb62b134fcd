package rawhttpget.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import rawhttpget.host.InterfaceInfo;
import rawhttpget.testnet.TestFrames;
import rawhttpget.testnet.VethNamespace;

/** PcapLink on the root end of a veth pair whose other end lives in a namespace this test creates. */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PcapLinkE2eTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private VethNamespace net;

    @BeforeAll
    void createNetwork() {
        assumeTrue(VethNamespace.runningAsRoot(), "needs root to create namespaces and capture");
        net = VethNamespace.create('l');
    }

    @AfterAll
    void removeNetwork() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void reportsTheLibpcapVersion() {
        assertThat(PcapLink.libraryVersion()).startsWith("libpcap version 1.");
    }

    @Test
    void anArpRequestSentThroughTheLinkIsAnsweredThroughIt() throws InterruptedException {
        byte[] ourMac = InterfaceInfo.read(net.rootEnd).macBytes();
        List<byte[]> frames = new ArrayList<>();
        try (PcapLink link = PcapLink.open(PcapLinkSettings.of(net.rootEnd, "arp"))) {
            byte[] request = TestFrames.arpRequest(ourMac, net.rootAddress, net.namespaceAddress);
            // Sent from an offset, as a stack writing into a larger buffer would.
            byte[] buffer = new byte[100];
            System.arraycopy(request, 0, buffer, 7, request.length);
            link.send(buffer, 7, request.length);

            long waited = 0;
            while (frames.stream().noneMatch(f -> TestFrames.arpOperation(f, 0) == TestFrames.ARP_REPLY)
                    && waited < 5 * SECOND) {
                link.awaitFrames(SECOND / 10);
                waited += SECOND / 10;
                link.receive((f, off, len) -> frames.add(java.util.Arrays.copyOfRange(f, off, off + len)));
            }
            assertThat(link.droppedFrames()).isZero();
        }
        byte[] reply = frames.stream().filter(f -> TestFrames.arpOperation(f, 0) == TestFrames.ARP_REPLY)
                .findFirst().orElseThrow(() -> new AssertionError("no ARP reply within 5 s"));
        assertThat(TestFrames.arpSenderIp(reply, 0)).isEqualTo(net.namespaceAddress);
        assertThat(TestFrames.arpSenderMac(reply, 0)).isEqualTo(TestFrames.parseMac(net.namespaceMac()));
        assertThat(frames).as("direction IN: our own request is not captured")
                .noneMatch(f -> java.util.Arrays.equals(TestFrames.sourceMac(f, 0), ourMac));
    }

    @Test
    void awaitFramesReturnsWithinItsTimeoutOnAQuietLine() throws InterruptedException {
        try (PcapLink link = PcapLink.open(PcapLinkSettings.of(net.rootEnd, "udp port 9"))) {
            long start = System.nanoTime();
            link.awaitFrames(SECOND / 5);
            long took = System.nanoTime() - start;
            assertThat(took).as("waited, nanoseconds").isBetween(SECOND / 10, SECOND / 5 + SECOND);
            assertThat(link.receive((f, off, len) -> { })).isZero();
        }
    }

    @Test
    void closeWakesTheCaptureThreadOnAQuietLineAtOnce() {
        PcapLink link = PcapLink.open(PcapLinkSettings.of(net.rootEnd, "udp port 9"));
        long start = System.nanoTime();
        link.close();
        assertThat(System.nanoTime() - start).as("close, nanoseconds").isLessThan(SECOND);
        link.close();
        assertThatThrownBy(() -> link.send(new byte[60], 0, 60)).isInstanceOf(LinkException.class)
                .hasMessage("cannot send on " + net.rootEnd + ": link is closed");
    }

    @Test
    void aMissingInterfaceIsAOneLineError() {
        assertThatThrownBy(() -> PcapLink.open(PcapLinkSettings.of("rhnosuch0", "arp")))
                .isInstanceOf(LinkException.class).hasMessage("no such interface: rhnosuch0");
    }

    @Test
    void aBadFilterIsAOneLineError() {
        assertThatThrownBy(() -> PcapLink.open(PcapLinkSettings.of(net.rootEnd, "arp and nonsense")))
                .isInstanceOf(LinkException.class)
                .hasMessageStartingWith("bad capture filter \"arp and nonsense\": ")
                .hasMessageNotContaining("\n");
    }
}
