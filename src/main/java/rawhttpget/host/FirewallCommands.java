package rawhttpget.host;

import java.util.List;
import java.util.function.Predicate;

/** The command lines of one firewall tool; pure, so tests can assert them exactly. */
interface FirewallCommands {

    /** "iptables" or "nft", for messages. */
    String tool();

    /** Commands that must succeed before the rule is added (nft: the process's table and chain). */
    List<List<String>> prepare(RstRule rule);

    List<String> add(RstRule rule);

    /**
     * The command that lets one more connection through the rule set {@link #add} made for the run (nft: an element
     * of the table's set of connections), or null where each connection needs a rule of its own (iptables). An
     * element needs no undo of its own: the run's table goes, with every element, at the end of the run.
     */
    default List<String> addToRunSet(RstRule rule) {
        return null;
    }

    /** The command that removes exactly the rule {@link #add} made, given what that command printed. */
    List<String> undo(RstRule rule, String addOutput);

    /** Lists the rules among which ours would be. */
    List<String> list();

    /**
     * What the sweep of killed runs' rules reads, each by its {@link #list} and {@link #staleRules}: by default
     * these commands; iptables adds the same commands listing ip6tables-save, IPv6 rules being apart from IPv4's.
     */
    default List<FirewallCommands> sweptListings() {
        return List.of(this);
    }

    /** Whether a failed {@link #list} only means that nothing of ours exists yet. */
    boolean listFailureMeansNoRules(CommandResult result);

    /** In a listing, our rules whose owning process no longer runs, with how to delete each. */
    List<StaleRule> staleRules(String listing, Predicate<RuleOwner> ownerRuns);

    /** A rule left behind by a process that was killed before it could remove it. */
    record StaleRule(long pid, String text, List<String> deleteCommand) {
    }
}
