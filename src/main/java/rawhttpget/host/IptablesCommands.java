package rawhttpget.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * iptables command lines. {@code -w 5} waits for the xtables lock rather than failing at once when
 * another program (or another rawhttpget) is changing rules at the same moment.
 */
final class IptablesCommands implements FirewallCommands {
    private final String iptables;
    private final String iptablesSave;

    IptablesCommands(String iptables, String iptablesSave) {
        this.iptables = iptables;
        this.iptablesSave = iptablesSave;
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

    @Override
    public List<String> list() {
        return List.of(iptablesSave, "-t", "filter");
    }

    @Override
    public boolean listFailureMeansNoRules(CommandResult result) {
        return false;
    }

    /**
     * Finds {@code -A CHAIN ... --comment "rawhttpget pid=N start=T" ...} lines of iptables-save (or the older
     * {@code "rawhttpget pid=N"}). A saved rule read back with {@code -D} instead of {@code -A} deletes exactly
     * that rule.
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
            List<String> delete = new ArrayList<>(List.of(iptables, "-w", "5", "-t", "filter", "-D"));
            delete.addAll(words.subList(1, words.size()));
            stale.add(new StaleRule(owner.get().pid(), line, delete));
        }
        return stale;
    }
}
