package rawhttpget.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What both nft rules share: each process keeps its rules in a table of its own,
 * {@code FAMILY rawhttpget-PID-STARTTIME} ({@link RuleOwner}; tables of older runs are {@code rawhttpget-PID}),
 * so we never edit anyone else's rules and can leave the rule set exactly as it was: the undo deletes the whole
 * table. (A table shared by every run could not be removed safely: nft deletes a chain even when another run's
 * rule is in it.) The table is made once per run, with the run's first connection: one rule, tagged with the
 * owner's comment, that matches the set {@value #SET} of the run's connections (address and port of both ends);
 * each later connection is one more element of the set ({@link #addToRunSet}), and the table goes, with all of
 * them, at the end of the run. Each element's local port stays reserved until then, so the set matches only
 * our connections. The subclasses say which family the table is in and which way the set's tuples point.
 */
abstract class NftTableCommands implements FirewallCommands {
    static final String TABLE_PREFIX = "rawhttpget-";
    /** The set of the run's IPv4 connections, in the run's table. */
    static final String SET = "connections";
    /** The set's elements: address and port of one end, then of the other, as the rule's match reads them. */
    static final String SET_TYPE = "{ type ipv4_addr . inet_service . ipv4_addr . inet_service ; }";
    /** The run's IPv6 connections: a set's elements have one type, so each family has its set and its rule. */
    static final String SET6 = "connections6";
    static final String SET6_TYPE = "{ type ipv6_addr . inet_service . ipv6_addr . inet_service ; }";

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

    /** The connection as an element of {@link #SET}, its ends in the order the rule matches them. */
    abstract String tuple(RstRule rule);

    /** {@code add element FAMILY TABLE connections { TUPLE }}: the words after "nft". */
    List<String> addElementWords(RstRule rule) {
        return List.of("add", "element", family, table(rule.owner()), rule.isIpv6() ? SET6 : SET,
                "{ " + tuple(rule) + " }");
    }

    /** {@code add set} for both families' sets: the words after "nft", each command ended by {@code ;}. */
    List<String> addSetsWords(String table) {
        return List.of("add", "set", family, table, SET, SET_TYPE, ";", "add", "set", family, table, SET6, SET6_TYPE, ";");
    }

    /**
     * {@code add rule} matching each family's set, then {@code VERDICT}: the words after "nft", each command ended
     * by {@code ;}. {@code (ip|ip6) saddr . tcp sport . (ip|ip6) daddr . tcp dport @SET}: the tuple's order.
     */
    List<String> addRulesWords(String table, String chain, List<String> verdict) {
        List<String> words = new ArrayList<>();
        for (String addressFamily : List.of("ip", "ip6")) {
            words.addAll(List.of("add", "rule", family, table, chain, addressFamily, "saddr", ".", "tcp", "sport", ".",
                    addressFamily, "daddr", ".", "tcp", "dport", "@" + (addressFamily.equals("ip") ? SET : SET6)));
            words.addAll(verdict);
            words.add(";");
        }
        return words;
    }

    @Override
    public List<String> addToRunSet(RstRule rule) {
        List<String> command = new ArrayList<>();
        command.add(nft);
        command.addAll(addElementWords(rule));
        return command;
    }

    /** {@code ADDRESS . PORT . ADDRESS . PORT}, as nft writes a concatenation. */
    static String concatenation(String address, int port, String otherAddress, int otherPort) {
        return address + " . " + port + " . " + otherAddress + " . " + otherPort;
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
