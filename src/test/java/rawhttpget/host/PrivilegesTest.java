package rawhttpget.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PrivilegesTest {
    private static final Path JAVA = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");

    /** /proc/self/status of root, and of root under capsh --drop=cap_net_raw,cap_net_admin (both measured). */
    private static final String ROOT = "Name:\tjava\nCapInh:\t0000000000000000\nCapPrm:\t000001fffeffffff\n"
            + "CapEff:\t000001fffeffffff\nCapBnd:\t000001fffeffffff\n";
    private static final String DROPPED = "Name:\tjava\nCapInh:\t0000000000000000\nCapPrm:\t000001fffeffcfff\n"
            + "CapEff:\t000001fffeffcfff\nCapBnd:\t000001fffeffcfff\n";

    @Test
    void readsTheEffectiveSetNotThePermittedOne() {
        Privileges p = Privileges.parse("CapPrm:\t0000000000003000\nCapEff:\t0000000000002000\n");
        assertThat(p.has(Privileges.CAP_NET_RAW)).isTrue();
        assertThat(p.has(Privileges.CAP_NET_ADMIN)).isFalse();
    }

    @Test
    void rootPassesBothChecks() {
        assertThatCode(() -> Privileges.parse(ROOT).require(true, JAVA)).doesNotThrowAnyException();
    }

    @Test
    void withoutTheCapabilitiesSaysWhatIsMissingAndHowToGrantIt() {
        assertThatThrownBy(() -> Privileges.parse(DROPPED).require(true, JAVA)).isInstanceOf(HostException.class)
                .hasMessage("needs root or the capabilities CAP_NET_RAW and CAP_NET_ADMIN (missing CAP_NET_RAW,"
                        + " CAP_NET_ADMIN): run it with sudo, or grant them once with: sudo setcap"
                        + " cap_net_raw,cap_net_admin=eip /usr/lib/jvm/java-17-openjdk-amd64/bin/java");
    }

    @Test
    void withoutAFirewallRuleOnlyCapNetRawIsNeeded() {
        Privileges rawOnly = Privileges.parse("CapEff:\t0000000000002000\n");
        assertThatCode(() -> rawOnly.require(false, JAVA)).doesNotThrowAnyException();
        assertThatThrownBy(() -> rawOnly.require(true, JAVA)).hasMessageContaining("(missing CAP_NET_ADMIN)");
        assertThatThrownBy(() -> Privileges.parse(DROPPED).require(false, JAVA)).hasMessage(
                "needs root or the capabilities CAP_NET_RAW (missing CAP_NET_RAW): run it with sudo, or grant them"
                        + " once with: sudo setcap cap_net_raw=eip /usr/lib/jvm/java-17-openjdk-amd64/bin/java");
    }
}
