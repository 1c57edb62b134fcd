package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NftRulesetTest {

    @Test
    void anEmptyAcceptingFilterTableIsTheSameAsNone() {
        String leftByIptablesNft = """
                table ip filter {
                \tchain OUTPUT {
                \t\ttype filter hook output priority filter; policy accept;
                \t}
                }
                """;
        assertThat(NftRuleset.normalize(leftByIptablesNft)).isEmpty();
    }

    @Test
    void aRuleIsKept() {
        String withRule = """
                table ip filter {
                \tchain INPUT {
                \t\ttype filter hook input priority filter; policy accept;
                \t}
                \tchain OUTPUT {
                \t\ttype filter hook output priority filter; policy accept;
                \t\tip saddr 198.18.1.2 tcp sport 40000 tcp flags rst / rst counter packets 0 bytes 0 drop comment "rawhttpget pid=7"
                \t}
                }
                """;
        assertThat(NftRuleset.normalize(withRule)).isEqualTo("""
                table ip filter {
                chain OUTPUT {
                type filter hook output priority filter; policy accept;
                ip saddr 198.18.1.2 tcp sport 40000 tcp flags rst / rst counter packets 0 bytes 0 drop comment "rawhttpget pid=7"
                }
                }
                """);
    }

    @Test
    void aDropPolicyAndTablesOfOthersAreKept() {
        String listing = """
                table inet rawhttpget {
                \tchain output {
                \t\ttype filter hook output priority filter; policy drop;
                \t}
                }
                """;
        assertThat(NftRuleset.normalize(listing)).contains("policy drop;");
        String ours = """
                table inet rawhttpget {
                \tchain output {
                \t\ttype filter hook output priority filter; policy accept;
                \t}
                }
                """;
        assertThat(NftRuleset.normalize(ours)).contains("table inet rawhttpget {", "chain output {");
    }
}
