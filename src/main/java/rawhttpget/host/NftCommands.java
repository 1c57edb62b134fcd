package rawhttpget.host;

import java.util.List;

/**
 * nft command lines for an output rule, for hosts without iptables where {@link NftIngressCommands} cannot be
 * used: table {@code inet rawhttpget-PID-STARTTIME} with an {@code output} chain hooked on output, whose rule drops the
 * kernel's RSTs to the server. nft joins its arguments into one line and parses that, so the quotes around the
 * comment are part of the argument.
 */
final class NftCommands extends NftTableCommands {
    static final String CHAIN = "output";
    static final String FAMILY = "inet";

    NftCommands(String nft) {
        super(nft, FAMILY);
    }

    @Override
    public List<List<String>> prepare(RstRule rule) {
        // "add" (unlike "create") succeeds when the table or an identical chain already exists.
        return List.of(
                List.of(nft, "add", "table", FAMILY, table(rule.owner())),
                List.of(nft, "add", "chain", FAMILY, table(rule.owner()), CHAIN,
                        "{ type filter hook output priority 0 ; policy accept ; }"));
    }

    @Override
    public List<String> add(RstRule rule) {
        return List.of(nft, "add", "rule", FAMILY, table(rule.owner()), CHAIN,
                rule.nftAddressFamily(), "saddr", rule.localAddressText(), "tcp", "sport", Integer.toString(rule.localPort()),
                rule.nftAddressFamily(), "daddr", rule.peerAddressText(), "tcp", "dport", Integer.toString(rule.peerPort()),
                "tcp", "flags", "&", "rst", "==", "rst",
                "drop", "comment", "\"" + rule.comment() + "\"");
    }
}
