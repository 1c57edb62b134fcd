package rawhttpget.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import rawhttpget.inet.Ipv4Address;

class NftIngressCommandsTest {
    private final NftIngressCommands nft = new NftIngressCommands("nft");
    private final RstRule rule = new RstRule("rhg1c1", Ipv4Address.parseBits("198.18.0.1"), 40000,
            Ipv4Address.parseBits("198.18.1.2"), 80, 4242);

    @Test
    void makesTableSetChainRuleAndTheFirstElementInOneTransactionDroppingOnlyTheServersSegmentsOfOurConnections() {
        assertThat(nft.prepare(rule)).isEmpty();
        assertThat(nft.add(rule)).containsExactly("nft",
                "add", "table", "netdev", "rawhttpget-4242", ";",
                "add", "set", "netdev", "rawhttpget-4242", "connections",
                "{ type ipv4_addr . inet_service . ipv4_addr . inet_service ; }", ";",
                "add", "set", "netdev", "rawhttpget-4242", "connections6",
                "{ type ipv6_addr . inet_service . ipv6_addr . inet_service ; }", ";",
                "add", "chain", "netdev", "rawhttpget-4242", "ingress",
                "{ type filter hook ingress device \"rhg1c1\" priority 0 ; policy accept ; }", ";",
                "add", "rule", "netdev", "rawhttpget-4242", "ingress",
                "ip", "saddr", ".", "tcp", "sport", ".", "ip", "daddr", ".", "tcp", "dport", "@connections",
                "drop", "comment", "\"rawhttpget pid=4242\"", ";",
                "add", "rule", "netdev", "rawhttpget-4242", "ingress",
                "ip6", "saddr", ".", "tcp", "sport", ".", "ip6", "daddr", ".", "tcp", "dport", "@connections6",
                "drop", "comment", "\"rawhttpget pid=4242\"", ";",
                "add", "element", "netdev", "rawhttpget-4242", "connections", "{ 198.18.1.2 . 80 . 198.18.0.1 . 40000 }");
    }

    @Test
    void aLaterConnectionIsOneMoreElementOfTheSet() {
        assertThat(nft.addToRunSet(rule)).containsExactly("nft", "add", "element", "netdev", "rawhttpget-4242",
                "connections", "{ 198.18.1.2 . 80 . 198.18.0.1 . 40000 }");
    }

    @Test
    void undoesByDeletingTheWholeNetdevTable() {
        assertThat(nft.undo(rule, "")).containsExactly("nft", "delete", "table", "netdev", "rawhttpget-4242");
    }

    @Test
    void findsLeftoverTablesOfBothFamiliesWhoseOwnerNoLongerRuns() {
        String listing = """
                table ip filter
                table netdev rawhttpget-111
                table inet rawhttpget-112
                table netdev rawhttpget-222
                table netdev rawhttpget-333x
                table bridge rawhttpget-444
                """;
        assertThat(nft.staleRules(listing, owner -> owner.pid() == 222)).extracting(FirewallCommands.StaleRule::deleteCommand)
                .containsExactly(List.of("nft", "delete", "table", "netdev", "rawhttpget-111"),
                        List.of("nft", "delete", "table", "inet", "rawhttpget-112"));
    }

    @Test
    void refusesADeviceNameThatIsNoInterfaceName() {
        for (String bad : List.of("", "a\"b", "has space", "sixteen-chars-xx", "a/b")) {
            assertThatThrownBy(() -> new RstRule(bad, 1, 40000, 2, 80, 1)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void namesTheNetdevTableAfterTheOwnersPidAndStartTime() {
        RstRule recorded = new RstRule("rhg1c1", Ipv4Address.parseBits("198.18.0.1"), 40000,
                Ipv4Address.parseBits("198.18.1.2"), 80, RuleOwner.of(4242, 987654));
        assertThat(nft.add(recorded)).containsExactly("nft",
                "add", "table", "netdev", "rawhttpget-4242-987654", ";",
                "add", "set", "netdev", "rawhttpget-4242-987654", "connections",
                "{ type ipv4_addr . inet_service . ipv4_addr . inet_service ; }", ";",
                "add", "set", "netdev", "rawhttpget-4242-987654", "connections6",
                "{ type ipv6_addr . inet_service . ipv6_addr . inet_service ; }", ";",
                "add", "chain", "netdev", "rawhttpget-4242-987654", "ingress",
                "{ type filter hook ingress device \"rhg1c1\" priority 0 ; policy accept ; }", ";",
                "add", "rule", "netdev", "rawhttpget-4242-987654", "ingress",
                "ip", "saddr", ".", "tcp", "sport", ".", "ip", "daddr", ".", "tcp", "dport", "@connections",
                "drop", "comment", "\"rawhttpget pid=4242 start=987654\"", ";",
                "add", "rule", "netdev", "rawhttpget-4242-987654", "ingress",
                "ip6", "saddr", ".", "tcp", "sport", ".", "ip6", "daddr", ".", "tcp", "dport", "@connections6",
                "drop", "comment", "\"rawhttpget pid=4242 start=987654\"", ";",
                "add", "element", "netdev", "rawhttpget-4242-987654", "connections", "{ 198.18.1.2 . 80 . 198.18.0.1 . 40000 }");
        assertThat(nft.undo(recorded, "")).containsExactly("nft", "delete", "table", "netdev",
                "rawhttpget-4242-987654");
    }

    @Test
    void findsLeftoverTablesOfBothFormatsAndFamilies() {
        String listing = """
                table netdev rawhttpget-111-5000
                table inet rawhttpget-112-5001
                table netdev rawhttpget-113
                table netdev rawhttpget-222-6000
                """;
        assertThat(nft.staleRules(listing, owner -> owner.equals(RuleOwner.of(222, 6000))))
                .extracting(FirewallCommands.StaleRule::deleteCommand)
                .containsExactly(List.of("nft", "delete", "table", "netdev", "rawhttpget-111-5000"),
                        List.of("nft", "delete", "table", "inet", "rawhttpget-112-5001"),
                        List.of("nft", "delete", "table", "netdev", "rawhttpget-113"));
    }
}
