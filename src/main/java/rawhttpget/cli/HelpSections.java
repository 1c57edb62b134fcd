package rawhttpget.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out --help's options under wget's headings (Startup, Logging, Download, Directories, HTTP) plus one
 * for what only rawhttpget has. Options stay one flat table ({@link Options#TABLE}); this one says where each
 * is shown by {@link HelpText}. An option missing from it still appears, under "Other", and a unit test asks for it to be placed.
 */
final class HelpSections {
    static final Map<String, List<String>> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("Startup", List.of("--version", "--help"));
        SECTIONS.put("Logging", List.of("--quiet", "--no-verbose", "--output-file", "--append-output", "--verbose",
                "--debug", "--log", "--log-config", "--log-file", "--input-file", "--base"));
        SECTIONS.put("Download", List.of("--tries", "--retry-connrefused", "--retry-on-http-error", "--wait", "--waitretry",
                "--random-wait",
                "--output-document", "--no-clobber", "--continue", "--progress", "--timestamping",
                "--no-use-server-timestamps", "--server-response", "--spider", "--timeout", "--connect-timeout",
                "--read-timeout", "--dns-timeout", "--user", "--password",
                "--no-netrc", "--limit-rate", "--checksum", "--split", "--min-split-size", "--max-concurrent-downloads", "--no-proxy", "--inet4-only", "--inet6-only"));
        SECTIONS.put("Directories", List.of("--directory-prefix"));
        SECTIONS.put("HTTP options", List.of("--http-user", "--http-password", "--default-page", "--header",
                "--no-http-keep-alive", "--no-cache",
                "--max-redirect", "--referer", "--user-agent", "--post-data", "--post-file", "--method", "--body-data",
                "--body-file", "--content-disposition", "--trust-server-names", "--save-headers",
                "--content-on-error", "--auth-no-challenge"));
        SECTIONS.put("HTTPS (SSL/TLS) options", List.of("--ca-certificate", "--no-check-certificate", "--https-only"));
        SECTIONS.put("Userspace stack (rawhttpget's own)", List.of("--interface", "--ip", "--mac", "--no-host-setup",
                "--rcvbuf", "--time-wait", "--local-port", "--no-realtime", "--pcap", "--stats", "--report", "--events"));
    }

    static final String OTHER = "Other";

    private HelpSections() {
    }

    /** The heading each option is shown under, in order, for the given options. */
    static Map<String, List<CliOption>> group(List<CliOption> options) {
        Map<String, List<CliOption>> grouped = new LinkedHashMap<>();
        List<CliOption> other = new ArrayList<>();
        for (String heading : SECTIONS.keySet()) {
            grouped.put(heading, new ArrayList<>());
        }
        for (CliOption option : options) {
            String heading = headingOf(option);
            (heading == null ? other : grouped.get(heading)).add(option);
        }
        if (!other.isEmpty()) {
            grouped.put(OTHER, other);
        }
        grouped.values().removeIf(List::isEmpty);
        return grouped;
    }

    static String headingOf(CliOption option) {
        for (Map.Entry<String, List<String>> section : SECTIONS.entrySet()) {
            if (section.getValue().contains(option.longForm())) {
                return section.getKey();
            }
        }
        return null;
    }
}
