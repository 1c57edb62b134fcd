package rawhttpget.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import rawhttpget.host.LinkReadiness.Carrier;
import rawhttpget.time.ManualClock;
import rawhttpget.time.Sleeper;

class LinkWaitTest {
    private static final long SECOND = 1_000_000_000L;
    private final ManualClock clock = new ManualClock(7 * SECOND);
    private final List<Long> sleeps = new ArrayList<>();
    private final Sleeper sleeper = nanos -> {
        sleeps.add(nanos);
        clock.advance(nanos);
    };

    private static InterfaceInfo veth(boolean adminUp, Carrier carrier, String operState) {
        return new InterfaceInfo("veth0", 0x02fc00000001L, 0xC6120001, 24, 1500, adminUp, operState, 1, carrier);
    }

    /** Down until {@code upAt} (clock time), then up with carrier. */
    private Supplier<InterfaceInfo> comesUpAt(long upAt) {
        return () -> clock.nanos() >= upAt ? veth(true, Carrier.ON, "down") : veth(false, Carrier.UNKNOWN, "down");
    }

    @Test
    void anInterfaceWithCarrierIsUsedAtOnceEvenWhileOperstateStillSaysDown() {
        InterfaceInfo info = LinkWait.untilUp(() -> veth(true, Carrier.ON, "down"), 60 * SECOND, clock, sleeper,
                () -> false);
        assertThat(info.isUp()).isTrue();
        assertThat(info.requireUsable()).isSameAs(info);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void pollsEveryTenthOfASecondUntilTheLinkComesUp() {
        InterfaceInfo info = LinkWait.untilUp(comesUpAt(7 * SECOND + 250_000_000L), 60 * SECOND, clock, sleeper,
                () -> false);
        assertThat(info.isUp()).isTrue();
        assertThat(sleeps).containsExactly(100_000_000L, 100_000_000L, 100_000_000L);
        assertThat(clock.nanos()).isEqualTo(7 * SECOND + 300_000_000L);
    }

    @Test
    void givesUpAfterTheTimeoutExactlyAndReturnsWhatItLastRead() {
        InterfaceInfo info = LinkWait.untilUp(() -> veth(true, Carrier.OFF, "lowerlayerdown"), 250_000_000L, clock,
                sleeper, () -> false);
        assertThat(sleeps).containsExactly(100_000_000L, 100_000_000L, 50_000_000L);
        assertThat(info.readiness()).isEqualTo(LinkReadiness.NO_LINK);
        org.assertj.core.api.Assertions.assertThatThrownBy(info::requireUsable)
                .isInstanceOf(UnusableInterfaceException.class)
                .hasMessage("interface veth0 has no link (operstate lowerlayerdown)");
    }

    @Test
    void anInterfaceThatStaysAdministrativelyDownKeepsItsMessage() {
        InterfaceInfo info = LinkWait.untilUp(comesUpAt(Long.MAX_VALUE), 2 * SECOND, clock, sleeper, () -> false);
        assertThat(sleeps).hasSize(20);
        assertThat(clock.nanos()).isEqualTo(9 * SECOND);
        org.assertj.core.api.Assertions.assertThatThrownBy(info::requireUsable)
                .hasMessage("interface veth0 is down (bring it up: ip link set veth0 up)");
    }

    @Test
    void stopsWaitingWhenAskedToStop() {
        InterfaceInfo info = LinkWait.untilUp(comesUpAt(Long.MAX_VALUE), 60 * SECOND, clock, sleeper,
                () -> sleeps.size() >= 2);
        assertThat(sleeps).hasSize(2);
        assertThat(info.isUp()).isFalse();
    }

    @Test
    void saysTheTimeoutInPlainSeconds() {
        assertThat(LinkWait.seconds(60 * SECOND)).isEqualTo("60");
        assertThat(LinkWait.seconds(2_500_000_000L)).isEqualTo("2.5");
        assertThat(LinkWait.seconds(1_000_000L)).isEqualTo("0.001");
    }
}
