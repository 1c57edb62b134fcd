package rawhttpget.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * The command line, spelled as wget spells it where wget has the option. {@link HelpSections} groups the
 * options in --help under wget's headings; every option must be listed there.
 */
@Command(name = "rawhttpget", sortOptions = false, usageHelpAutoWidth = true,
        description = "Downloads URLs through a userspace Ethernet/ARP/IPv4/TCP stack (libpcap), not the kernel's TCP.",
        exitCodeListHeading = "%nExit status (as wget's):%n",
        exitCodeList = {
            " 0:no problems occurred (also: -nc found the file already there)",
            " 1:generic error (missing privileges or libpcap, no iptables or nft)",
            " 2:command-line parse error",
            " 3:file I/O error",
            " 4:network failure (unusable interface, address taken, unknown host, no route, no ARP reply, refused, reset, timed out)",
            " 5:TLS failure (certificate not trusted, host name mismatch, handshake, --ca-certificate unreadable)",
            " 6:authentication failure",
            " 7:protocol error (malformed or truncated response, bad Content-Range)",
            " 8:server issued an error response (4xx, 5xx; too many redirects, a redirect loop)",
            "130:interrupted by SIGINT",
            "143:terminated by SIGTERM"},
        footer = "%nWith several URLs the lowest failing code other than 1 wins, as in wget.")
final class Options {

    @Parameters(paramLabel = "URL", arity = "1..*", description = "http:// or https:// URL(s) to download, one after another.")
    List<String> urls;

    // Startup
    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Show the version and the libpcap found, and exit.")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    // Logging and input file
    @Option(names = {"-q", "--quiet"}, description = "Quiet: errors only, no progress.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Verbose: INFO from every layer (state changes, ARP, retransmissions).")
    boolean verbose;

    @Option(names = {"-d", "--debug"}, description = "Debug: one line per frame and segment, in tcpdump's notation.")
    boolean debug;

    // Download
    @Option(names = {"-t", "--tries"}, paramLabel = "N", defaultValue = "1",
            description = "Try each URL up to N times (0: no limit) after a timeout, a reset or a body cut short; "
                    + "not after an error status (default: ${DEFAULT-VALUE}; wget's is 20).")
    int tries;

    @Option(names = "--waitretry", paramLabel = "SECONDS", defaultValue = "10",
            description = "Between tries wait 1 s, 2 s, ... up to SECONDS (default: ${DEFAULT-VALUE}).")
    long waitRetrySeconds;

    @Option(names = {"-O", "--output-document"}, paramLabel = "FILE",
            description = "Write the body to FILE (replaced when complete); - is standard output.")
    String outputDocument;

    @Option(names = {"-nc", "--no-clobber"},
            description = "Do not fetch a URL whose file already exists (instead of saving NAME.1, NAME.2, ...).")
    boolean noClobber;

    @Option(names = {"-c", "--continue"},
            description = "Continue a partial file (NAME.part, else NAME) with a Range request.")
    boolean continueDownload;

    @Option(names = "--progress", paramLabel = "TYPE",
            description = "bar (on a terminal; bar:force anywhere), dot, or none. Default: bar on a terminal, else dot.")
    String progress;

    @Option(names = {"-T", "--timeout"}, paramLabel = "SECONDS", defaultValue = "60",
            description = "Give up when the server does not answer the connection, or sends nothing, for SECONDS "
                    + "(default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    // Directories
    @Option(names = {"-P", "--directory-prefix"}, paramLabel = "DIR",
            description = "Save files in DIR (created if missing); not used with -O.")
    String directoryPrefix;

    // HTTP options
    @Option(names = "--max-redirect", paramLabel = "N", defaultValue = "20",
            description = "Follow at most N redirections (default: ${DEFAULT-VALUE}).")
    int maxRedirect;

    @Option(names = "--content-on-error",
            description = "Save the body of a 4xx/5xx response too (the exit status is still 8).")
    boolean contentOnError;

    // HTTPS (SSL/TLS) options
    @Option(names = "--ca-certificate", paramLabel = "FILE",
            description = "Also trust the CA certificate(s) in the PEM file FILE (the JDK's trust store still counts).")
    String caCertificate;

    @Option(names = "--no-check-certificate",
            description = "Do not check the server's certificate or host name (prints a warning).")
    boolean noCheckCertificate;

    // Userspace stack
    @Option(names = {"-i", "--interface"}, paramLabel = "IFACE", description = "Interface to capture and send on (default: the default route's).")
    String interfaceName;

    @Option(names = "--ip", paramLabel = "ADDR/PREFIX",
            description = "Own-address mode: claim ADDR on the link (answering ARP for it) and change nothing on the host.")
    String ownAddress;

    @Option(names = "--mac", paramLabel = "MAC", description = "With --ip: the MAC to use (default: a random locally administered one).")
    String ownMac;

    @Option(names = "--no-host-setup",
            description = "Host-address mode: change nothing on the host (no firewall rule for the kernel's RSTs);"
                    + " print the rule that would be needed instead.")
    boolean noHostSetup;

    @Option(names = "--rcvbuf", paramLabel = "BYTES", defaultValue = "4194304",
            description = "TCP receive buffer, which sets the advertised window (default: ${DEFAULT-VALUE}).")
    int receiveBuffer;

    // Debugging sessions: per-layer logs, a pcap trace, an end-of-run report
    @Option(names = "--log", paramLabel = "LAYER=LEVEL[,...]", converter = LogLevels.SpecConverter.class,
            description = "Set single layers' log levels, e.g. tcp=debug,arp=trace. Layers: link, arp, ip, tcp, tls, "
                    + "http, host, cli; levels: off, error, warn, info, debug, trace. Wins over -q, -v and -d.")
    List<LogLevels.Spec> logLevels;

    @Option(names = "--log-config", paramLabel = "FILE",
            description = "Configure logging from this logback XML file instead of the shipped default.")
    String logConfig;

    @Option(names = "--log-file", paramLabel = "FILE", description = "Write log lines to FILE (truncated) instead of stderr.")
    String logFile;

    @Option(names = "--pcap", paramLabel = "FILE",
            description = "Record every frame sent and received, those the stack dropped included, as a pcap file "
                    + "(Ethernet, nanosecond timestamps) that tcpdump, tshark and Wireshark read.")
    String pcapFile;

    @Option(names = "--stats", description = "At the end, print a TCP report to stderr: segments, bytes, "
            + "retransmissions, RTT, windows, drops, and the time spent in each phase.")
    boolean stats;
}
