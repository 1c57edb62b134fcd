package rawhttpget.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The text of --help, laid out from the option table: a synopsis, the options under the headings of
 * {@link HelpSections}, wget's exit statuses. Lines are wrapped at {@link #WIDTH} columns.
 */
final class HelpText {
    static final int WIDTH = 100;
    /** Where descriptions start; a longer option name puts its description on the next line. */
    private static final int DESCRIPTION_COLUMN = 28;
    private static final int EXIT_DESCRIPTION_COLUMN = 8;
    private static final String INDENT_WRAPPED = "  ";

    static final String DESCRIPTION =
            "Downloads URLs through a userspace Ethernet/ARP/IPv4/TCP stack (libpcap), not the kernel's TCP.";
    static final String URL_HELP = "http:// or https:// URL(s) to download, one after another.";
    static final List<String[]> EXIT_STATUSES = List.of(
        new String[] {" 0", "no problems occurred (also: -nc found the file already there)"},
        new String[] {" 1", "generic error (missing privileges or libpcap, no iptables or nft)"},
        new String[] {" 2", "command-line parse error"},
        new String[] {" 3", "file I/O error"},
        new String[] {" 4", "network failure (unusable interface, address taken, unknown host, no route, no ARP reply, "
                + "refused, reset, timed out)"},
        new String[] {" 5", "TLS failure (certificate not trusted, host name mismatch, handshake, --ca-certificate "
                + "unreadable)"},
        new String[] {" 6", "authentication failure"},
        new String[] {" 7", "protocol error (malformed or truncated response, bad Content-Range, --checksum mismatch)"},
        new String[] {" 8", "server issued an error response (4xx, 5xx; too many redirects, a redirect loop)"},
        new String[] {"130", "interrupted by SIGINT"},
        new String[] {"143", "terminated by SIGTERM"});
    static final String FOOTER = "With several URLs the lowest failing code other than 1 wins, as in wget.";

    private HelpText() {
    }

    static String render(List<CliOption> table) {
        StringBuilder text = new StringBuilder();
        String prefix = "Usage: rawhttpget ";
        appendWrapped(text, prefix, synopsis(table), " ".repeat(prefix.length()));
        text.append(DESCRIPTION).append('\n');
        row(text, "      URL...", URL_HELP, DESCRIPTION_COLUMN);
        for (Map.Entry<String, List<CliOption>> section : HelpSections.group(table).entrySet()) {
            text.append('\n').append(section.getKey()).append(":\n");
            for (CliOption option : section.getValue()) {
                row(text, names(option), option.help(), DESCRIPTION_COLUMN);
            }
        }
        text.append("\nExit status (as wget's):\n");
        for (String[] status : EXIT_STATUSES) {
            row(text, "  " + status[0], status[1], EXIT_DESCRIPTION_COLUMN);
        }
        return text.append('\n').append(FOOTER).append('\n').toString();
    }

    /** "  -t, --tries=N", "      --stats", " -nc, --no-clobber": long names line up in one column. */
    static String names(CliOption option) {
        String shortPart = option.shortName() == null ? "" : "-" + option.shortName() + ", ";
        String label = option.takesValue() ? "=" + option.label() : "";
        return " ".repeat(6 - shortPart.length()) + shortPart + option.longForm() + label;
    }

    /**
     * Flags by their single letters, then the other flags, then options with values, each group sorted by name,
     * then the repeatable --log and the URLs: the shape the help had before, in getopt's spelling.
     */
    static List<String> synopsis(List<CliOption> table) {
        Comparator<CliOption> byName = Comparator.comparing(HelpText::shortestName, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(HelpText::shortestName, Comparator.reverseOrder());
        StringBuilder letters = new StringBuilder();
        List<String> parts = new ArrayList<>();
        List<CliOption> flags = table.stream().filter(o -> !o.takesValue()).sorted(byName).toList();
        for (CliOption flag : flags) {
            if (flag.shortName() != null && flag.shortName().length() == 1) {
                letters.append(flag.shortName());
            }
        }
        parts.add("[-" + letters + "]");
        for (CliOption flag : flags) {
            if (flag.shortName() == null || flag.shortName().length() > 1) {
                parts.add("[" + (flag.shortName() == null ? flag.longForm() : "-" + flag.shortName()) + "]");
            }
        }
        List<CliOption> valued = table.stream().filter(CliOption::takesValue).sorted(byName).toList();
        String repeated = "";
        for (CliOption option : valued) {
            String spelled = option.shortName() != null ? "-" + option.shortName() + " " + option.label()
                    : option.longForm() + "=" + option.label();
            if (option.longName().equals("log")) {
                repeated = "[" + spelled + "]...";
            } else {
                parts.add("[" + spelled + "]");
            }
        }
        parts.add(repeated);
        parts.add("URL...");
        return parts;
    }

    private static String shortestName(CliOption option) {
        return option.shortName() != null ? option.shortName() : option.longName();
    }

    /** {@code left} padded to {@code column}, then the wrapped description (continued two columns further in). */
    private static void row(StringBuilder text, String left, String description, int column) {
        if (left.length() >= column) {
            text.append(left).append('\n');
            left = "";
        }
        String pad = " ".repeat(column);
        appendWrapped(text, left + pad.substring(left.length()), List.of(description.split(" ")), pad + INDENT_WRAPPED);
    }

    /** {@code words} after {@code first}, wrapped before {@link #WIDTH}; later lines start with {@code next}. */
    private static void appendWrapped(StringBuilder text, String first, List<String> words, String next) {
        StringBuilder line = new StringBuilder(first);
        int lineStart = line.length();
        for (String word : words) {
            if (line.length() > lineStart && line.length() + 1 + word.length() > WIDTH - 1) {
                text.append(line).append('\n');
                line = new StringBuilder(next);
                lineStart = line.length();
            }
            if (line.length() > lineStart) {
                line.append(' ');
            }
            line.append(word);
        }
        text.append(line).append('\n');
    }
}
