package rawhttpget.cli;

import rawhttpget.logging.LogLevels;

import static rawhttpget.cli.CliOption.flag;
import static rawhttpget.cli.CliOption.value;

import rawhttpget.download.AddressFamily;
import rawhttpget.download.BodySettings;
import rawhttpget.download.DownloadSettings;
import rawhttpget.download.ExpectedChecksum;
import rawhttpget.download.LimitRate;
import rawhttpget.download.ProxySettings;
import rawhttpget.download.RequestSettings;
import rawhttpget.download.RetrievalSettings;
import rawhttpget.logging.LogSettings;
import rawhttpget.runtime.HostSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line, spelled as wget spells it where wget has the option. {@link #TABLE} declares every option
 * once: {@link CommandLineParser} parses with it, {@link HelpText} prints it under the headings of {@link HelpSections}
 * (every option must be listed there). A new Options holds the table's defaults.
 */
final class Options {
    List<String> urls = new ArrayList<>();

    // Startup
    boolean version;
    boolean help;
    // Logging and input file
    boolean quiet;
    boolean noVerbose;
    String outputFile;
    String appendOutput;
    boolean verbose;
    boolean debug;
    List<LogLevels.Spec> logLevels = new ArrayList<>();
    String logConfig;
    String logFile;
    String inputFile;
    String base;
    // Download
    int tries;
    long waitRetrySeconds;
    double waitSeconds;
    boolean randomWait;
    String outputDocument;
    boolean noClobber;
    boolean continueDownload;
    String progress;
    double timeoutSeconds;
    double connectTimeoutSeconds;
    double readTimeoutSeconds;
    /** Read and checked as wget reads it, but the JDK's resolver keeps the system's own timeout (see README). */
    double dnsTimeoutSeconds;
    String user;
    String password;
    boolean noNetrc;
    boolean noProxy;
    Set<Integer> retryOnHttpError = Set.of();
    boolean retryConnRefused;
    boolean inet4Only;
    boolean inet6Only;
    boolean timestamping;
    boolean noUseServerTimestamps;
    boolean serverResponse;
    boolean spider;
    long limitRate;
    int split = 1;
    int maxConcurrent = 1;
    long minSplitSize = BodySettings.DEFAULT_MIN_SPLIT_SIZE;
    ExpectedChecksum checksum;
    // Directories
    String directoryPrefix;
    // HTTP options
    int maxRedirect;
    boolean contentOnError;
    String httpUser;
    String httpPassword;
    /** --header values in order, each "Name: value" (checked when given). */
    List<String> headers = new ArrayList<>();
    boolean noHttpKeepAlive;
    boolean noCache;
    String referer;
    String userAgent;
    String postData;
    String postFile;
    String method;
    String bodyData;
    String bodyFile;
    boolean authNoChallenge;
    String defaultPage;
    boolean contentDisposition;
    boolean trustServerNames;
    boolean saveHeaders;
    // HTTPS (SSL/TLS) options
    String caCertificate;
    boolean noCheckCertificate;
    /** wget's --https-only, which acts in recursive mode only: read, and nothing here depends on it. */
    boolean httpsOnly;
    // Userspace stack
    String interfaceName;
    String ownAddress;
    String ownMac;
    boolean noHostSetup;
    int receiveBuffer;
    double timeWaitSeconds;
    boolean noRealtime;
    int localPort;
    // Debugging sessions: a pcap trace, an end-of-run report
    String pcapFile;
    boolean stats;
    String reportFile;
    String eventsFile;

    static final List<CliOption> TABLE = List.of(
        flag("V", "version", "Show the version and the libpcap found, and exit.", (o, v) -> o.version = true),
        flag("h", "help", "Show this help and exit.", (o, v) -> o.help = true),
        flag("q", "quiet", "Quiet: errors only, no progress.", (o, v) -> o.quiet = true),
        flag("nv", "no-verbose", "Say one line per file (and errors) instead of wget's status lines and the progress.",
                (o, v) -> o.noVerbose = true),
        value("o", "output-file", "FILE", null, "Write what would go to stderr (status lines, progress, errors, "
                + "and log lines unless --log-file is given) to FILE, truncated.", (o, v) -> o.outputFile = v),
        value("a", "append-output", "FILE", null, "As -o, but append to FILE.", (o, v) -> o.appendOutput = v),
        flag("v", "verbose", "Verbose: INFO from every layer (state changes, ARP, retransmissions).",
                (o, v) -> o.verbose = true),
        flag("d", "debug", "Debug: one line per frame and segment, in tcpdump's notation.", (o, v) -> o.debug = true),
        value("t", "tries", "N", "1", "Try each URL up to N times (0 or inf: no limit) after a timeout, a reset or a "
                + "body cut short; not after an error status (default: {default}; wget's is 20).",
                (o, v) -> o.tries = RetryOptions.tries(v)),
        flag("4", "inet4-only", "Connect only to IPv4 addresses.", (o, v) -> o.inet4Only = true),
        flag("6", "inet6-only", "Connect only to IPv6 addresses.", (o, v) -> o.inet6Only = true),
        flag(null, "retry-connrefused", "Try again (as --tries allows) when the connection is refused too.",
                (o, v) -> o.retryConnRefused = true),
        value(null, "retry-on-http-error", "CODES", null, "Try again (as --tries allows) after these HTTP statuses, "
                + "comma-separated, e.g. 503,429; a Retry-After from the server is honoured up to --waitretry.",
                (o, v) -> o.retryOnHttpError = RetryOptions.statuses(v)),
        flag("N", "timestamping", "Fetch only if the server's file is newer than the local one (If-Modified-Since); "
                + "the local file is then replaced.", (o, v) -> o.timestamping = true),
        flag(null, "no-use-server-timestamps", "Do not give saved files the server's Last-Modified time.",
                (o, v) -> o.noUseServerTimestamps = true),
        flag("S", "server-response", "Print the server's response heads (to stderr, even with -q).",
                (o, v) -> o.serverResponse = true),
        flag(null, "spider", "Check that each URL is there (a 2xx after redirects), saving nothing; exit 8 for a "
                + "broken link.", (o, v) -> o.spider = true),
        value(null, "limit-rate", "RATE", null, "Read at most RATE bytes a second (k, m, g, t suffixes as wget's: "
                + "1.5m is 1572864), through the TCP receive window: the server is held to it by flow control.",
                (o, v) -> o.limitRate = wgetBytes(v)),
        value(null, "checksum", "TYPE=DIGEST", null, "Check the file's hash before it gets its name (one URL only): "
                + "TYPE sha-1, sha-224, sha-256, sha-384, sha-512 or md5, as aria2c; a mismatch deletes it, exit 7.",
                (o, v) -> o.checksum = ExpectedChecksum.parse(v)),
        value("s", "split", "N", "1", "Download one file over N connections at once with Range requests (as aria2c), "
                + "when the server answers 206; -c resumes every segment. Not with -O -.",
                (o, v) -> o.split = splitCount(v)),
        value("j", "max-concurrent-downloads", "N", "1", "Download up to N URLs at once (as aria2c), over the one "
                + "stack; each URL's lines are shown in the order given, the progress as dots.",
                (o, v) -> o.maxConcurrent = concurrentCount(v)),
        value(null, "min-split-size", "SIZE", "1m", "Never split a file into segments under SIZE bytes (k, m, g "
                + "suffixes as --limit-rate; default: {default}).", (o, v) -> o.minSplitSize = splitSize(v)),
        value(null, "waitretry", "SECONDS", "10", "Between tries wait 1 s, 2 s, ... up to SECONDS (default: {default}).",
                (o, v) -> o.waitRetrySeconds = longNumber(v)),
        value("w", "wait", "SECONDS", null, "Wait SECONDS between retrievals (each URL and redirect after the "
                + "first; suffixes m, h, d, w as wget's).", (o, v) -> o.waitSeconds = WgetTime.seconds(v)),
        flag(null, "random-wait", "Wait from 0.5*WAIT...1.5*WAIT secs between retrievals.",
                (o, v) -> o.randomWait = true),
        value("O", "output-document", "FILE", null,
                "Write the body to FILE (replaced when complete); - is standard output.",
                (o, v) -> o.outputDocument = v),
        flag("nc", "no-clobber",
                "Do not fetch a URL whose file already exists (instead of saving NAME.1, NAME.2, ...).",
                (o, v) -> o.noClobber = true),
        flag("c", "continue", "Continue a partial file (NAME.part, else NAME) with a Range request.",
                (o, v) -> o.continueDownload = true),
        value(null, "progress", "TYPE", null,
                "bar (on a terminal; bar:force anywhere), dot, or none. Default: bar on a terminal, else dot.",
                (o, v) -> o.progress = v),
        value("T", "timeout", "SECONDS", "60", "Set --connect-timeout, --read-timeout and --dns-timeout to SECONDS, "
                + "and give up when the interface has no link for SECONDS (default: {default}; 0: never).",
                Options::setTimeouts),
        value(null, "connect-timeout", "SECS", null, "Give up when the server has not answered the connection "
                + "(SYN) for SECS.", (o, v) -> o.connectTimeoutSeconds = timeout(v)),
        value(null, "read-timeout", "SECS", null, "Give up when a connected server sends nothing for SECS.",
                (o, v) -> o.readTimeoutSeconds = timeout(v)),
        value(null, "dns-timeout", "SECS", null, "Accepted as wget's; name lookups keep the system resolver's own "
                + "timeout.", (o, v) -> o.dnsTimeoutSeconds = timeout(v)),
        value(null, "user", "USER", null, "Set the http user to USER (--http-user wins).",
                (o, v) -> o.user = v),
        value(null, "password", "PASS", null, "Set the http password to PASS (--http-password wins).",
                (o, v) -> o.password = v),
        flag(null, "no-netrc", "Don't try to obtain credentials from .netrc.", (o, v) -> o.noNetrc = true),
        flag(null, "no-proxy", "Explicitly turn off proxy (http_proxy, https_proxy and no_proxy are read otherwise).",
                (o, v) -> o.noProxy = true),
        value("P", "directory-prefix", "DIR", null, "Save files in DIR (created if missing); not used with -O.",
                (o, v) -> o.directoryPrefix = v),
        value(null, "http-user", "USER", null, "Set http user to USER.", (o, v) -> o.httpUser = v),
        value(null, "http-password", "PASS", null, "Set http password to PASS.", (o, v) -> o.httpPassword = v),
        value(null, "header", "STRING", null, "Insert STRING ('Name: value') among the headers; it replaces a header"
                + " of the same name. Repeatable; an empty STRING clears the list.", Options::addHeader),
        flag(null, "no-http-keep-alive", "Ask for one request per connection (Connection: Close): no connection is"
                + " reused.", (o, v) -> o.noHttpKeepAlive = true),
        flag(null, "no-cache", "Ask caches on the way for a fresh copy (Cache-Control: no-cache, Pragma: no-cache).",
                (o, v) -> o.noCache = true),
        value(null, "max-redirect", "N", "20", "Follow at most N redirections (default: {default}).",
                (o, v) -> o.maxRedirect = wholeNumber(v)),
        value(null, "referer", "URL", null, "Include 'Referer: URL' header in HTTP request.",
                (o, v) -> o.referer = v),
        value("U", "user-agent", "AGENT", null, "Identify as AGENT instead of rawhttpget/VERSION (\"\": no"
                + " User-Agent header).", (o, v) -> o.userAgent = v),
        value(null, "post-data", "STRING", null, "Use the POST method; send STRING as the data.",
                (o, v) -> o.postData = v),
        value(null, "post-file", "FILE", null, "Use the POST method; send contents of FILE.",
                (o, v) -> o.postFile = v),
        value(null, "method", "HTTPMethod", null, "Use method \"HTTPMethod\" in the request.",
                (o, v) -> o.method = RequestSettings.method(v)),
        value(null, "body-data", "STRING", null, "Send STRING as data. --method MUST be set.",
                (o, v) -> o.bodyData = v),
        value(null, "body-file", "FILE", null, "Send contents of FILE. --method MUST be set.",
                (o, v) -> o.bodyFile = v),
        value(null, "default-page", "NAME", "index.html",
                "Name the file of a URL that ends in '/' NAME (default: {default}).", (o, v) -> o.defaultPage = v),
        flag(null, "content-disposition", "Name the file as the server's Content-Disposition proposes (made safe: "
                + "no directory, no leading dot).", (o, v) -> o.contentDisposition = true),
        flag(null, "trust-server-names", "Name the file after the last URL of its redirects, not the first.",
                (o, v) -> o.trustServerNames = true),
        flag(null, "save-headers", "Save the HTTP headers to file, before the body.", (o, v) -> o.saveHeaders = true),
        flag(null, "content-on-error", "Save the body of a 4xx/5xx response too (the exit status is still 8).",
                (o, v) -> o.contentOnError = true),
        flag(null, "auth-no-challenge", "Send Basic HTTP authentication information without first waiting for the"
                + " server's challenge.", (o, v) -> o.authNoChallenge = true),
        value(null, "ca-certificate", "FILE", null,
                "Also trust the CA certificate(s) in the PEM file FILE (the JDK's trust store still counts).",
                (o, v) -> o.caCertificate = v),
        flag(null, "https-only", "Only follow secure HTTPS links (in recursive mode, as wget; rawhttpget has none, "
                + "so the URLs given and their redirects are fetched as without it).", (o, v) -> o.httpsOnly = true),
        flag(null, "no-check-certificate", "Do not check the server's certificate or host name (prints a warning).",
                (o, v) -> o.noCheckCertificate = true),
        value("i", "interface", "IFACE", null, "Interface to capture and send on (default: the default route's).",
                (o, v) -> o.interfaceName = v),
        value(null, "ip", "ADDR/PREFIX", null, "Own-address mode: claim ADDR on the link (answering ARP for it) and "
                + "change nothing on the host.", (o, v) -> o.ownAddress = v),
        value(null, "mac", "MAC", null, "With --ip: the MAC to use (default: a random locally administered one).",
                (o, v) -> o.ownMac = v),
        flag(null, "no-host-setup", "Host-address mode: change nothing on the host (no firewall rule for the kernel's "
                + "RSTs); print the rule that would be needed instead.", (o, v) -> o.noHostSetup = true),
        value(null, "rcvbuf", "BYTES", "4194304",
                "TCP receive buffer, which sets the advertised window (default: {default}).",
                (o, v) -> o.receiveBuffer = wholeNumber(v)),
        value(null, "time-wait", "SECONDS", "1", "When we close first, stay in TIME-WAIT this long, acking the "
                + "server's FIN again if it comes again (default: {default}; 0: leave at once). The server closes "
                + "first in a normal download (we wait up to 50 ms for its FIN), so this only matters when it does "
                + "not, or when both close at once.",
                (o, v) -> o.timeWaitSeconds = number(v)),
        value(null, "local-port", "PORT", null, "Connect from this local TCP port (1-65535) instead of one the "
                + "kernel picks; it must be free. Every connection of the run uses it, one after another.",
                (o, v) -> o.localPort = portNumber(v)),
        flag(null, "no-realtime", "Run the stack's two threads at normal priority. By default, on two or more CPUs and "
                + "where allowed (root, CAP_SYS_NICE), they run as real-time threads (SCHED_RR, priority 1), ahead "
                + "of ordinary tasks: they send our TCP's ACKs, which the kernel sends from softirq.",
                (o, v) -> o.noRealtime = true),
        value(null, "log", "LAYER=LEVEL[,...]", null, "Set single layers' log levels, e.g. tcp=debug,arp=trace. "
                + "Layers: link, arp, ip, tcp, tls, http, host, cli; levels: off, error, warn, info, debug, trace. "
                + "Wins over -q, -v and -d.", (o, v) -> o.logLevels.add(LogLevels.Spec.parse(v))),
        value(null, "log-config", "FILE", null,
                "Configure logging from this logback XML file instead of the shipped default.",
                (o, v) -> o.logConfig = v),
        value(null, "log-file", "FILE", null, "Write log lines to FILE (truncated) instead of stderr.",
                (o, v) -> o.logFile = v),
        value(null, "input-file", "FILE", null, "Download the URLs in FILE, one a line (- is standard input; blank "
                + "lines and lines starting with # are skipped). wget's -i is rawhttpget's --interface.",
                (o, v) -> o.inputFile = v),
        value("B", "base", "URL", null, "Resolve relative URLs of --input-file against URL.", (o, v) -> o.base = v),
        value(null, "pcap", "FILE", null, "Record every frame sent and received, those the stack dropped included, "
                + "as a pcap file (Ethernet, nanosecond timestamps) that tcpdump, tshark and Wireshark read.",
                (o, v) -> o.pcapFile = v),
        flag(null, "stats", "At the end, print a TCP report to stderr: segments, bytes, retransmissions, RTT, "
                + "windows, drops, and the time spent in each phase.", (o, v) -> o.stats = true),
        value(null, "report", "FILE.html", null, "At the end, write a self-contained HTML report of each connection: "
                + "tcptrace's time-sequence graph, throughput, RTT, what the stack knew, phases and notable events.",
                (o, v) -> o.reportFile = v),
        value(null, "events", "FILE", null, "Write every TCP segment and notable event as JSON lines while the run "
                + "goes (the data of --report).", (o, v) -> o.eventsFile = v));

    Options() {
        for (CliOption option : TABLE) {
            if (option.defaultValue() != null) {
                option.setter().set(this, option.defaultValue());
            }
        }
    }

    /** What the run reads: the download, host and stack settings, and this build's version for the User-Agent. */
    DownloadSettings downloadSettings() {
        return downloadSettings(System.getenv());
    }

    /** {@code environment}: where http_proxy, https_proxy and no_proxy are read. */
    DownloadSettings downloadSettings(Map<String, String> environment) {
        ProxySettings proxies = ProxySettings.fromEnvironment(environment, noProxy);
        // The interface is the one the kernel routes the first hop to: the proxy, when the first URL has one.
        HostSettings host = new HostSettings(interfaceName, ownAddress, ownMac, noHostSetup, receiveBuffer,
                timeoutSeconds, connectTimeoutSeconds, readTimeoutSeconds, timeWaitSeconds, pcapFile, noRealtime,
                urls.isEmpty() ? null : proxies.firstHop(urls.get(0)));
        return new DownloadSettings(List.copyOf(urls), quiet, tries, waitRetrySeconds, outputDocument, directoryPrefix,
                noClobber, continueDownload, progress, maxRedirect, contentOnError, caCertificate, noCheckCertificate,
                localPort, stats, reportFile, eventsFile, Version.get(), host, requestSettings(), retrievalSettings(),
                noVerbose, outputFile != null || appendOutput != null, new BodySettings(limitRate, checksum, split, minSplitSize), proxies,
                maxConcurrent);
    }

    RequestSettings requestSettings() {
        String home = System.getenv("HOME");
        // wget's --no-http-keep-alive sends "Connection: Close" where Keep-Alive stands; a --header may still replace it.
        List<String> all = new ArrayList<>(noHttpKeepAlive ? List.of("Connection: Close") : List.of());
        all.addAll(headers);
        return new RequestSettings(userAgent, referer, all.stream().map(RequestSettings::header).toList(), method,
                bodyData, bodyFile, postData, postFile, user, password, httpUser, httpPassword, noNetrc,
                authNoChallenge, home == null || home.isEmpty() ? null : Path.of(home, ".netrc"), noCache);
    }

    private RetrievalSettings retrievalSettings() {
        return new RetrievalSettings(inputFile, base, !noUseServerTimestamps, timestamping, contentDisposition,
                defaultPage, serverResponse, spider, retryOnHttpError, retryConnRefused,
                inet4Only ? AddressFamily.IPV4_ONLY : inet6Only ? AddressFamily.IPV6_ONLY : AddressFamily.ANY,
                waitSeconds, randomWait, trustServerNames, saveHeaders);
    }

    LogSettings logSettings() {
        return new LogSettings(logConfig, logFile, quiet, verbose, debug, List.copyOf(logLevels));
    }

    /** A timeout as wget reads it, where 0 means none: ten years, which every clock sum still holds. */
    private static double timeout(String text) {
        double seconds = WgetTime.seconds(text);
        return seconds == 0 ? NO_TIMEOUT_SECONDS : seconds;
    }

    static final double NO_TIMEOUT_SECONDS = 10 * 365 * 86_400.0;

    /** wget's -T: all three timeouts, as wget sets them; here also the wait for the interface's link. */
    private static void setTimeouts(Options options, String text) {
        double seconds = timeout(text);
        options.timeoutSeconds = seconds;
        options.connectTimeoutSeconds = seconds;
        options.readTimeoutSeconds = seconds;
        options.dnsTimeoutSeconds = seconds;
    }

    /** wget's --header: "Name: value"; an empty STRING forgets the headers given before it. */
    private static void addHeader(Options options, String text) {
        if (text.isEmpty()) {
            options.headers.clear();
            return;
        }
        RequestSettings.header(text); // a bad header is a usage error before anything is sent
        options.headers.add(text);
    }

    private static int wholeNumber(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    /** --split: 1 to 64 connections (aria2c allows up to 16 per server; the stack has room for more). */
    private static int splitCount(String text) {
        int n = wholeNumber(text);
        if (n < 1 || n > 64) {
            throw new IllegalArgumentException("'" + text + "' is not a number of connections (1-64)");
        }
        return n;
    }

    private static int concurrentCount(String text) {
        int n = wholeNumber(text);
        if (n < 1 || n > 64) {
            throw new IllegalArgumentException("'" + text + "' is not a number of downloads at once (1-64)");
        }
        return n;
    }

    /** wget's own byte option: a value it refuses is said in its words (wget 1.21.3, cmd_bytes). */
    private static long wgetBytes(String text) {
        try {
            return LimitRate.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RefusedValue("Invalid byte value", text);
        }
    }

    private static long splitSize(String text) {
        long size = LimitRate.parse(text);
        if (size < 1) {
            throw new IllegalArgumentException("'" + text + "' is not a size of at least one byte");
        }
        return size;
    }

    private static int portNumber(String text) {
        int port = wholeNumber(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "' is not a port number (1-65535)");
        }
        return port;
    }

    private static long longNumber(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
    }
}
