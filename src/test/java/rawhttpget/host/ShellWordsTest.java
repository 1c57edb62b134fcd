package rawhttpget.host;

import rawhttpget.inet.Ipv4Address;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {
    @Test
    void quotesOnlyWordsTheShellWouldSplitOrInterpret() {
        assertThat(ShellWords.join(List.of("iptables", "-s", "198.18.1.2", "--comment", "rawhttpget pid=7", "&", "it's")))
                .isEqualTo("iptables -s 198.18.1.2 --comment 'rawhttpget pid=7' '&' 'it'\\''s'");
    }

    @Test
    void suggestsTheIptablesRuleForNoHostSetup() {
        RstRule rule = new RstRule("eth0", Ipv4Address.parseBits("198.18.1.2"), 40000, Ipv4Address.parseBits("198.18.1.1"), 80, 7);
        assertThat(Firewall.suggestedCommand(rule, new IptablesCommands("/usr/sbin/iptables", "iptables-save")))
                .isEqualTo("iptables -w 5 -t filter -I OUTPUT -p tcp -s 198.18.1.2 --sport 40000 -d 198.18.1.1"
                        + " --dport 80 --tcp-flags RST RST -m comment --comment 'rawhttpget pid=7' -j DROP");
    }

    @Test
    void suggestsTheNftTableChainAndRuleWhereOnlyNftIsInstalled() {
        RstRule rule = new RstRule("eth0", Ipv4Address.parseBits("198.18.1.2"), 40000, Ipv4Address.parseBits("198.18.1.1"), 80, 7);
        assertThat(Firewall.suggestedCommand(rule, new NftCommands("/usr/sbin/nft"))).isEqualTo(
                "nft add table inet rawhttpget-7 && nft add set inet rawhttpget-7 connections"
                        + " '{ type ipv4_addr . inet_service . ipv4_addr . inet_service ; }'"
                        + " && nft add set inet rawhttpget-7 connections6"
                        + " '{ type ipv6_addr . inet_service . ipv6_addr . inet_service ; }'"
                        + " && nft add chain inet rawhttpget-7 output"
                        + " '{ type filter hook output priority 0 ; policy accept ; }' && nft add rule inet rawhttpget-7"
                        + " output ip saddr . tcp sport . ip daddr . tcp dport @connections tcp flags '&'"
                        + " rst == rst drop comment '\"rawhttpget pid=7\"' ';' add rule inet rawhttpget-7"
                        + " output ip6 saddr . tcp sport . ip6 daddr . tcp dport @connections6 tcp flags '&'"
                        + " rst == rst drop comment '\"rawhttpget pid=7\"' ';'"
                        + " add element inet rawhttpget-7 connections '{ 198.18.1.2 . 40000 . 198.18.1.1 . 80 }'");
    }

    @Test
    void suggestsTheNftIngressDropAsOneCommandWhereNftIsInstalled() {
        RstRule rule = new RstRule("veth0", Ipv4Address.parseBits("198.18.1.2"), 40000, Ipv4Address.parseBits("198.18.1.1"), 80, 7);
        assertThat(Firewall.suggestedCommand(rule, new NftIngressCommands("/usr/sbin/nft"))).isEqualTo(
                "nft add table netdev rawhttpget-7 ';' add set netdev rawhttpget-7 connections"
                        + " '{ type ipv4_addr . inet_service . ipv4_addr . inet_service ; }' ';'"
                        + " add set netdev rawhttpget-7 connections6"
                        + " '{ type ipv6_addr . inet_service . ipv6_addr . inet_service ; }' ';'"
                        + " add chain netdev rawhttpget-7 ingress"
                        + " '{ type filter hook ingress device \"veth0\" priority 0 ; policy accept ; }' ';'"
                        + " add rule netdev rawhttpget-7 ingress ip saddr . tcp sport . ip daddr . tcp dport @connections"
                        + " drop comment '\"rawhttpget pid=7\"' ';'"
                        + " add rule netdev rawhttpget-7 ingress ip6 saddr . tcp sport . ip6 daddr . tcp dport @connections6"
                        + " drop comment '\"rawhttpget pid=7\"' ';'"
                        + " add element netdev rawhttpget-7 connections '{ 198.18.1.1 . 80 . 198.18.1.2 . 40000 }'");
    }
}
