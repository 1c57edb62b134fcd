package rawhttpget.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.host.Firewall;
import rawhttpget.host.HostException;
import rawhttpget.host.PortReservation;
import rawhttpget.host.RstRule;
import rawhttpget.host.RstSuppressor;
import rawhttpget.http.HttpRequest;
import rawhttpget.http.HttpUrl;
import rawhttpget.http.ResponseHead;
import rawhttpget.inet.Ipv4Address;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Runs the downloads the command line asked for, one after another over one stack. */
final class Downloader {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.cli");
    private static final Logger hostLog = LoggerFactory.getLogger("rawhttpget.host");
    /** Own-address mode owns its address outright, so any port will do; stay clear of well-known ones. */
    private static final int EPHEMERAL_LOW = 49152;

    private final Options options;
    private final PrintWriter err;
    private final SecureRandom random = new SecureRandom();

    Downloader(Options options, PrintWriter err) {
        this.options = options;
        this.err = err;
    }

    void run() throws DownloadException {
        List<HttpUrl> urls = new ArrayList<>();
        for (String text : options.urls) {
            urls.add(parse(text));
        }
        if (options.outputDocument != null && urls.size() > 1 && !options.outputDocument.equals("-")) {
            throw new DownloadException(ExitCode.USAGE, "-O FILE takes one URL (use -O - to concatenate to stdout)");
        }
        if (options.timeoutSeconds <= 0) {
            throw new DownloadException(ExitCode.USAGE, "--timeout must be positive: " + options.timeoutSeconds);
        }
        Interrupts interrupts = new Interrupts();
        interrupts.install();
        DownloadException first = null;
        try (HostContext host = HostContext.open(options, interrupts)) {
            host.reportStatsTo(options.stats ? err : null);
            for (HttpUrl url : urls) {
                try {
                    download(host, url);
                } catch (DownloadException e) {
                    if (e.exitCode() == ExitCode.INTERRUPTED_SIGINT || e.exitCode() == ExitCode.INTERRUPTED_SIGTERM
                            || urls.size() == 1) {
                        throw e;
                    }
                    // wget goes on with the next URL and reports the failure in its exit status.
                    err.println("rawhttpget: " + url + ": " + e.getMessage());
                    if (first == null) {
                        first = e;
                    }
                }
            }
        }
        if (first != null) {
            throw new DownloadException(first.exitCode(), "some downloads failed");
        }
    }

    private HttpUrl parse(String text) throws DownloadException {
        HttpUrl url;
        try {
            url = HttpUrl.parse(text);
        } catch (HttpUrl.InvalidUrlException e) {
            throw new DownloadException(ExitCode.GENERIC, e.getMessage());
        }
        if (url.scheme().equals("https")) {
            throw new DownloadException(ExitCode.GENERIC, "https is not supported yet: " + text);
        }
        return url;
    }

    private void download(HostContext host, HttpUrl url) throws DownloadException {
        int server = resolve(url.host());
        byte[] request = HttpRequest.get(url, Version.get()).toBytes();
        Path target = outputPath(url);
        PortReservation reservation = null;
        RstSuppressor rst = null;
        try {
            int localPort;
            if (host.ownAddressMode) {
                localPort = EPHEMERAL_LOW + random.nextInt(65536 - EPHEMERAL_LOW);
            } else {
                reservation = PortReservation.reserve(host.localAddress);
                localPort = reservation.port();
                RstRule rule = RstRule.forThisProcess(host.localAddress, localPort, server, url.port());
                if (host.firewall != null) {
                    rst = RstSuppressor.install(host.firewall, rule);
                } else {
                    hostLog.warn("--no-host-setup: no firewall rule added, so the kernel will likely reset this"
                            + " connection; it needs its RSTs dropped: {}", Firewall.suggestedCommand(rule));
                }
            }
            String description = url.host() + " (" + Ipv4Address.format(server) + ":" + url.port() + ")";
            HttpTransfer transfer = new HttpTransfer(host.stack, host.tcpConfig,
                    new HttpTransfer.Target(server, url.port(), localPort, request, description),
                    head -> openSink(head, target));
            host.runStats.add(url, transfer);
            host.loop.run(transfer);
            if (!options.quiet && transfer.head() != null) {
                long bytes = transfer.bodyBytes();
                String length = transfer.head().contentLength().isPresent() ? "/" + transfer.head().contentLength().getAsLong() : "";
                err.println("'" + (target == null ? "-" : target) + "' saved [" + bytes + length + "]");
            }
        } catch (HostException e) {
            throw new DownloadException(ExitCode.GENERIC, e.getMessage(), e);
        } finally {
            if (rst != null) {
                rst.close();
            }
            if (reservation != null) {
                reservation.close();
            }
        }
    }

    private int resolve(String hostName) throws DownloadException {
        try {
            for (InetAddress a : InetAddress.getAllByName(hostName)) {
                if (a instanceof Inet4Address) {
                    return Ipv4Address.readBits(a.getAddress(), 0);
                }
            }
            throw new DownloadException(ExitCode.NETWORK, "'" + hostName + "' has no IPv4 address");
        } catch (UnknownHostException e) {
            throw new DownloadException(ExitCode.NETWORK, "unable to resolve host address '" + hostName + "'");
        }
    }

    /** The file to write, or null for standard output. */
    private Path outputPath(HttpUrl url) {
        if (options.outputDocument != null) {
            return options.outputDocument.equals("-") ? null : Path.of(options.outputDocument);
        }
        return Path.of(OutputName.fromLastSegment(url.lastPathSegment()));
    }

    private BodySink openSink(ResponseHead head, Path target) {
        int status = head.statusCode();
        if (status < 200 || status > 299) {
            throw new HttpTransfer.SinkRefused(new DownloadException(ExitCode.SERVER_ERROR,
                    "ERROR " + status + ": " + head.reason() + "."));
        }
        try {
            return target == null ? new StdoutSink() : new FileSink(target);
        } catch (IOException e) {
            throw new HttpTransfer.SinkRefused(new DownloadException(ExitCode.FILE_IO,
                    "cannot open " + target + ".part for writing: " + e.getMessage(), e));
        }
    }
}
