package rawhttpget.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code nft list ruleset}, without the one thing iptables-nft leaves behind that filters nothing: the
 * first {@code iptables -I} creates {@code table ip filter} with base chains INPUT, FORWARD and OUTPUT, and
 * they stay after the rule is deleted (see {@link IptablesRules} for the same on the iptables side). So a
 * base chain of that table with no rules and an accept policy is dropped, and the table if nothing else is
 * left in it. Everything else is kept verbatim, our own {@code inet rawhttpget} table included.
 */
final class NftRuleset {
    private NftRuleset() {}

    static String normalize(String listing) {
        List<String> lines = new ArrayList<>();
        for (String raw : listing.split("\n")) {
            String line = raw.strip();
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        StringBuilder kept = new StringBuilder();
        int i = 0;
        while (i < lines.size()) {
            i = block(lines, i, kept);
        }
        return kept.toString();
    }

    /** Copies the statement or block starting at {@code i} unless it filters nothing; returns the next index. */
    private static int block(List<String> lines, int i, StringBuilder out) {
        String head = lines.get(i);
        if (!head.endsWith("{")) {
            out.append(head).append('\n');
            return i + 1;
        }
        StringBuilder body = new StringBuilder();
        int j = i + 1;
        boolean onlyAcceptingHooks = true;
        while (j < lines.size() && !lines.get(j).equals("}")) {
            String line = lines.get(j);
            if (line.endsWith("{")) {
                StringBuilder inner = new StringBuilder();
                j = block(lines, j, inner);
                body.append(inner);
                onlyAcceptingHooks &= inner.isEmpty();
            } else {
                body.append(line).append('\n');
                onlyAcceptingHooks &= line.startsWith("type ") && line.endsWith("policy accept;");
                j++;
            }
        }
        boolean iptablesNftLeftover = head.equals("table ip filter {") || head.matches("chain (INPUT|FORWARD|OUTPUT) \\{");
        boolean empty = iptablesNftLeftover ? onlyAcceptingHooks : body.isEmpty() && !head.startsWith("chain ");
        if (!empty) {
            out.append(head).append('\n').append(body).append("}\n");
        }
        return j + 1;
    }
}
