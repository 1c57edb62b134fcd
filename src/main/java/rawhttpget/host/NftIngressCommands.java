package rawhttpget.host;

import java.util.ArrayList;
import java.util.List;

/**
 * nft command lines for the preferred rule: a table of the process's own, {@code netdev rawhttpget-PID-STARTTIME}, whose
 * chain hooks the capture interface's ingress and drops the server's segments of our connections (server address
 * and port to our address and port, the elements of the table's set). The kernel then never sees them, so it neither looks for a socket nor
 * builds the RST that an output rule would have to drop, work per segment at LAN rates (docs/PERFORMANCE.md).
 * libpcap still sees every frame: its AF_PACKET socket is called from the device's receive
 * path before the ingress hook runs ({@code __netif_receive_skb_core}; HostE2eTest captures a dropped segment).
 *
 * <p>Table, set, chain, rule and the first connection's element are made by one nft command, with its commands separated by {@code ;}: nft applies
 * them as one transaction, so a kernel without netdev tables (or a device nft rejects) leaves nothing behind,
 * and {@link Firewall} falls back to the output rule. The undo deletes the whole table ({@link NftTableCommands}).
 */
final class NftIngressCommands extends NftTableCommands {
    static final String FAMILY = "netdev";
    static final String CHAIN = "ingress";

    NftIngressCommands(String nft) {
        super(nft, FAMILY);
    }

    @Override
    public List<List<String>> prepare(RstRule rule) {
        return List.of();
    }

    @Override
    public List<String> add(RstRule rule) {
        String table = table(rule.owner());
        List<String> command = new ArrayList<>(List.of(nft, "add", "table", FAMILY, table, ";"));
        command.addAll(addSetsWords(table));
        command.addAll(List.of("add", "chain", FAMILY, table, CHAIN,
                "{ type filter hook ingress device \"" + rule.device() + "\" priority 0 ; policy accept ; }", ";"));
        command.addAll(addRulesWords(table, CHAIN, List.of("drop", "comment", "\"" + rule.comment() + "\"")));
        command.addAll(addElementWords(rule));
        return command;
    }

    /** The server's end first: the rule drops what the server sends to us. */
    @Override
    String tuple(RstRule rule) {
        return concatenation(rule.peerAddressText(), rule.peerPort(), rule.localAddressText(), rule.localPort());
    }
}
