package rawhttpget.host;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nft command lines for an output rule, for hosts without iptables where {@link NftIngressCommands} cannot be
 * used. Each process keeps its rule in a table of its own,
 * {@code inet rawhttpget-PID} with an {@code output} chain hooked on output, so we never edit anyone else's
 * rules and can leave the rule set exactly as it was: the undo deletes the whole table. (A table shared by
 * every run could not be removed safely: nft deletes a chain even when another run's rule is in it.) A
 * process has at most one rule at a time, since its downloads run one after another. nft joins its
 * arguments into one line and parses that, so the quotes around the comment are part of the argument.
 */
final class NftCommands implements FirewallCommands {
    static final String TABLE_PREFIX = "rawhttpget-";
    static final String CHAIN = "output";

    static final String FAMILY = "inet";

    private static final Pattern OUR_TABLE = Pattern.compile(
            "^table (" + FAMILY + "|" + NftIngressCommands.FAMILY + ") " + TABLE_PREFIX + "(\\d{1,19})\\s*$",
            Pattern.MULTILINE);

    private final String nft;

    NftCommands(String nft) {
        this.nft = nft;
    }

    static String table(long pid) {
        return TABLE_PREFIX + pid;
    }

    @Override
    public String tool() {
        return "nft";
    }

    @Override
    public List<List<String>> prepare(RstRule rule) {
        // "add" (unlike "create") succeeds when the table or an identical chain already exists.
        return List.of(
                List.of(nft, "add", "table", "inet", table(rule.pid())),
                List.of(nft, "add", "chain", "inet", table(rule.pid()), CHAIN,
                        "{ type filter hook output priority 0 ; policy accept ; }"));
    }

    @Override
    public List<String> add(RstRule rule) {
        return List.of(nft, "add", "rule", "inet", table(rule.pid()), CHAIN,
                "ip", "saddr", rule.localAddressText(), "tcp", "sport", Integer.toString(rule.localPort()),
                "ip", "daddr", rule.peerAddressText(), "tcp", "dport", Integer.toString(rule.peerPort()),
                "tcp", "flags", "&", "rst", "==", "rst",
                "drop", "comment", "\"" + rule.comment() + "\"");
    }

    @Override
    public List<String> undo(RstRule rule, String addOutput) {
        return deleteTable(rule.pid());
    }

    private List<String> deleteTable(long pid) {
        return deleteTable(nft, FAMILY, pid);
    }

    static List<String> deleteTable(String nft, String family, long pid) {
        return List.of(nft, "delete", "table", family, table(pid));
    }

    @Override
    public List<String> list() {
        return List.of(nft, "list", "tables");
    }

    @Override
    public boolean listFailureMeansNoRules(CommandResult result) {
        return false;
    }

    @Override
    public List<StaleRule> staleRules(String listing, LongPredicate pidRunning) {
        return staleTables(nft, listing, pidRunning);
    }

    /**
     * In {@code nft list tables} output, our tables whose owner no longer runs, in either family we use: a
     * killed run may have used the other rule than this one would.
     */
    static List<StaleRule> staleTables(String nft, String listing, LongPredicate pidRunning) {
        List<StaleRule> stale = new ArrayList<>();
        Matcher m = OUR_TABLE.matcher(listing);
        while (m.find()) {
            long pid;
            try {
                pid = Long.parseLong(m.group(2));
            } catch (NumberFormatException e) {
                continue;
            }
            if (!pidRunning.test(pid)) {
                stale.add(new StaleRule(pid, m.group().strip(), deleteTable(nft, m.group(1), pid)));
            }
        }
        return stale;
    }
}
