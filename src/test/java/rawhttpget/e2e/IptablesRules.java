package rawhttpget.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * The rule set in {@code iptables-save} output, without what changes when nothing was changed.
 *
 * <p>Two things differ between a namespace before and after a program that added and then deleted its rule,
 * though the rules are the same: the comment lines carry timestamps and the chains carry packet counters; and a
 * fresh namespace has no tables at all, while after the first {@code iptables -I} the filter table exists with
 * its empty built-in chains. So comments and counters are dropped, and so is a table that has no rules, no
 * chain of its own and only ACCEPT policies: it filters nothing, exactly like a missing one.
 */
final class IptablesRules {
    private IptablesRules() {}

    static String normalize(String iptablesSave) {
        StringBuilder kept = new StringBuilder();
        List<String> table = new ArrayList<>();
        boolean tableFilters = false;
        for (String raw : iptablesSave.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("*")) {
                table.clear();
                tableFilters = false;
            } else if (line.startsWith(":")) {
                // ":CHAIN POLICY [packets:bytes]"; a chain of one's own has policy "-".
                String[] parts = line.split("\\s+");
                line = parts[0] + " " + (parts.length > 1 ? parts[1] : "");
                tableFilters |= parts.length < 2 || !parts[1].equals("ACCEPT");
            } else if (line.equals("COMMIT")) {
                if (tableFilters) {
                    table.forEach(l -> kept.append(l).append('\n'));
                    kept.append("COMMIT\n");
                }
                continue;
            } else {
                tableFilters = true; // a rule
            }
            table.add(line);
        }
        return kept.toString();
    }
}
