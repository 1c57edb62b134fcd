package rawhttpget.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FirewallTest {
    private final RstRule rule = new RstRule(Ipv4Text.parse("198.18.0.1"), 40000, Ipv4Text.parse("198.18.1.2"), 80, 4242);
    private final IptablesCommands iptables = new IptablesCommands("iptables", "iptables-save");

    @Test
    void addsTheRuleAndRemovesExactlyIt() {
        FakeCommandRunner runner = new FakeCommandRunner();
        Firewall firewall = new Firewall(iptables, runner);
        InstalledRule installed = firewall.add(rule);
        firewall.remove(installed);
        assertThat(runner.ran()).containsExactly(iptables.add(rule), iptables.undo(rule, ""));
    }

    @Test
    void withNftCreatesTheTableFirstAndDeletesByHandle() {
        NftCommands nft = new NftCommands("nft");
        FakeCommandRunner runner = new FakeCommandRunner()
                .answer(0, "", "")
                .answer(0, "", "")
                .answer(0, "add rule inet rawhttpget output ... comment \"rawhttpget pid=4242\" # handle 9\n", "");
        Firewall firewall = new Firewall(nft, runner);
        firewall.remove(firewall.add(rule));
        assertThat(runner.ran()).containsExactly(nft.prepare().get(0), nft.prepare().get(1), nft.add(rule),
                List.of("nft", "delete", "rule", "inet", "rawhttpget", "output", "handle", "9"));
    }

    @Test
    void reportsAFailedCommandOnOneLineWithItsComplaint() {
        FakeCommandRunner runner = new FakeCommandRunner().answer(4, "",
                "iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n");
        Firewall firewall = new Firewall(new IptablesCommands("/usr/sbin/iptables", "iptables-save"), runner);
        assertThatThrownBy(() -> firewall.add(rule)).isInstanceOf(HostException.class).hasMessage(
                "cannot add firewall rule: iptables failed: iptables v1.8.9 (nf_tables): Could not fetch rule set "
                        + "generation id: Permission denied (you must be root)");
    }

    @Test
    void removesOnlyRulesOfProcessesThatNoLongerRun() {
        String saved = """
                *filter
                -A OUTPUT -s 198.18.0.1/32 -p tcp -m comment --comment "rawhttpget pid=111" -j DROP
                -A OUTPUT -s 198.18.0.1/32 -p tcp -m comment --comment "rawhttpget pid=222" -j DROP
                COMMIT
                """;
        FakeCommandRunner runner = new FakeCommandRunner().answer(0, saved, "");
        Firewall firewall = new Firewall(iptables, runner);
        assertThat(firewall.removeStaleRules(pid -> pid == 222)).isEqualTo(1);
        assertThat(runner.ran()).containsExactly(
                List.of("iptables-save", "-t", "filter"),
                List.of("iptables", "-w", "5", "-t", "filter", "-D", "OUTPUT", "-s", "198.18.0.1/32", "-p", "tcp",
                        "-m", "comment", "--comment", "rawhttpget pid=111", "-j", "DROP"));
    }

    @Test
    void findsNothingStaleWhenOurNftTableDoesNotExistYet() {
        FakeCommandRunner runner = new FakeCommandRunner().answer(1, "", "Error: No such file or directory\n");
        assertThat(new Firewall(new NftCommands("nft"), runner).removeStaleRules(pid -> false)).isZero();
    }

    @Test
    void knowsWhetherAProcessRuns() {
        assertThat(Firewall.isRunning(ProcessHandle.current().pid())).isTrue();
        assertThat(Firewall.isRunning(Long.MAX_VALUE)).isFalse();
    }
}
