package rawhttpget.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What both nft rules share: each process keeps its rule in a table of its own,
 * {@code FAMILY rawhttpget-PID-STARTTIME} ({@link RuleOwner}; tables of older runs are {@code rawhttpget-PID}),
 * so we never edit anyone else's rules and can leave the rule set exactly as it was: the undo deletes the whole
 * table. (A table shared by every run could not be removed safely: nft deletes a chain even when another run's
 * rule is in it.) A process has at most one rule at a time, since its downloads run one after another. The
 * subclasses say which family the table is in and what it holds.
 */
abstract class NftTableCommands implements FirewallCommands {
    static final String TABLE_PREFIX = "rawhttpget-";

    /** Our tables in {@code nft list tables} output, in either family we use. */
    private static final Pattern OUR_TABLE = Pattern.compile(
            "^table (" + NftCommands.FAMILY + "|" + NftIngressCommands.FAMILY + ") " + TABLE_PREFIX + "(\\d{1,19})(?:-(\\d{1,19}))?\\s*$",
            Pattern.MULTILINE);

    final String nft;
    private final String family;

    NftTableCommands(String nft, String family) {
        this.nft = nft;
        this.family = family;
    }

    static String table(RuleOwner owner) {
        return TABLE_PREFIX + owner.tableSuffix();
    }

    @Override
    public String tool() {
        return "nft";
    }

    @Override
    public List<String> undo(RstRule rule, String addOutput) {
        return deleteTable(nft, family, rule.owner());
    }

    @Override
    public List<String> list() {
        return List.of(nft, "list", "tables");
    }

    @Override
    public boolean listFailureMeansNoRules(CommandResult result) {
        return false;
    }

    /** Our tables whose owner no longer runs, in either family: a killed run may have used the other rule. */
    @Override
    public List<StaleRule> staleRules(String listing, Predicate<RuleOwner> ownerRuns) {
        List<StaleRule> stale = new ArrayList<>();
        Matcher m = OUR_TABLE.matcher(listing);
        while (m.find()) {
            Optional<RuleOwner> owner = RuleOwner.parse(m.group(2), m.group(3));
            if (owner.isPresent() && !ownerRuns.test(owner.get())) {
                stale.add(new StaleRule(owner.get().pid(), m.group().strip(), deleteTable(nft, m.group(1), owner.get())));
            }
        }
        return stale;
    }

    private static List<String> deleteTable(String nft, String family, RuleOwner owner) {
        return List.of(nft, "delete", "table", family, table(owner));
    }
}
