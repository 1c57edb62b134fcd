package rawhttpget.host;

import java.util.ArrayList;
import java.util.List;

/**
 * nft command lines for an output rule, for hosts without iptables where {@link NftIngressCommands} cannot be
 * used: table {@code inet rawhttpget-PID-STARTTIME} with an {@code output} chain hooked on output, whose rule drops the
 * kernel's RSTs to the servers of the connections in the table's set. nft joins its arguments into one line and parses that, so the quotes around the
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
        // "add" (unlike "create") succeeds when the table, the sets or an identical chain already exists.
        String table = table(rule.owner());
        return List.of(
                List.of(nft, "add", "table", FAMILY, table),
                List.of(nft, "add", "set", FAMILY, table, SET, SET_TYPE),
                List.of(nft, "add", "set", FAMILY, table, SET6, SET6_TYPE),
                List.of(nft, "add", "chain", FAMILY, table, CHAIN,
                        "{ type filter hook output priority 0 ; policy accept ; }"));
    }

    @Override
    public List<String> add(RstRule rule) {
        List<String> command = new ArrayList<>(List.of(nft));
        command.addAll(addRulesWords(table(rule.owner()), CHAIN,
                List.of("tcp", "flags", "&", "rst", "==", "rst", "drop", "comment", "\"" + rule.comment() + "\"")));
        command.addAll(addElementWords(rule));
        return command;
    }

    /** Our end first: the rule drops the kernel's RSTs from us to the server. */
    @Override
    String tuple(RstRule rule) {
        return concatenation(rule.localAddressText(), rule.localPort(), rule.peerAddressText(), rule.peerPort());
    }
}
