package rawhttpget.host;

import rawhttpget.inet.Ipv4Address;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NftCommandsTest {
    private final NftCommands nft = new NftCommands("nft");
    private final RstRule rule = new RstRule("eth0", Ipv4Address.parseBits("198.18.0.1"), 40000, Ipv4Address.parseBits("198.18.1.2"), 80, 4242);

    @Test
    void createsATableItsSetOfConnectionsAndOutputChainOfTheProcesssOwn() {
        assertThat(nft.prepare(rule)).containsExactly(
                List.of("nft", "add", "table", "inet", "rawhttpget-4242"),
                List.of("nft", "add", "set", "inet", "rawhttpget-4242", "connections",
                        "{ type ipv4_addr . inet_service . ipv4_addr . inet_service ; }"),
                List.of("nft", "add", "set", "inet", "rawhttpget-4242", "connections6",
                        "{ type ipv6_addr . inet_service . ipv6_addr . inet_service ; }"),
                List.of("nft", "add", "chain", "inet", "rawhttpget-4242", "output",
                        "{ type filter hook output priority 0 ; policy accept ; }"));
    }

    @Test
    void addsARuleDroppingOnlyTheOutgoingRstsOfOurConnectionsAndThisConnectionAsTheFirst() {
        assertThat(nft.add(rule)).containsExactly(
                "nft", "add", "rule", "inet", "rawhttpget-4242", "output",
                "ip", "saddr", ".", "tcp", "sport", ".", "ip", "daddr", ".", "tcp", "dport", "@connections",
                "tcp", "flags", "&", "rst", "==", "rst",
                "drop", "comment", "\"rawhttpget pid=4242\"", ";",
                "add", "rule", "inet", "rawhttpget-4242", "output",
                "ip6", "saddr", ".", "tcp", "sport", ".", "ip6", "daddr", ".", "tcp", "dport", "@connections6",
                "tcp", "flags", "&", "rst", "==", "rst",
                "drop", "comment", "\"rawhttpget pid=4242\"", ";",
                "add", "element", "inet", "rawhttpget-4242", "connections", "{ 198.18.0.1 . 40000 . 198.18.1.2 . 80 }");
        assertThat(nft.addToRunSet(rule)).containsExactly("nft", "add", "element", "inet", "rawhttpget-4242",
                "connections", "{ 198.18.0.1 . 40000 . 198.18.1.2 . 80 }");
    }

    @Test
    void undoesByDeletingTheWholeTableSoNothingOfOursStays() {
        assertThat(nft.undo(rule, "")).containsExactly("nft", "delete", "table", "inet", "rawhttpget-4242");
    }

    @Test
    void findsTablesWhoseOwnerNoLongerRuns() {
        // nft 1.0.6 list tables, with someone else's table that merely looks similar.
        String listing = """
                table ip filter
                table inet rawhttpget-111
                table inet rawhttpget-222
                table inet rawhttpget-333x
                table ip rawhttpget-444
                """;
        List<FirewallCommands.StaleRule> stale = nft.staleRules(listing, owner -> owner.pid() == 222);
        assertThat(stale).extracting(FirewallCommands.StaleRule::pid).containsExactly(111L);
        assertThat(stale.get(0).deleteCommand()).containsExactly("nft", "delete", "table", "inet", "rawhttpget-111");
    }

    @Test
    void listsTablesWhichNeverFailsForWantOfOurs() {
        assertThat(nft.list()).containsExactly("nft", "list", "tables");
        assertThat(nft.listFailureMeansNoRules(new CommandResult(1, "",
                "Error: Could not process rule: Operation not permitted\n"))).isFalse();
    }

    private final RstRule recorded = new RstRule("eth0", Ipv4Address.parseBits("198.18.0.1"), 40000,
            Ipv4Address.parseBits("198.18.1.2"), 80, RuleOwner.of(4242, 987654));

    @Test
    void namesTheTableAndCommentAfterTheOwnersPidAndStartTime() {
        assertThat(nft.prepare(recorded)).containsExactly(
                List.of("nft", "add", "table", "inet", "rawhttpget-4242-987654"),
                List.of("nft", "add", "set", "inet", "rawhttpget-4242-987654", "connections",
                        "{ type ipv4_addr . inet_service . ipv4_addr . inet_service ; }"),
                List.of("nft", "add", "set", "inet", "rawhttpget-4242-987654", "connections6",
                        "{ type ipv6_addr . inet_service . ipv6_addr . inet_service ; }"),
                List.of("nft", "add", "chain", "inet", "rawhttpget-4242-987654", "output",
                        "{ type filter hook output priority 0 ; policy accept ; }"));
        assertThat(nft.add(recorded)).containsSubsequence("rawhttpget-4242-987654", "output")
                .containsSubsequence("drop", "comment", "\"rawhttpget pid=4242 start=987654\"", ";");
        assertThat(nft.undo(recorded, "")).containsExactly("nft", "delete", "table", "inet", "rawhttpget-4242-987654");
    }

    @Test
    void findsTablesOfBothFormatsWhoseOwnerNoLongerRunsAndHandsTheRecordedStartTimeOn() {
        String listing = """
                table ip filter
                table inet rawhttpget-111-5000
                table inet rawhttpget-222-6000
                table inet rawhttpget-333
                table inet rawhttpget-444
                table inet rawhttpget-555-
                table inet rawhttpget-555-1-2
                table inet rawhttpget-0-7
                """;
        // 222 runs since tick 6000; 111's PID was reused since (it started at 5001); 444 runs; 333 is gone.
        List<RuleOwner> asked = new java.util.ArrayList<>();
        List<FirewallCommands.StaleRule> stale = nft.staleRules(listing, owner -> {
            asked.add(owner);
            return owner.equals(RuleOwner.of(222, 6000)) || owner.equals(RuleOwner.pidOnly(444));
        });
        assertThat(asked).containsExactly(RuleOwner.of(111, 5000), RuleOwner.of(222, 6000), RuleOwner.pidOnly(333),
                RuleOwner.pidOnly(444));
        assertThat(stale).extracting(FirewallCommands.StaleRule::deleteCommand).containsExactly(
                List.of("nft", "delete", "table", "inet", "rawhttpget-111-5000"),
                List.of("nft", "delete", "table", "inet", "rawhttpget-333"));
        assertThat(stale).extracting(FirewallCommands.StaleRule::pid).containsExactly(111L, 333L);
    }
}
