package rawhttpget.download;

import rawhttpget.exchange.HttpTransfer;
import rawhttpget.exchange.Transport;
import rawhttpget.exchange.Transports;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.failure.ExitCodes;
import rawhttpget.output.BodySink;
import rawhttpget.output.FileSink;
import rawhttpget.output.IoMessages;
import rawhttpget.output.StreamSink;
import rawhttpget.progress.Progress;
import rawhttpget.progress.ProgressSink;
import rawhttpget.progress.ProgressStyle;
import rawhttpget.progress.ScreenWidth;
import rawhttpget.progress.StatusLines;
import rawhttpget.progress.Terminal;
import rawhttpget.runtime.Interrupts;
import rawhttpget.runtime.LocalPort;
import rawhttpget.runtime.Network;
import rawhttpget.runtime.NetworkOpener;
import rawhttpget.runtime.TerminalColumns;
import rawhttpget.time.EpochClock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.http.HttpRequest;
import rawhttpget.http.HttpUrl;
import rawhttpget.http.Redirects;
import rawhttpget.http.ResponseHead;
import rawhttpget.inet.Ipv4Address;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the downloads the command line asked for, one after another over one stack: for each URL, chooses the
 * output ({@link OutputPlan}), then makes exchanges until one ends it — following redirects, trying again
 * after a failure another try may cure, resuming a partial file.
 */
public final class Downloader {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.cli");

    private final DownloadSettings options;
    private final PrintWriter err;
    private final NetworkOpener networkOpener;
    private final ProgressStyle progressStyle;
    private final Transports transports;
    private final ScreenWidth screenWidth = new ScreenWidth(TerminalColumns::ofStderr, System.getenv("COLUMNS"));
    private StatusLines status;
    /** For wget's summary after several URLs: the files saved, their bytes and the time their bodies took. */
    private int filesSaved;
    private long bytesSaved;
    private long bodyNanos;
    private RetryPause retryPause;
    private Interrupts interrupts;

    /** {@code networkOpener}: where the run's network comes from, {@code HostContext::open} for the real one. */
    public Downloader(DownloadSettings options, PrintWriter err, NetworkOpener networkOpener) throws DownloadException {
        this.options = options;
        this.networkOpener = networkOpener;
        this.err = err;
        this.progressStyle = ProgressStyle.choose(options.progress(), options.quiet() || options.noVerbose(),
                !options.logToFile() && Terminal.isStderrTerminal());
        this.transports = new Transports(options.caCertificate(), options.noCheckCertificate(), this::say);
    }

    public void run() throws DownloadException {
        List<HttpUrl> urls = new ArrayList<>();
        for (String text : options.urls()) {
            urls.add(parse(text));
        }
        checkOptions(urls.size());
        if (options.caCertificate() != null || options.noCheckCertificate()
                || urls.stream().anyMatch(u -> u.scheme().equals("https"))) {
            transports.prepareTls();
        }
        interrupts = new Interrupts();
        DownloadException worst = null;
        try (Network host = networkOpener.open(options.host(), interrupts)) {
            retryPause = new RetryPause(host.clock(), host.sleeper());
            status = new StatusLines(err, verbosity(), EpochClock.anchoredNow(host.clock()), ZoneId.systemDefault(),
                    StatusLines.utf8Locale(System.getenv()));
            host.reportStatsTo(options.stats() ? err : null);
            long startedAt = host.clock().nanos();
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
                    worst = ExitCodes.moreSevere(worst, e);
                }
            }
            if (urls.size() > 1 && bytesSaved > 0) {
                status.finished(filesSaved, bytesSaved, bodyNanos / 1e9, (host.clock().nanos() - startedAt) / 1e9);
            }
        }
        if (worst != null) {
            throw new DownloadException(worst.exitCode(), "some downloads failed");
        }
    }

    private StatusLines.Verbosity verbosity() {
        return options.quiet() ? StatusLines.Verbosity.QUIET
                : options.noVerbose() ? StatusLines.Verbosity.NOT_VERBOSE : StatusLines.Verbosity.NORMAL;
    }

    private void checkOptions(int urlCount) throws DownloadException {
        if (options.outputDocument() != null && urlCount > 1 && !options.outputDocument().equals("-")) {
            throw new DownloadException(ExitCode.USAGE, "-O FILE takes one URL (use -O - to concatenate to stdout)");
        }
        if (!(options.host().timeoutSeconds() > 0)) {
            throw new DownloadException(ExitCode.USAGE, "--timeout must be positive: " + options.host().timeoutSeconds());
        }
        if (!(options.host().timeWaitSeconds() >= 0) || Double.isInfinite(options.host().timeWaitSeconds())) {
            throw new DownloadException(ExitCode.USAGE, "--time-wait must be 0 or more seconds: " + options.host().timeWaitSeconds());
        }
        if (options.tries() < 0) {
            throw new DownloadException(ExitCode.USAGE, "--tries must be 0 (no limit) or more: " + options.tries());
        }
        if (options.maxRedirect() < 0) {
            throw new DownloadException(ExitCode.USAGE, "--max-redirect must be 0 or more: " + options.maxRedirect());
        }
        if (options.waitRetrySeconds() < 0) {
            throw new DownloadException(ExitCode.USAGE, "--waitretry must be 0 or more: " + options.waitRetrySeconds());
        }
    }

    private HttpUrl parse(String text) throws DownloadException {
        HttpUrl url;
        try {
            url = HttpUrl.parse(text);
        } catch (HttpUrl.InvalidUrlException e) {
            throw new DownloadException(ExitCode.GENERIC, e.getMessage());
        }
        return url;
    }

    private void download(Network host, HttpUrl original) throws DownloadException {
        OutputPlan plan = OutputPlan.choose(options.outputDocument(), options.directoryPrefix(), options.noClobber(),
                options.continueDownload(), original);
        if (plan.kind() == OutputPlan.Kind.SKIP) {
            // wget 1.21.3 says this and exits 0: the file the user wants is there.
            say("File '" + plan.target() + "' already there; not retrieving.");
            return;
        }
        RedirectChain chain = new RedirectChain(original, options.maxRedirect());
        HttpUrl url = original;
        int failedTries = 0;
        while (true) {
            Exchange exchange = new Exchange(plan, host, failedTries + 1);
            status.requesting(url.toString(), failedTries + 1);
            try {
                exchange.run(url);
            } catch (DownloadException e) {
                failedTries++;
                if (!mayTryAgain(e, failedTries, exchange)) {
                    throw withPartialNote(e, plan);
                }
                plan.continueAfterFailedTry();
                long wait = Backoff.seconds(failedTries, options.waitRetrySeconds());
                say("rawhttpget: " + e.getMessage() + "; retrying in " + wait + " s (try " + (failedTries + 1)
                        + (options.tries() == 0 ? "" : " of " + options.tries()) + ")");
                retryPause.pause(wait, interrupts::received);
                continue;
            }
            ResponseHead head = exchange.head;
            switch (exchange.decision.action()) {
                case FOLLOW -> {
                    HttpUrl next;
                    try {
                        next = Redirects.target(url, head);
                    } catch (Redirects.InvalidRedirectException e) {
                        throw new DownloadException(ExitCode.PROTOCOL, e.getMessage());
                    }
                    url = chain.follow(next);
                    status.following(head.first("Location").orElse(next.toString()));
                    failedTries = 0;
                }
                case ALREADY_COMPLETE -> {
                    finishCompletePartial(plan);
                    status.alreadyComplete();
                    return;
                }
                case SAVE, APPEND -> {
                    filesSaved++;
                    bytesSaved += exchange.written;
                    bodyNanos += exchange.bodyNanos();
                    status.saved(plan.kind() == OutputPlan.Kind.STDOUT ? null : plan.displayName(), url.toString(),
                            exchange.fileSize(), exchange.decision.expectedSize(), exchange.bytesPerSecond(),
                            exchange.tryNumber);
                    return;
                }
                case ERROR, SAVE_ERROR -> throw new DownloadException(ExitCode.SERVER_ERROR,
                        "ERROR " + head.statusCode() + ": " + head.reason() + ".");
            }
        }
    }

    private boolean mayTryAgain(DownloadException e, int failedTries, Exchange exchange) {
        if (!e.isRetryable() || options.tries() != 0 && failedTries >= options.tries()) {
            return false;
        }
        // Bytes already written to stdout or a pipe cannot be taken back, and a second try would repeat them.
        return exchange.plan.kind() == OutputPlan.Kind.FILE || exchange.written == 0;
    }

    /** A failure that left a partial file says where, so the user knows -c can continue it. */
    private static DownloadException withPartialNote(DownloadException e, OutputPlan plan) {
        // Not after a signal either: the user stopped the run and hears only that it stopped, as from wget.
        if (plan.kind() != OutputPlan.Kind.FILE || e.exitCode() == ExitCode.SERVER_ERROR
                || e.exitCode() == ExitCode.INTERRUPTED_SIGINT || e.exitCode() == ExitCode.INTERRUPTED_SIGTERM) {
            return e;
        }
        Path part = FileSink.partOf(plan.target());
        try {
            if (Files.isRegularFile(part) && Files.size(part) > 0) {
                return e.withDetail(" (" + Files.size(part) + " bytes kept in '" + part + "'; -c continues it)");
            }
        } catch (IOException ignored) {
            // No note then; the failure itself is what matters.
        }
        return e;
    }

    /** 416 to our Range: the partial file is the whole file, so it gets its final name. */
    private static void finishCompletePartial(OutputPlan plan) throws DownloadException {
        if (plan.partial() == null || plan.partial().equals(plan.target())) {
            return;
        }
        try {
            Files.move(plan.partial(), plan.target(), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DownloadException(ExitCode.FILE_IO, "cannot rename '" + plan.partial() + "' to '"
                    + plan.target() + "': " + e.getMessage(), e);
        }
    }

    private void say(String line) {
        if (!options.quiet()) {
            err.println(line);
        }
    }

    /** One request and its response, over one connection. */
    private final class Exchange {
        final OutputPlan plan;
        final Network host;
        final int tryNumber;
        ResponseHead head;
        ResponseDecision decision;
        long resumeOffset;
        long written;
        private BodySink sink;
        private HttpTransfer transfer;
        private long headAt;
        private long endedAt;

        Exchange(OutputPlan plan, Network host, int tryNumber) {
            this.plan = plan;
            this.host = host;
            this.tryNumber = tryNumber;
        }

        /** This response's body rate, from its head to its end, for the saved line. */
        double bytesPerSecond() {
            // wget divides by half its timer's resolution when no time has passed: a huge rate, never "inf".
            double seconds = Math.max(bodyNanos(), 0.5) / 1e9;
            return written / seconds;
        }

        long bodyNanos() {
            return Math.max(endedAt - headAt, 0);
        }

        /** The size of the saved file: what this run wrote plus what a resumed file already had. */
        long fileSize() {
            return written + (decision.action() == ResponseDecision.Action.APPEND ? resumeOffset : 0);
        }

        void run(HttpUrl url) throws DownloadException {
            Transport.Factory layer = transports.forUrl(url);
            int server = resolve(url);
            status.connecting(url.isIpv4Literal() ? null : url.host(), Ipv4Address.format(server), url.port());
            resumeOffset = plan.resumeOffset();
            HttpRequest request = HttpRequest.get(url, options.version());
            if (resumeOffset > 0) {
                request = request.withHeader("Range", "bytes=" + resumeOffset + "-");
            }
            try (LocalPort localPort = host.openLocalPort(options.localPort(), server, url.port())) {
                String description = url.host() + " (" + Ipv4Address.format(server) + ":" + url.port() + ")";
                log.info("{} -> {}", request, description);
                transfer = new HttpTransfer(host.stack(), host.tcpConfig(),
                        new HttpTransfer.Target(server, url.port(), localPort.port(), request.toBytes(), description),
                        layer, this::onHead);
                host.runStats().add(url, transfer);
                try {
                    host.loop().run(transfer);
                } finally {
                    written = sink == null ? 0 : sink.written();
                    // The body's end, not the close after it, as wget times the body alone.
                    long completedAt = transfer.phases().completedAt();
                    endedAt = completedAt >= 0 ? completedAt : host.clock().nanos();
                }
            } catch (DownloadException e) {
                if (head == null) {
                    status.failedBeforeResponse(transfer != null && transfer.phases().wasEstablished(), e.getMessage());
                }
                throw e;
            }
        }

        private BodySink onHead(ResponseHead head) throws DownloadException {
            this.head = head;
            headAt = host.clock().nanos();
            status.response(head.statusCode(), head.reason());
            decision = ResponseDecision.of(head, resumeOffset, options.contentOnError());
            announceBody();
            sink = switch (decision.action()) {
                case SAVE, SAVE_ERROR -> {
                    if (resumeOffset > 0) {
                        say("The server sent the whole file (" + head.statusCode() + ") instead of the rest:"
                                + " starting over.");
                    }
                    yield withProgress(openFresh(), 0);
                }
                case APPEND -> withProgress(openAppend(), resumeOffset);
                case FOLLOW, ALREADY_COMPLETE, ERROR -> null;
            };
            return sink;
        }

        /** wget's Length and Saving to lines, before the body's progress. */
        private void announceBody() {
            long expected = decision.expectedSize();
            String type = head.first("Content-Type").orElse(null);
            switch (decision.action()) {
                case SAVE, SAVE_ERROR -> status.length(expected, -1, type);
                case APPEND -> status.length(expected, expected < 0 ? -1 : expected - resumeOffset, type);
                default -> {
                    return;
                }
            }
            status.savingTo(plan.kind() == OutputPlan.Kind.STDOUT ? null : plan.displayName());
        }

        private BodySink openFresh() throws DownloadException {
            try {
                return switch (plan.kind()) {
                    case STDOUT -> StreamSink.stdout();
                    case STREAM -> StreamSink.open(plan.target());
                    case FILE -> FileSink.fresh(plan.target(), decision.expectedSize());
                    case SKIP -> throw new IllegalStateException("a skipped URL has no exchange");
                };
            } catch (IOException e) {
                throw cannotWrite(plan.kind() == OutputPlan.Kind.FILE ? FileSink.partOf(plan.target()) : plan.target(), e);
            }
        }

        private BodySink openAppend() throws DownloadException {
            try {
                return FileSink.append(plan.target(), plan.partial(), resumeOffset, decision.expectedSize());
            } catch (IOException e) {
                throw cannotWrite(plan.partial(), e);
            }
        }

        private DownloadException cannotWrite(Path path, IOException e) {
            return new DownloadException(ExitCode.FILE_IO, "cannot open '" + path + "' for writing: "
                    + IoMessages.describe(e), e);
        }

        private BodySink withProgress(BodySink inner, long alreadyHave) {
            Progress progress = progressStyle.create(err, screenWidth);
            if (progress == Progress.NONE) {
                return inner;
            }
            return new ProgressSink(inner, progress, host.clock(), plan.displayName(), alreadyHave,
                    decision.expectedSize());
        }
    }

    private int resolve(HttpUrl url) throws DownloadException {
        String hostName = url.host();
        if (url.isIpv4Literal()) {
            return Ipv4Address.parseBits(hostName); // a literal needs no resolver, and gets none
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(hostName);
        } catch (UnknownHostException e) {
            status.resolveFailed(hostName, e.getMessage());
            throw new DownloadException(ExitCode.NETWORK, "unable to resolve host address '" + hostName + "'");
        }
        StringBuilder all = new StringBuilder();
        for (InetAddress a : addresses) {
            all.append(all.length() == 0 ? "" : ", ").append(a.getHostAddress());
        }
        status.resolved(hostName, all.toString());
        for (InetAddress a : addresses) {
            if (a instanceof Inet4Address) {
                return Ipv4Address.readBits(a.getAddress(), 0);
            }
        }
        throw new DownloadException(ExitCode.NETWORK, "'" + hostName + "' has no IPv4 address");
    }
}
