package rawhttpget.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** The command line, spelled as wget spells it where wget has the option. */
@Command(name = "rawhttpget", sortOptions = false, usageHelpAutoWidth = true,
        description = "Downloads URLs through a userspace Ethernet/ARP/IPv4/TCP stack (libpcap), not the kernel's TCP.",
        exitCodeListHeading = "%nExit status (as wget's):%n",
        exitCodeList = {
            " 0:no problems occurred",
            " 1:generic error (missing privileges or libpcap, no iptables or nft)",
            " 2:command-line parse error",
            " 3:file I/O error",
            " 4:network failure (unusable interface, address taken, no route, no ARP reply, refused, reset, timed out)",
            " 5:TLS verification failure",
            " 6:authentication failure",
            " 7:protocol error (malformed or truncated response)",
            " 8:server issued an error response (4xx, 5xx)",
            "130:interrupted by SIGINT",
            "143:terminated by SIGTERM"})
final class Options {

    @Parameters(paramLabel = "URL", arity = "1..*", description = "http:// URL(s) to download, one after another.")
    List<String> urls;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Show the version and the libpcap found, and exit.")
    boolean version;

    // Logging and input
    @Option(names = {"-q", "--quiet"}, description = "Quiet: errors only.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Verbose: INFO from every layer (state changes, ARP, retransmissions).")
    boolean verbose;

    @Option(names = {"-d", "--debug"}, description = "Debug: one line per frame and segment, in tcpdump's notation.")
    boolean debug;

    // Download
    @Option(names = {"-O", "--output-document"}, paramLabel = "FILE", description = "Write the body to FILE.")
    String outputDocument;

    @Option(names = {"-T", "--timeout"}, paramLabel = "SECONDS", defaultValue = "60",
            description = "Give up when nothing arrives from the server for SECONDS (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    // Network
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
