package rawhttpget.host;

import java.util.List;

/**
 * nft command lines for the preferred rule: a table of the process's own, {@code netdev rawhttpget-PID-STARTTIME}, whose
 * chain hooks the capture interface's ingress and drops the server's segments of our connection (server address
 * and port to our address and port). The kernel then never sees them, so it neither looks for a socket nor
 * builds the RST that an output rule would have to drop, work per segment at LAN rates (docs/PERFORMANCE.md).
 * libpcap still sees every frame: its AF_PACKET socket is called from the device's receive
 * path before the ingress hook runs ({@code __netif_receive_skb_core}; HostE2eTest captures a dropped segment).
 *
 * <p>Table, chain and rule are made by one nft command, with its commands separated by {@code ;}: nft applies
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
        return List.of(nft,
                "add", "table", FAMILY, table, ";",
                "add", "chain", FAMILY, table, CHAIN,
                "{ type filter hook ingress device \"" + rule.device() + "\" priority 0 ; policy accept ; }", ";",
                "add", "rule", FAMILY, table, CHAIN,
                rule.nftAddressFamily(), "saddr", rule.peerAddressText(), rule.nftAddressFamily(), "daddr",
                rule.localAddressText(),
                "tcp", "sport", Integer.toString(rule.peerPort()), "tcp", "dport", Integer.toString(rule.localPort()),
                "drop", "comment", "\"" + rule.comment() + "\"");
    }
}
