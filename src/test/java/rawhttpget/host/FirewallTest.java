package rawhttpget.host;

import rawhttpget.inet.Ipv4Address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FirewallTest {
    private final RstRule rule = new RstRule("eth0", Ipv4Address.parseBits("198.18.0.1"), 40000, Ipv4Address.parseBits("198.18.1.2"), 80, 4242);
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
    void withNftCreatesTheProcesssTableFirstAndDeletesItAfterwards() {
        NftCommands nft = new NftCommands("nft");
        FakeCommandRunner runner = new FakeCommandRunner();
        Firewall firewall = new Firewall(nft, runner);
        firewall.remove(firewall.add(rule));
        assertThat(runner.ran()).containsExactly(nft.prepare(rule).get(0), nft.prepare(rule).get(1),
                nft.prepare(rule).get(2), nft.prepare(rule).get(3), nft.add(rule),
                List.of("nft", "delete", "table", "inet", "rawhttpget-4242"));
    }

    @Test
    void withNftLaterConnectionsOfTheRunAreOneElementEachAndGoWithTheTable() {
        NftIngressCommands nft = new NftIngressCommands("nft");
        FakeCommandRunner runner = new FakeCommandRunner();
        Firewall firewall = new Firewall(nft, runner);
        RstRule second = new RstRule("eth0", Ipv4Address.parseBits("198.18.0.1"), 40001,
                Ipv4Address.parseBits("198.18.1.3"), 8080, 4242);

        InstalledRule first = firewall.add(rule);
        InstalledRule next = firewall.add(second);
        firewall.remove(next);
        firewall.remove(first);
        firewall.add(rule);

        assertThat(runner.ran()).containsExactly(nft.add(rule),
                List.of("nft", "add", "element", "netdev", "rawhttpget-4242", "connections",
                        "{ 198.18.1.3 . 8080 . 198.18.0.1 . 40001 }"),
                List.of("nft", "delete", "table", "netdev", "rawhttpget-4242"),
                nft.add(rule));
    }

    @Test
    void withIptablesEveryConnectionHasARuleOfItsOwn() {
        FakeCommandRunner runner = new FakeCommandRunner();
        Firewall firewall = new Firewall(iptables, runner);
        RstRule second = new RstRule("eth0", Ipv4Address.parseBits("198.18.0.1"), 40001,
                Ipv4Address.parseBits("198.18.1.2"), 80, 4242);
        InstalledRule first = firewall.add(rule);
        firewall.remove(firewall.add(second));
        firewall.remove(first);
        assertThat(runner.ran()).containsExactly(iptables.add(rule), iptables.add(second), iptables.undo(second, ""),
                iptables.undo(rule, ""));
    }

    @Test
    void withNftATableMadeForARuleThatFailedIsDeletedAgain() {
        NftCommands nft = new NftCommands("nft");
        FakeCommandRunner runner = new FakeCommandRunner().answer(0, "", "").answer(0, "", "").answer(0, "", "")
                .answer(0, "", "").answer(1, "", "Error: Could not process rule: No buffer space available\n");
        Firewall firewall = new Firewall(nft, runner);
        assertThatThrownBy(() -> firewall.add(rule)).isInstanceOf(HostException.class)
                .hasMessage("cannot add firewall rule: nft failed: Error: Could not process rule: No buffer space available");
        assertThat(runner.ran()).last().isEqualTo(List.of("nft", "delete", "table", "inet", "rawhttpget-4242"));
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
        assertThat(firewall.removeStaleRules(owner -> owner.pid() == 222)).isEqualTo(1);
        assertThat(runner.ran()).containsExactly(
                List.of("iptables-save", "-t", "filter"),
                List.of("iptables", "-w", "5", "-t", "filter", "-D", "OUTPUT", "-s", "198.18.0.1/32", "-p", "tcp",
                        "-m", "comment", "--comment", "rawhttpget pid=111", "-j", "DROP"));
    }

    @Test
    void removesStaleIpv6RulesWithIp6tablesAfterTheIpv4Ones() {
        String saved = """
                *filter
                -A OUTPUT -s 198.18.0.1/32 -p tcp -m comment --comment "rawhttpget pid=111 start=5000" -j DROP
                COMMIT
                """;
        String saved6 = """
                *filter
                -A OUTPUT -s 2001:db8::a/128 -d 2001:db8::2/128 -p tcp -m tcp --sport 40000 --dport 443 --tcp-flags RST RST -m comment --comment "rawhttpget pid=333 start=7000" -j DROP
                -A OUTPUT -s 2001:db8::a/128 -d 2001:db8::2/128 -p tcp -m tcp --sport 40001 --dport 443 --tcp-flags RST RST -m comment --comment "rawhttpget pid=222 start=6000" -j DROP
                COMMIT
                """;
        FakeCommandRunner runner = new FakeCommandRunner().answer(0, saved, "").answer(0, "", "")
                .answer(0, saved6, "");
        Firewall firewall = new Firewall(new IptablesCommands("/usr/sbin/iptables", "/usr/sbin/iptables-save",
                "/usr/sbin/ip6tables-save"), runner);
        assertThat(firewall.removeStaleRules(owner -> owner.pid() == 222)).isEqualTo(2);
        assertThat(runner.ran()).containsExactly(
                List.of("/usr/sbin/iptables-save", "-t", "filter"),
                List.of("/usr/sbin/iptables", "-w", "5", "-t", "filter", "-D", "OUTPUT", "-s", "198.18.0.1/32", "-p",
                        "tcp", "-m", "comment", "--comment", "rawhttpget pid=111 start=5000", "-j", "DROP"),
                List.of("/usr/sbin/ip6tables-save", "-t", "filter"),
                List.of("/usr/sbin/ip6tables", "-w", "5", "-t", "filter", "-D", "OUTPUT", "-s", "2001:db8::a/128",
                        "-d", "2001:db8::2/128", "-p", "tcp", "-m", "tcp", "--sport", "40000", "--dport", "443",
                        "--tcp-flags", "RST", "RST", "-m", "comment", "--comment", "rawhttpget pid=333 start=7000",
                        "-j", "DROP"));
    }

    @Test
    void aFailedIp6tablesSaveIsNotReportedButAFailedIptablesSaveStillIs() {
        FakeCommandRunner runner = new FakeCommandRunner().answer(0, "*filter\nCOMMIT\n", "")
                .answer(1, "", "ip6tables-save: cannot initialize\n");
        Firewall firewall = new Firewall(new IptablesCommands("iptables", "iptables-save", "ip6tables-save"), runner);
        assertThat(firewall.removeStaleRules(owner -> false)).isZero();
        assertThat(runner.ran()).containsExactly(List.of("iptables-save", "-t", "filter"),
                List.of("ip6tables-save", "-t", "filter"));

        FakeCommandRunner denied = new FakeCommandRunner().answer(4, "", "iptables-save: Permission denied\n")
                .answer(0, "-A OUTPUT -m comment --comment \"rawhttpget pid=111\" -j DROP\n", "");
        Firewall refused = new Firewall(new IptablesCommands("iptables", "iptables-save", "ip6tables-save"), denied);
        assertThatThrownBy(() -> refused.removeStaleRules(owner -> false)).isInstanceOf(HostException.class)
                .hasMessage("cannot list firewall rules: iptables-save -t filter: iptables-save: Permission denied");
        assertThat(denied.ran()).last().isEqualTo(List.of("ip6tables", "-w", "5", "-t", "filter", "-D", "OUTPUT",
                "-m", "comment", "--comment", "rawhttpget pid=111", "-j", "DROP"));
    }

    @Test
    void removesTheNftTablesOfProcessesThatNoLongerRun() {
        FakeCommandRunner runner = new FakeCommandRunner()
                .answer(0, "table ip filter\ntable inet rawhttpget-111\ntable inet rawhttpget-222\n", "");
        assertThat(new Firewall(new NftCommands("nft"), runner).removeStaleRules(owner -> owner.pid() == 222)).isEqualTo(1);
        assertThat(runner.ran()).containsExactly(List.of("nft", "list", "tables"),
                List.of("nft", "delete", "table", "inet", "rawhttpget-111"));
    }

    @Test
    void knowsWhetherAProcessRuns() {
        assertThat(Firewall.isRunning(ProcessHandle.current().pid())).isTrue();
        assertThat(Firewall.isRunning(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void whereTheIngressDropFailsFallsBackToIptablesAndKeepsItForTheRun() {
        NftIngressCommands ingress = new NftIngressCommands("nft");
        FakeCommandRunner runner = new FakeCommandRunner()
                .answer(1, "", "Error: Could not process rule: Operation not supported\n");
        Firewall firewall = new Firewall(List.of(ingress, iptables), runner);
        assertThat(firewall.dropsAtIngress()).isTrue();
        InstalledRule installed = firewall.add(rule);
        firewall.remove(installed);
        firewall.add(rule);
        assertThat(firewall.tool()).isEqualTo("iptables");
        assertThat(firewall.dropsAtIngress()).isFalse();
        assertThat(runner.ran()).containsExactly(ingress.add(rule), iptables.add(rule), iptables.undo(rule, ""),
                iptables.add(rule));
    }

    @Test
    void whenEveryChoiceFailsReportsTheLastOnesError() {
        FakeCommandRunner runner = new FakeCommandRunner().answer(1, "", "Error: no netdev\n")
                .answer(4, "", "iptables: Permission denied\n");
        Firewall firewall = new Firewall(List.of(new NftIngressCommands("nft"), iptables), runner);
        assertThatThrownBy(() -> firewall.add(rule)).isInstanceOf(HostException.class)
                .hasMessage("cannot add firewall rule: iptables failed: iptables: Permission denied");
    }

    @Test
    void removesLeftoversOfEveryChoiceListingNftOnlyOnce() {
        String saved = """
                *filter
                -A OUTPUT -s 198.18.0.1/32 -p tcp -m comment --comment "rawhttpget pid=111" -j DROP
                COMMIT
                """;
        FakeCommandRunner runner = new FakeCommandRunner()
                .answer(0, "table netdev rawhttpget-222\ntable inet rawhttpget-333\ntable netdev rawhttpget-444\n", "")
                .answer(0, "", "").answer(0, "", "")
                .answer(0, saved, "");
        Firewall firewall = new Firewall(List.of(new NftIngressCommands("nft"), new NftCommands("nft"), iptables), runner);
        assertThat(firewall.removeStaleRules(owner -> owner.pid() == 444)).isEqualTo(3);
        assertThat(runner.ran()).containsExactly(
                List.of("nft", "list", "tables"),
                List.of("nft", "delete", "table", "netdev", "rawhttpget-222"),
                List.of("nft", "delete", "table", "inet", "rawhttpget-333"),
                List.of("iptables-save", "-t", "filter"),
                List.of("iptables", "-w", "5", "-t", "filter", "-D", "OUTPUT", "-s", "198.18.0.1/32", "-p", "tcp",
                        "-m", "comment", "--comment", "rawhttpget pid=111", "-j", "DROP"));
    }

    @Test
    void aFailedListingDoesNotKeepTheOtherToolsLeftoversFromBeingRemoved() {
        FakeCommandRunner runner = new FakeCommandRunner().answer(1, "", "Error: netlink: Operation not permitted\n")
                .answer(0, "-A OUTPUT -m comment --comment \"rawhttpget pid=111\" -j DROP\n", "");
        Firewall firewall = new Firewall(List.of(new NftIngressCommands("nft"), iptables), runner);
        assertThatThrownBy(() -> firewall.removeStaleRules(owner -> false)).isInstanceOf(HostException.class)
                .hasMessage("cannot list firewall rules: nft list tables: Error: netlink: Operation not permitted");
        assertThat(runner.ran()).last().isEqualTo(List.of("iptables", "-w", "5", "-t", "filter", "-D", "OUTPUT", "-m",
                "comment", "--comment", "rawhttpget pid=111", "-j", "DROP"));
    }

    @Test
    void removesTablesOfZombiesAndOfReusedPidsButNotOfALiveRun() {
        String tail = " 1 4 4 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 %d 0 0";
        // 111: a zombie (killed under a parent that does not reap); 222 runs since tick 6000, so the table that
        // names it with tick 5000 is a killed run's whose PID was reused; 333 is the live run of table 333-7000.
        ProcessTable processes = new ProcessTable(pid -> java.util.Optional.ofNullable(java.util.Map.of(
                111L, "111 (java) Z" + tail.formatted(5000),
                222L, "222 (sleep) S" + tail.formatted(6000),
                333L, "333 (java) R" + tail.formatted(7000)).get(pid)));
        FakeCommandRunner runner = new FakeCommandRunner().answer(0, """
                table netdev rawhttpget-111
                table netdev rawhttpget-222-5000
                table netdev rawhttpget-333-7000
                table inet rawhttpget-111-5000
                """, "");
        Firewall firewall = new Firewall(new NftIngressCommands("nft"), runner);
        assertThat(firewall.removeStaleRules(processes::runs)).isEqualTo(3);
        assertThat(runner.ran()).containsExactly(List.of("nft", "list", "tables"),
                List.of("nft", "delete", "table", "netdev", "rawhttpget-111"),
                List.of("nft", "delete", "table", "netdev", "rawhttpget-222-5000"),
                List.of("nft", "delete", "table", "inet", "rawhttpget-111-5000"));
    }
}
