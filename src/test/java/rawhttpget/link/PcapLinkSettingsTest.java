package rawhttpget.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PcapLinkSettingsTest {

    @Test
    void defaultsToA16MiBBufferWithoutPromiscuousMode() {
        PcapLinkSettings settings = PcapLinkSettings.of("eth0", "tcp");
        assertThat(settings.kernelBufferBytes()).isEqualTo(16 * 1024 * 1024);
        assertThat(settings.promiscuous()).isFalse();
    }

    @Test
    void changesOneSettingAtATime() {
        Runnable setup = () -> { };
        PcapLinkSettings settings = PcapLinkSettings.of("eth0", "tcp")
                .withPromiscuous(true).withKernelBufferBytes(1 << 20).withTransmitThreadSetup(setup);
        assertThat(settings).isEqualTo(new PcapLinkSettings("eth0", "tcp", 1 << 20, true, setup));
    }

    @Test
    void rejectsAMissingInterfaceOrFilter() {
        assertThatThrownBy(() -> PcapLinkSettings.of(" ", "tcp")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PcapLinkSettings.of("eth0", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linkErrorsAreOneLine() {
        assertThat(new LinkException("pcap_activate failed\n  Operation not permitted\n").getMessage())
                .isEqualTo("pcap_activate failed; Operation not permitted");
    }
}
