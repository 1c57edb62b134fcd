package rawhttpget.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IsnGeneratorTest {
    private static final byte[] RUN_A = "secret of one run, 32 bytes long".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RUN_B = "secret of another run, 32 bytes!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BOOT = "3f1c2a9e-6b7d-4e21-9c55-0a1b2c3d4e5f".getBytes(StandardCharsets.US_ASCII);
    private static final int LOCAL = 0xC6120102;
    private static final int SERVER = 0xC6120101;

    @Test
    void twoRunsOfOneBootShareTheTimestampOffsetOfAnAddressPair() {
        IsnGenerator first = new IsnGenerator(RUN_A, BOOT);
        IsnGenerator second = new IsnGenerator(RUN_B, BOOT);

        assertThat(second.timestampOffset(LOCAL, SERVER)).isEqualTo(first.timestampOffset(LOCAL, SERVER));
        // (So a SYN of the second run carries a newer timestamp than the first run's last ACK, and a server holding
        // that connection in TIME-WAIT accepts it.)
        // Their ISNs for the same 4-tuple and time still differ: the ISN secret is the run's own.
        assertThat(second.isn(LOCAL, 40000, SERVER, 80, 0)).isNotEqualTo(first.isn(LOCAL, 40000, SERVER, 80, 0));
    }

    @Test
    void theOffsetDependsOnTheKeyAndTheAddressesButNotThePorts() {
        IsnGenerator g = new IsnGenerator(RUN_A, BOOT);
        IsnGenerator otherBoot = new IsnGenerator(RUN_A, RUN_B);

        assertThat(otherBoot.timestampOffset(LOCAL, SERVER)).isNotEqualTo(g.timestampOffset(LOCAL, SERVER));
        assertThat(g.timestampOffset(LOCAL, SERVER + 1)).isNotEqualTo(g.timestampOffset(LOCAL, SERVER));
        assertThat(g.timestampOffset(LOCAL + 1, SERVER)).isNotEqualTo(g.timestampOffset(LOCAL, SERVER));
    }

    @Test
    void theIsnRunsWithAFourMicrosecondClock() {
        IsnGenerator g = new IsnGenerator(RUN_A, BOOT);
        assertThat(g.isn(LOCAL, 40000, SERVER, 80, 4_000_000) - g.isn(LOCAL, 40000, SERVER, 80, 0)).isEqualTo(1000);
    }

    @Test
    void refusesShortKeys() {
        assertThatThrownBy(() -> new IsnGenerator(new byte[15], BOOT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IsnGenerator(RUN_A, new byte[15])).isInstanceOf(IllegalArgumentException.class);
    }
}
