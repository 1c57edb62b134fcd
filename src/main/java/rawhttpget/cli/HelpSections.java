package rawhttpget.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out --help's options under wget's headings (Startup, Logging, Download, Directories, HTTP) plus one
 * for what only rawhttpget has. Options stay flat fields in {@link Options}; this table says where each one is
 * shown. An option missing from it still appears, under "Other", and a unit test asks for it to be placed.
 */
final class HelpSections {
    static final Map<String, List<String>> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("Startup", List.of("--version", "--help"));
        SECTIONS.put("Logging", List.of("--quiet", "--verbose", "--debug", "--log", "--log-config", "--log-file"));
        SECTIONS.put("Download", List.of("--tries", "--waitretry", "--output-document", "--no-clobber", "--continue",
                "--progress", "--timeout"));
        SECTIONS.put("Directories", List.of("--directory-prefix"));
        SECTIONS.put("HTTP options", List.of("--max-redirect", "--content-on-error"));
        SECTIONS.put("HTTPS (SSL/TLS) options", List.of("--ca-certificate", "--no-check-certificate"));
        SECTIONS.put("Userspace stack (rawhttpget's own)", List.of("--interface", "--ip", "--mac", "--no-host-setup",
                "--rcvbuf", "--pcap", "--stats"));
    }

    static final String OTHER = "Other";

    private HelpSections() {
    }

    /** Replaces picocli's single option list with the grouped one. */
    static void install(CommandLine cli) {
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, help -> "");
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpSections::render);
    }

    /** The heading each option is shown under, in order, for the given options. */
    static Map<String, List<OptionSpec>> group(List<OptionSpec> options) {
        Map<String, List<OptionSpec>> grouped = new LinkedHashMap<>();
        List<OptionSpec> other = new ArrayList<>();
        for (String heading : SECTIONS.keySet()) {
            grouped.put(heading, new ArrayList<>());
        }
        for (OptionSpec option : options) {
            String heading = headingOf(option);
            (heading == null ? other : grouped.get(heading)).add(option);
        }
        if (!other.isEmpty()) {
            grouped.put(OTHER, other);
        }
        grouped.values().removeIf(List::isEmpty);
        return grouped;
    }

    static String headingOf(OptionSpec option) {
        for (Map.Entry<String, List<String>> section : SECTIONS.entrySet()) {
            if (section.getValue().contains(option.longestName())) {
                return section.getKey();
            }
        }
        return null;
    }

    private static String render(Help help) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, List<OptionSpec>> section : group(help.commandSpec().options()).entrySet()) {
            Help.Layout layout = help.createDefaultLayout();
            for (OptionSpec option : section.getValue()) {
                layout.addOption(option, help.createDefaultParamLabelRenderer());
            }
            text.append(String.format("%n%s:%n", section.getKey())).append(layout);
        }
        return text.toString();
    }
}
