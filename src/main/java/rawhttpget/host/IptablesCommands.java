package rawhttpget.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * iptables command lines, and ip6tables' (beside iptables) for an IPv6 connection's rule. {@code -w 5} waits for
 * the xtables lock rather than failing at once when another program (or another rawhttpget) is changing rules at
 * the same moment. The two families keep their rules apart: the sweep of killed runs' rules reads iptables-save
 * and, where ip6tables is installed, ip6tables-save too ({@link #sweptListings}).
 */
final class IptablesCommands implements FirewallCommands {
    /** The tool for IPv4 rules; {@link #ip6tables} derives the one for IPv6 rules from it. */
    private final String iptables;
    private final String iptablesSave;
    /** ip6tables-save where ip6tables is installed, else null: then no IPv6 rule of ours can exist. */
    private final String ip6tablesSave;
    /** Whether {@link #list} and {@link #staleRules} are about IPv6 rules (ip6tables-save's) rather than IPv4's. */
    private final boolean listsIpv6;

    /** Without ip6tables: the sweep reads iptables-save only. */
    IptablesCommands(String iptables, String iptablesSave) {
        this(iptables, iptablesSave, null);
    }

    /** {@code ip6tablesSave}: where ip6tables is installed, its save tool; else null. */
    IptablesCommands(String iptables, String iptablesSave, String ip6tablesSave) {
        this(iptables, iptablesSave, ip6tablesSave, false);
    }

    private IptablesCommands(String iptables, String iptablesSave, String ip6tablesSave, boolean listsIpv6) {
        this.iptables = iptables;
        this.iptablesSave = iptablesSave;
        this.ip6tablesSave = ip6tablesSave;
        this.listsIpv6 = listsIpv6;
    }

    @Override
    public String tool() {
        return "iptables";
    }

    @Override
    public List<List<String>> prepare(RstRule rule) {
        return List.of();
    }

    @Override
    public List<String> add(RstRule rule) {
        return command("-I", rule);
    }

    @Override
    public List<String> undo(RstRule rule, String addOutput) {
        return command("-D", rule);
    }

    private List<String> command(String operation, RstRule rule) {
        List<String> argv = new ArrayList<>(List.of(rule.isIpv6() ? ip6tables(iptables) : iptables, "-w", "5", "-t",
                "filter", operation, "OUTPUT"));
        argv.addAll(List.of(
                "-p", "tcp",
                "-s", rule.localAddressText(), "--sport", Integer.toString(rule.localPort()),
                "-d", rule.peerAddressText(), "--dport", Integer.toString(rule.peerPort()),
                "--tcp-flags", "RST", "RST",
                "-m", "comment", "--comment", rule.comment(),
                "-j", "DROP"));
        return argv;
    }

    /** ip6tables beside iptables: the same tool for IPv6 rules. */
    static String ip6tables(String iptables) {
        int slash = iptables.lastIndexOf('/');
        String name = iptables.substring(slash + 1);
        return iptables.substring(0, slash + 1) + (name.startsWith("iptables") ? "ip6" + name.substring(2) : name);
    }

    /** The same commands, but listing ip6tables-save's IPv6 rules: the sweep reads both families. */
    @Override
    public List<FirewallCommands> sweptListings() {
        if (listsIpv6 || ip6tablesSave == null) {
            return List.of(this);
        }
        return List.of(this, new IptablesCommands(iptables, iptablesSave, ip6tablesSave, true));
    }

    @Override
    public List<String> list() {
        return List.of(listsIpv6 ? ip6tablesSave : iptablesSave, "-t", "filter");
    }

    /**
     * iptables-save failing is reported. ip6tables-save failing is not: on a host without IPv6 netfilter (IPv6
     * disabled, no ip6_tables module) it fails on every run, and no ip6tables rule of ours can exist there; a
     * missing privilege fails iptables-save too, which says so.
     */
    @Override
    public boolean listFailureMeansNoRules(CommandResult result) {
        return listsIpv6;
    }

    /**
     * Finds {@code -A CHAIN ... --comment "rawhttpget pid=N start=T" ...} lines of iptables-save, or ip6tables-save
     * (or the older {@code "rawhttpget pid=N"}). A saved rule read back with {@code -D} instead of {@code -A}, by
     * the tool of its family, deletes exactly that rule.
     */
    @Override
    public List<StaleRule> staleRules(String listing, Predicate<RuleOwner> ownerRuns) {
        List<StaleRule> stale = new ArrayList<>();
        for (String line : listing.split("\n")) {
            if (!line.startsWith("-A ")) {
                continue;
            }
            List<String> words = SavedRuleWords.split(line);
            int comment = words.indexOf("--comment");
            if (comment < 0 || comment + 1 >= words.size()) {
                continue;
            }
            Optional<RuleOwner> owner = RuleOwner.ofComment(words.get(comment + 1));
            if (owner.isEmpty() || ownerRuns.test(owner.get())) {
                continue;
            }
            List<String> delete = new ArrayList<>(List.of(listsIpv6 ? ip6tables(iptables) : iptables, "-w", "5", "-t",
                    "filter", "-D"));
            delete.addAll(words.subList(1, words.size()));
            stale.add(new StaleRule(owner.get().pid(), line, delete));
        }
        return stale;
    }
}
