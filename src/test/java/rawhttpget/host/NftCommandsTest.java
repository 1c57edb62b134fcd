package rawhttpget.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NftCommandsTest {
    private final NftCommands nft = new NftCommands("nft");
    private final RstRule rule = new RstRule(Ipv4Text.parse("198.18.0.1"), 40000, Ipv4Text.parse("198.18.1.2"), 80, 4242);

    @Test
    void createsATableAndOutputChainOfItsOwn() {
        assertThat(nft.prepare()).containsExactly(
                List.of("nft", "add", "table", "inet", "rawhttpget"),
                List.of("nft", "add", "chain", "inet", "rawhttpget", "output",
                        "{ type filter hook output priority 0 ; policy accept ; }"));
    }

    @Test
    void addsARuleDroppingOnlyThisConnectionsOutgoingRsts() {
        assertThat(nft.add(rule)).containsExactly(
                "nft", "--echo", "--handle", "add", "rule", "inet", "rawhttpget", "output",
                "ip", "saddr", "198.18.0.1", "tcp", "sport", "40000",
                "ip", "daddr", "198.18.1.2", "tcp", "dport", "80",
                "tcp", "flags", "&", "rst", "==", "rst",
                "drop", "comment", "\"rawhttpget pid=4242\"");
    }

    @Test
    void deletesTheRuleByTheHandleNftEchoed() {
        // nft 1.0.6 --echo --handle output.
        String echoed = """
                add rule inet rawhttpget output ip saddr 198.18.0.1 tcp sport 40000 tcp dport 80 ip daddr 198.18.1.2 tcp flags & rst == rst drop comment "rawhttpget pid=4242" # handle 17
                # new generation 7 by process 18720 (nft)
                """;
        assertThat(nft.undo(rule, echoed)).containsExactly(
                "nft", "delete", "rule", "inet", "rawhttpget", "output", "handle", "17");
    }

    @Test
    void refusesToGuessWhenNoHandleWasEchoed() {
        assertThatThrownBy(() -> nft.undo(rule, "")).isInstanceOf(HostException.class)
                .hasMessageStartingWith("nft did not report the handle");
    }

    @Test
    void findsRulesWhoseOwnerNoLongerRuns() {
        String listing = """
                table inet rawhttpget {
                \tchain output { # handle 1
                \t\ttype filter hook output priority filter; policy accept;
                \t\tip saddr 198.18.0.1 tcp sport 40000 tcp dport 80 ip daddr 198.18.1.2 tcp flags & rst == rst drop comment "rawhttpget pid=111" # handle 2
                \t\tip saddr 198.18.0.1 tcp sport 40001 tcp dport 80 ip daddr 198.18.1.2 tcp flags & rst == rst drop comment "rawhttpget pid=222" # handle 3
                \t}
                }
                """;
        List<FirewallCommands.StaleRule> stale = nft.staleRules(listing, pid -> pid == 222);
        assertThat(stale).extracting(FirewallCommands.StaleRule::pid).containsExactly(111L);
        assertThat(stale.get(0).deleteCommand()).containsExactly(
                "nft", "delete", "rule", "inet", "rawhttpget", "output", "handle", "2");
    }

    @Test
    void aMissingTableMeansNoRulesOfOursYet() {
        assertThat(nft.list()).containsExactly("nft", "--handle", "list", "chain", "inet", "rawhttpget", "output");
        assertThat(nft.listFailureMeansNoRules(new CommandResult(1, "",
                "Error: No such file or directory\nlist chain inet rawhttpget output\n"))).isTrue();
        assertThat(nft.listFailureMeansNoRules(new CommandResult(1, "",
                "Error: Could not process rule: Operation not permitted\n"))).isFalse();
    }
}
