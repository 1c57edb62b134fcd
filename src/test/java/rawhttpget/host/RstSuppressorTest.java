package rawhttpget.host;

import rawhttpget.inet.Ipv4Address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RstSuppressorTest {
    private final RstRule rule = RstRule.forThisProcess("eth0", Ipv4Address.parseBits("198.18.0.1"), 40000, Ipv4Address.parseBits("198.18.1.2"), 80);
    private final IptablesCommands iptables = new IptablesCommands("iptables", "iptables-save");

    @Test
    void clearsLeftoversThenAddsTheRuleAndRemovesItOnce() {
        FakeCommandRunner runner = new FakeCommandRunner().answer(0, "*filter\nCOMMIT\n", "");
        RstSuppressor suppressor = RstSuppressor.install(new Firewall(iptables, runner), rule);
        suppressor.close();
        suppressor.close();
        assertThat(runner.ran()).containsExactly(iptables.list(), iptables.add(rule), iptables.undo(rule, ""));
    }

    @Test
    void aFailedSearchForLeftoversDoesNotStopTheInstall() {
        FakeCommandRunner runner = new FakeCommandRunner().answer(127, "", "iptables-save: not found\n");
        try (RstSuppressor suppressor = RstSuppressor.install(new Firewall(iptables, runner), rule)) {
            assertThat(suppressor.rule()).isEqualTo(rule);
        }
        assertThat(runner.ran()).containsExactly(iptables.list(), iptables.add(rule), iptables.undo(rule, ""));
    }

    @Test
    void marksTheRuleWithThisProcessesPidAndStartTime() {
        long pid = ProcessHandle.current().pid();
        assertThat(rule.comment()).isEqualTo("rawhttpget pid=" + pid + " start="
                + ProcessTable.statOfThisProcess().orElseThrow().startTime());
        assertThat(rule.pid()).isEqualTo(pid);
        assertThat(RuleOwner.ofComment("rawhttpget pid=77")).hasValue(RuleOwner.pidOnly(77));
        assertThat(RuleOwner.ofComment("rawhttpget pid=77 start=1234")).hasValue(RuleOwner.of(77, 1234));
        assertThat(RuleOwner.ofComment("rawhttpget pid=77 extra")).isEmpty();
        assertThat(RuleOwner.ofComment("rawhttpget pid=77 start=")).isEmpty();
        assertThat(RuleOwner.ofComment("rawhttpget pid=0")).isEmpty();
        assertThat(RuleOwner.ofComment("rawhttpget pid=99999999999999999999")).isEmpty();
    }

    @Test
    void aFailedInstallLeavesNothingToUndo() {
        FakeCommandRunner runner = new FakeCommandRunner().answer(0, "", "").answer(1, "", "iptables: No chain/target/match by that name.\n");
        assertThatThrownBy(() -> RstSuppressor.install(new Firewall(iptables, runner), rule))
                .isInstanceOf(HostException.class)
                .hasMessage("cannot add firewall rule: iptables failed: iptables: No chain/target/match by that name.");
        assertThat(runner.ran()).hasSize(2).doesNotContain(iptables.undo(rule, ""));
        assertThat(runner.ran()).last().isEqualTo(List.copyOf(iptables.add(rule)));
    }

    @Test
    void aRemovalInTheBackgroundRemovesTheRuleOnceAndAwaitClosedReturnsAfterIt() {
        FakeCommandRunner runner = new FakeCommandRunner().answer(0, "*filter\nCOMMIT\n", "");
        RstSuppressor suppressor = RstSuppressor.install(new Firewall(iptables, runner), rule);
        suppressor.closeInBackground();
        suppressor.close();
        suppressor.close();
        assertThat(runner.ran()).containsExactly(iptables.list(), iptables.add(rule), iptables.undo(rule, ""));
    }

    @Test
    void closeThrowsWhatTheBackgroundRemovalFailedWith() {
        FakeCommandRunner runner = new FakeCommandRunner().answer(0, "*filter\nCOMMIT\n", "").answer(0, "", "")
                .answer(1, "", "iptables: Bad rule (does a matching rule exist in that chain?).\n");
        RstSuppressor suppressor = RstSuppressor.install(new Firewall(iptables, runner), rule);
        suppressor.closeInBackground();
        assertThatThrownBy(suppressor::close).isInstanceOf(HostException.class)
                .hasMessage("cannot remove firewall rule " + rule + ": iptables failed: iptables: Bad rule (does a"
                        + " matching rule exist in that chain?).");
    }

    @Test
    void theSweepOnItsThreadReadsBothFamiliesListingsBeforeTheInstallAdds() {
        IptablesCommands both = new IptablesCommands("iptables", "iptables-save", "ip6tables-save");
        FakeCommandRunner runner = new FakeCommandRunner().answer(0, "*filter\nCOMMIT\n", "")
                .answer(0, "*filter\nCOMMIT\n", "");
        Firewall firewall = new Firewall(both, runner);
        StaleRuleSweep sweep = StaleRuleSweep.start(firewall);
        try (RstSuppressor suppressor = RstSuppressor.install(firewall, rule, sweep)) {
            assertThat(suppressor.rule()).isEqualTo(rule);
        }
        assertThat(runner.ran()).containsExactly(List.of("iptables-save", "-t", "filter"),
                List.of("ip6tables-save", "-t", "filter"), both.add(rule), both.undo(rule, ""));
    }

    @Test
    void anInstallAfterASweepListsTheLeftoversOnlyOnceAndAddsAfterTheSweep() {
        FakeCommandRunner runner = new FakeCommandRunner().answer(0, "*filter\nCOMMIT\n", "");
        Firewall firewall = new Firewall(iptables, runner);
        StaleRuleSweep sweep = StaleRuleSweep.start(firewall);
        try (RstSuppressor suppressor = RstSuppressor.install(firewall, rule, sweep)) {
            assertThat(suppressor.rule()).isEqualTo(rule);
        }
        assertThat(runner.ran()).containsExactly(iptables.list(), iptables.add(rule), iptables.undo(rule, ""));
    }
}
