package rawhttpget.host;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nft command lines, for hosts without iptables. Our rules live in a table of our own
 * ({@code inet rawhttpget}, chain {@code output} hooked on output) so we never edit anyone else's. nft
 * joins its arguments into one line and parses that, so the quotes around the comment are part of the
 * argument. The table and chain stay when the last rule goes: another rawhttpget may be adding to them.
 */
final class NftCommands implements FirewallCommands {
    static final String TABLE = "rawhttpget";
    static final String CHAIN = "output";

    private static final Pattern HANDLE = Pattern.compile("# handle (\\d+)\\s*$", Pattern.MULTILINE);
    private static final Pattern OUR_RULE =
            Pattern.compile("comment \"(rawhttpget pid=\\d+)\" # handle (\\d+)\\s*$");

    private final String nft;

    NftCommands(String nft) {
        this.nft = nft;
    }

    @Override
    public String tool() {
        return "nft";
    }

    @Override
    public List<List<String>> prepare() {
        // "add" (unlike "create") succeeds when the table or an identical chain already exists.
        return List.of(
                List.of(nft, "add", "table", "inet", TABLE),
                List.of(nft, "add", "chain", "inet", TABLE, CHAIN,
                        "{ type filter hook output priority 0 ; policy accept ; }"));
    }

    @Override
    public List<String> add(RstRule rule) {
        // --echo --handle: nft prints the rule it added with its handle, which is how we delete exactly it.
        return List.of(nft, "--echo", "--handle", "add", "rule", "inet", TABLE, CHAIN,
                "ip", "saddr", rule.localAddressText(), "tcp", "sport", Integer.toString(rule.localPort()),
                "ip", "daddr", rule.peerAddressText(), "tcp", "dport", Integer.toString(rule.peerPort()),
                "tcp", "flags", "&", "rst", "==", "rst",
                "drop", "comment", "\"" + rule.comment() + "\"");
    }

    @Override
    public List<String> undo(RstRule rule, String addOutput) {
        Matcher m = HANDLE.matcher(addOutput);
        if (!m.find()) {
            throw new HostException("nft did not report the handle of the rule it added (" + rule
                    + "); it stays until the next run removes it");
        }
        return deleteByHandle(m.group(1));
    }

    private List<String> deleteByHandle(String handle) {
        return List.of(nft, "delete", "rule", "inet", TABLE, CHAIN, "handle", handle);
    }

    @Override
    public List<String> list() {
        return List.of(nft, "--handle", "list", "chain", "inet", TABLE, CHAIN);
    }

    @Override
    public boolean listFailureMeansNoRules(CommandResult result) {
        return result.stderr().contains("No such file or directory");
    }

    @Override
    public List<StaleRule> staleRules(String listing, LongPredicate pidRunning) {
        List<StaleRule> stale = new ArrayList<>();
        for (String line : listing.split("\n")) {
            Matcher m = OUR_RULE.matcher(line);
            if (!m.find()) {
                continue;
            }
            OptionalLong pid = RstRule.ownerOf(m.group(1));
            if (pid.isPresent() && !pidRunning.test(pid.getAsLong())) {
                stale.add(new StaleRule(pid.getAsLong(), line.strip(), deleteByHandle(m.group(2))));
            }
        }
        return stale;
    }
}
