package rawhttpget.ndp;

import org.junit.jupiter.api.Test;
import rawhttpget.inet.Ipv6Address;
import rawhttpget.testing.CapturedIpv6Frames;
import rawhttpget.testing.Hex;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rawhttpget.testing.CapturedIpv6Frames.CLIENT_MAC;
import static rawhttpget.testing.CapturedIpv6Frames.ROUTER_MAC;

class DuplicateAddressDetectionTest {
    private static final long S = 1_000_000_000L;
    private static final long OUR_MAC = 0x0200_0000_0001L;
    private static final Ipv6Address CLIENT = Ipv6Address.parse("2001:2::2");
    private static final Ipv6Address ROUTER = Ipv6Address.parse("2001:2::fe");

    private final List<String> sent = new ArrayList<>();
    private final DuplicateAddressDetection.Output out = (frame, offset, length) -> sent.add(Hex.of(frame, offset, length));

    @Test
    void sendsOneSolicitationThenClaimsTheAddressAfterOneSecondOfQuiet() {
        DuplicateAddressDetection dad = new DuplicateAddressDetection(OUR_MAC, CLIENT, 0);
        assertThat(dad.pollAt()).isZero();
        dad.poll(0, out);
        byte[] packet = new byte[NdpEmit.WITHOUT_OPTIONS];
        NdpEmit.duplicateAddressSolicitation(packet, 0, CLIENT);
        assertThat(sent).containsExactly("33 33 ff 00 00 02 02 00 00 00 00 01 86 dd " + Hex.of(packet));
        assertThat(dad.finished(S - 1)).isFalse();
        dad.poll(S - 1, out);
        assertThat(sent).hasSize(1);
        assertThat(dad.pollAt()).isEqualTo(S);
        assertThat(dad.finished(S)).isTrue();
        dad.poll(5 * S, out);
        assertThat(sent).hasSize(1);
        assertThat(dad.conflict()).isFalse();
    }

    @Test
    void anAdvertisementForTheAddressIsAConflict() {
        DuplicateAddressDetection dad = new DuplicateAddressDetection(OUR_MAC, ROUTER, 0);
        dad.poll(0, out);
        onFrame(dad, CapturedIpv6Frames.NEIGHBOR_ADVERTISEMENT);
        assertThat(dad.conflict()).isTrue();
        assertThat(dad.conflictMac()).isEqualTo(ROUTER_MAC);
        assertThat(dad.describeConflict()).isEqualTo("2001:2::fe is already in use by 2e:49:33:8e:b8:5a");
        assertThat(dad.finished(10 * S)).isFalse();
    }

    @Test
    void anotherHostDetectingTheSameAddressIsAConflict() {
        DuplicateAddressDetection dad = new DuplicateAddressDetection(OUR_MAC, CLIENT, 2, S, 0);
        dad.poll(0, out);
        onFrame(dad, CapturedIpv6Frames.DAD_NEIGHBOR_SOLICITATION);
        assertThat(dad.conflict()).isTrue();
        assertThat(dad.conflictMac()).isEqualTo(CLIENT_MAC);
        dad.poll(S, out);
        assertThat(sent).as("no more solicitations after a conflict").hasSize(1);
    }

    @Test
    void ignoresItsOwnSolicitationAndSomeoneResolvingTheAddress() {
        DuplicateAddressDetection own = new DuplicateAddressDetection(CLIENT_MAC, CLIENT, 0);
        onFrame(own, CapturedIpv6Frames.DAD_NEIGHBOR_SOLICITATION);
        assertThat(own.conflict()).as("the capture shows us our own frame").isFalse();

        DuplicateAddressDetection resolved = new DuplicateAddressDetection(OUR_MAC, ROUTER, 0);
        onFrame(resolved, CapturedIpv6Frames.NEIGHBOR_SOLICITATION);
        onFrame(resolved, CapturedIpv6Frames.SYN);
        onFrame(resolved, CapturedIpv6Frames.MLD_REPORT_WITH_HOP_BY_HOP);
        assertThat(resolved.conflict()).isFalse();
    }

    @Test
    void twoTransmitsGoOneRetransTimerApart() {
        DuplicateAddressDetection dad = new DuplicateAddressDetection(OUR_MAC, CLIENT, 2, S, 0);
        dad.poll(0, out);
        dad.poll(S, out);
        assertThat(sent).hasSize(2);
        assertThat(dad.finished(2 * S - 1)).isFalse();
        assertThat(dad.finished(2 * S)).isTrue();
        assertThatThrownBy(() -> new DuplicateAddressDetection(OUR_MAC, CLIENT, 0, S, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void onFrame(DuplicateAddressDetection dad, String hex) {
        byte[] frame = CapturedIpv6Frames.frame(hex);
        dad.onFrame(frame, 0, frame.length);
    }
}
