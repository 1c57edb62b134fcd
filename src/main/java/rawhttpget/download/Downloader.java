package rawhttpget.download;

import rawhttpget.exchange.HttpTransfer;
import rawhttpget.exchange.Transport;
import rawhttpget.exchange.Transports;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.failure.ExitCodes;
import rawhttpget.failure.WgetQuotes;
import rawhttpget.output.BodySink;
import rawhttpget.progress.InOrderOutput;
import rawhttpget.progress.Progress;
import rawhttpget.progress.ProgressSink;
import rawhttpget.progress.ProgressStyle;
import rawhttpget.progress.ScreenWidth;
import rawhttpget.progress.StatusLines;
import rawhttpget.progress.SummaryDisplay;
import rawhttpget.progress.Terminal;
import rawhttpget.runtime.Interrupts;
import rawhttpget.runtime.Network;
import rawhttpget.runtime.NetworkOpener;
import rawhttpget.runtime.TerminalColumns;
import rawhttpget.time.EpochClock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.http.HttpRequest;
import rawhttpget.http.HttpUrl;
import rawhttpget.http.Redirects;
import rawhttpget.http.RequestMethod;
import rawhttpget.http.ResponseHead;
import rawhttpget.http.RetryAfter;

import java.io.PrintWriter;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Runs the downloads the command line asked for, one after another over one stack: for each URL, chooses the
 * output ({@link OutputPlan}), then makes exchanges until one ends it — following redirects, trying again
 * after a failure another try may cure, resuming a partial file.
 */
public final class Downloader {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.cli");

    private final DownloadSettings options;
    /** Where status lines go; with -j, through {@link #inOrder}. */
    private PrintWriter err;
    private InOrderOutput inOrder;
    private final NetworkOpener networkOpener;
    private final ProgressStyle progressStyle;
    private final Transports transports;
    private final RetrievalSettings retrieval;
    private final Supplier<InputStream> stdin;
    private final ScreenWidth screenWidth = new ScreenWidth(TerminalColumns::ofStderr, System.getenv("COLUMNS"));
    private StatusLines status;
    /** For wget's summary after several URLs: the files saved, their bytes and the time their bodies took. */
    private int filesSaved;
    private long bytesSaved;
    private long bodyNanos;
    private RetryPause retryPause;
    private DoubleSupplier randomWaits = Math::random;
    private RetrievalWait retrievalWait;
    private Interrupts interrupts;
    private RequestPlan requests;
    private Authentication authentication;
    private Connections connections;

    /** --random-wait's r in [0, 1) for each pause: a seeded source makes a test's pauses exact. */
    Downloader randomWaits(DoubleSupplier source) {
        this.randomWaits = source;
        return this;
    }

    /** {@code networkOpener}: where the run's network comes from, {@code HostContext::open} for the real one. */
    public Downloader(DownloadSettings options, PrintWriter err, NetworkOpener networkOpener) throws DownloadException {
        this(options, err, networkOpener, () -> System.in);
    }

    /** {@code stdin}: what --input-file - reads. */
    public Downloader(DownloadSettings options, PrintWriter err, NetworkOpener networkOpener,
                      Supplier<InputStream> stdin) throws DownloadException {
        this.options = options;
        this.retrieval = options.retrieval();
        this.stdin = stdin;
        this.networkOpener = networkOpener;
        this.err = err;
        this.progressStyle = ProgressStyle.choose(options.progress(), options.quiet() || options.noVerbose(),
                !options.logToFile() && Terminal.isStderrTerminal());
        this.transports = new Transports(options.caCertificate(), options.noCheckCertificate(), this::say);
    }

    public void run() throws DownloadException {
        UrlList list = UrlList.of(options.urls(), retrieval, stdin, err);
        List<HttpUrl> urls = list.urls();
        options.check(urls.size());
        requests = RequestPlan.prepare(options.request(), options.version());
        if (retrieval.spider()) {
            requests = requests.asHead();
        }
        authentication = new Authentication(options.request(), err::println);
        if (retrieval.timestamping() && options.outputDocument() != null) {
            say("WARNING: timestamping does nothing in combination with -O. See the manual\nfor details.");
        }
        if (urls.isEmpty()) {
            if (list.invalid() != null) {
                throw list.invalid();
            }
            return; // an input file without URLs: wget has said so, and that is success
        }
        if (options.caCertificate() != null || options.noCheckCertificate()
                || urls.stream().anyMatch(u -> u.scheme().equals("https"))) {
            transports.prepareTls();
        }
        interrupts = new Interrupts();
        DownloadException worst = list.invalid();
        try (Network host = networkOpener.open(options.host(), interrupts)) {
            if (options.maxConcurrent() > 1 && urls.size() > 1) { // a bar each would fight over the bottom line
                inOrder = new InOrderOutput(err, urls.size(), progressStyle == ProgressStyle.BAR
                        ? new SummaryDisplay(err, screenWidth, host.clock()) : null);
                err = new PrintWriter(inOrder, true);
            }
            retryPause = new RetryPause(host.clock(), nanos -> host.loop().pause(nanos, host.sleeper()));
            retrievalWait = new RetrievalWait(retrieval.waitSeconds(), retrieval.randomWait(),
                    options.waitRetrySeconds(), randomWaits);
            InOrderOutput byUrl = inOrder;
            status = new StatusLines(err, verbosity(), EpochClock.anchoredNow(host.clock()), ZoneId.systemDefault(),
                    WgetQuotes.utf8Locale(System.getenv()), byUrl == null ? () -> 0 : byUrl::current);
            host.reportStatsTo(options.stats() ? err : null);
            long startedAt = host.clock().nanos();
            RunTrace trace = RunTrace.start(host, options.reportFile(), options.eventsFile());
            connections = new Connections(host, status, options.localPort(), options.body().limitRate(),
                    retrieval.addressFamily());
            boolean failing = true;
            try {
                worst = downloadAll(host, urls, worst);
                connections.closeAll();
                failing = worst != null;
            } finally {
                connections.abandon(); // after a failure that ended the run; nothing is left open otherwise
                if (trace != null) {
                    trace.finish(host, err, failing);
                }
            }
            if (urls.size() > 1 && bytesSaved > 0) {
                status.finished(filesSaved, bytesSaved, bodyNanos / 1e9, (host.clock().nanos() - startedAt) / 1e9);
            }
        }
        if (worst != null) {
            throw worst.isReported() ? worst : new DownloadException(worst.exitCode(), "some downloads failed");
        }
    }

    /**
     * Downloads each URL in turn; returns the worst failure of a run that went on past it (starting from
     * {@code worst}, an input file's invalid line), or null.
     */
    private DownloadException downloadAll(Network host, List<HttpUrl> urls, DownloadException worst)
            throws DownloadException {
        if (inOrder != null) {
            return UrlsSideBySide.downloadAll(host, urls, worst, options.maxConcurrent(), inOrder, err,
                    url -> download(host, url));
        }
        for (HttpUrl url : urls) {
            try {
                download(host, url);
            } catch (DownloadException e) {
                if (e.exitCode() == ExitCode.INTERRUPTED_SIGINT || e.exitCode() == ExitCode.INTERRUPTED_SIGTERM
                        || urls.size() == 1 && worst == null) {
                    throw e;
                }
                if (!e.isReported()) { // wget goes on with the next URL and reports the failure in its exit status
                    err.println("rawhttpget: " + url + ": " + e.getMessage());
                }
                worst = ExitCodes.moreSevere(worst, e);
            }
        }
        return worst;
    }

    private StatusLines.Verbosity verbosity() {
        return options.quiet() ? StatusLines.Verbosity.QUIET
                : options.noVerbose() ? StatusLines.Verbosity.NOT_VERBOSE : StatusLines.Verbosity.NORMAL;
    }

    private void download(Network host, HttpUrl original) throws DownloadException {
        OutputPlan plan = ServerName.forUrl(original, options);
        if (plan.kind() == OutputPlan.Kind.SKIP) {
            say(ServerName.alreadyThere(plan)); // and exit 0, as wget 1.21.3: the file the user wants is there
            return;
        }
        if (SegmentedDownload.wanted(options, plan, requests)) {
            retrievalWait.beforeRequest(1, retryPause, interrupts::received);
            status.requesting(original.toString(), 1);
            SegmentedDownload.Saved saved = segmented(host, original, plan);
            if (saved != null) {
                filesSaved++;
                bytesSaved += saved.written();
                bodyNanos += saved.nanos();
                status.saved(plan.displayName(), original.toString(), saved.length(), saved.length(),
                        saved.bytesPerSecond(), 1);
                return;
            }
        }
        RedirectChain chain = new RedirectChain(original, options.maxRedirect());
        HttpUrl url = original;
        RequestPlan request = requests;
        String answer = null;
        int failedTries = 0;
        while (true) {
            if (retrieval.spider()) {
                status.spiderEnabled(Spider.ENABLED);
            }
            if (answer == null) { // a 401's answer goes out at once, as wget sends it within the same retrieval
                retrievalWait.beforeRequest(failedTries + 1, retryPause, interrupts::received);
            }
            Exchange exchange = new Exchange(plan, host, request, answer, failedTries + 1);
            OptionalLong serverAskedWait = OptionalLong.empty();
            ProxySettings.Route route = options.proxies().route(url); // a bad proxy URL: wget's line, then no request
            status.requesting(url.toString(), failedTries + 1);
            try {
                exchange.run(url, route);
                plan = exchange.plan;
                if ((exchange.decision.action() == ResponseDecision.Action.ERROR
                        || exchange.decision.action() == ResponseDecision.Action.SAVE_ERROR)
                        && exchange.head.statusCode() != 401) {
                    ResponseHead head = exchange.head;
                    DownloadException error = Spider.errorStatus(retrieval.spider(), status, url.toString(), head);
                    if (!retrieval.retryOnHttpError().contains(head.statusCode())) {
                        throw error;
                    }
                    serverAskedWait = RetryAfter.seconds(head);
                    throw DownloadException.retryable(ExitCode.SERVER_ERROR, error.getMessage());
                }
            } catch (DownloadException e) {
                plan = exchange.plan;
                failedTries++;
                if (!AnotherTry.allowed(e, failedTries, options, exchange.plan, exchange.written)) {
                    throw PartialFiles.withNote(e, plan);
                }
                plan.continueAfterFailedTry();
                long wait = Backoff.seconds(failedTries, options.waitRetrySeconds(), serverAskedWait);
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
                    request = request.afterRedirect(head.statusCode());
                    answer = null;
                    status.following(head.first("Location").orElse(next.toString()));
                    failedTries = 0;
                    if (retrieval.trustServerNames()) { // the file is named after the URL that answers
                        plan = ServerName.forUrl(url, options);
                        if (plan.kind() == OutputPlan.Kind.SKIP) {
                            say(ServerName.alreadyThere(plan));
                            return;
                        }
                    }
                }
                case ALREADY_COMPLETE -> {
                    ChecksumCheck.verifyComplete(plan, options.body().checksum());
                    PartialFiles.finishComplete(plan);
                    status.alreadyComplete();
                    return;
                }
                case UNCHANGED -> {
                    return;
                }
                case EXISTS -> {
                    status.spiderExists(Spider.exists(head), url.toString(), head.statusCode(), head.reason());
                    return;
                }
                case SAVE, APPEND -> {
                    if (exchange.isHead()) {
                        say("Remote file exists."); // wget's answer to --method=HEAD; nothing is saved
                        return;
                    }
                    if (retrieval.useServerTimestamps() && plan.kind() == OutputPlan.Kind.FILE) {
                        ServerTimestamp.apply(plan.target(), head);
                    }
                    filesSaved++;
                    bytesSaved += exchange.written;
                    bodyNanos += exchange.bodyNanos();
                    status.saved(plan.kind() == OutputPlan.Kind.STDOUT ? null : plan.displayName(), url.toString(),
                            exchange.fileSize(), exchange.decision.expectedSize(), exchange.bytesPerSecond(),
                            exchange.tryNumber);
                    return;
                }
                case ERROR, SAVE_ERROR -> {
                    // Only a 401 gets here (other error statuses end the try above): the same URL again with
                    // credentials, not a failed try, as in wget.
                    answer = authentication.answer(url, head, exchange.sentCredentials, request.method());
                }
            }
        }
    }

    /** --split: the URL over several connections, or null when its server does not serve ranges. */
    private SegmentedDownload.Saved segmented(Network host, HttpUrl original, OutputPlan plan) throws DownloadException {
        SegmentedDownload.Context context = new SegmentedDownload.Context(host, connections, status,
                this::newProgress, options, this::say);
        return SegmentedDownload.attempt(context, plan, original, url -> {
            ProxySettings.Route route = options.proxies().route(url);
            String unasked = authentication.unasked(url);
            return new SegmentedDownload.Target(url, route, route.layer(transports, url, requests.userAgent()),
                    (first, last) -> route.request(requests.request(url, 0, unasked, unasked != null)
                            .withHeader("Range", "bytes=" + first + "-" + last)));
        });
    }

    /** A body's progress: with -j where it would be a bar, its download's part of the one summary line. */
    private Progress newProgress() {
        Progress summed = inOrder == null ? null : inOrder.summaryProgress();
        return summed != null ? summed : progressStyle.create(err, screenWidth);
    }

    private void say(String line) {
        if (!options.quiet()) {
            err.println(line);
        }
    }

    /** One request and its response, over one connection. */
    private final class Exchange {
        OutputPlan plan;
        final Network host;
        final RequestPlan request;
        /** The answer to a 401 this exchange sends, or null. */
        final String answer;
        boolean sentCredentials;
        final int tryNumber;
        ResponseHead head;
        ResponseDecision decision;
        long resumeOffset;
        long written;
        private BodySink sink;
        private ServerTimestamp.Local local;
        private HttpTransfer transfer;
        private long headAt;
        private long endedAt;

        Exchange(OutputPlan plan, Network host, RequestPlan request, String answer, int tryNumber) {
            this.plan = plan;
            this.host = host;
            this.request = request;
            this.answer = answer;
            this.tryNumber = tryNumber;
        }

        boolean isHead() {
            return request.parserMethod() == RequestMethod.HEAD;
        }

        /** This response's body rate, for the saved line. */
        double bytesPerSecond() {
            // wget divides by half its timer's resolution when no time has passed: a huge rate, never "inf".
            double seconds = Math.max(bodyNanos(), 0.5) / 1e9;
            return written / seconds;
        }

        /** From the head to the body's end, or the time the progress was shown over: its rate, as in wget. */
        long bodyNanos() {
            long shown = sink instanceof ProgressSink progress ? progress.elapsedNanos() : -1;
            return shown >= 0 ? shown : Math.max(endedAt - headAt, 0);
        }

        /** The size of the saved file: what this run wrote plus what a resumed file already had. */
        long fileSize() {
            return written + (decision.action() == ResponseDecision.Action.APPEND ? resumeOffset : 0);
        }

        void run(HttpUrl url, ProxySettings.Route route) throws DownloadException {
            Transport.Factory layer = route.layer(transports, url, request.userAgent());
            resumeOffset = plan.resumeOffset();
            String unasked = answer == null ? authentication.unasked(url) : null;
            HttpRequest request = this.request.request(url, resumeOffset, answer != null ? answer : unasked,
                    unasked != null);
            sentCredentials = answer != null || unasked != null;
            local = retrieval.timestamping() && plan.kind() == OutputPlan.Kind.FILE && options.outputDocument() == null
                    ? ServerTimestamp.Local.of(plan.target()) : null;
            if (local != null) {
                request = request.withHeader("If-Modified-Since", local.ifModifiedSince());
            }
            request = route.request(request);
            try {
                connections.exchange(url, route, layer, request, this.request.parserMethod(), this::onHead,
                        t -> transfer = t);
            } catch (DownloadException e) {
                if (head == null) {
                    status.failedBeforeResponse(transfer != null && transfer.phases().wasEstablished(), e.getMessage());
                }
                throw e;
            } finally {
                written = sink == null ? 0 : sink.written();
                // The body's end, not the close after it, as wget times the body alone.
                long completedAt = transfer == null ? -1 : transfer.phases().completedAt();
                endedAt = completedAt >= 0 ? completedAt : host.clock().nanos();
            }
        }

        private BodySink onHead(ResponseHead head) throws DownloadException {
            this.head = head;
            headAt = host.clock().nanos();
            if (retrieval.serverResponse()) {
                status.responseShownBelow();
                ServerResponse.print(head, err);
            } else {
                status.response(head.statusCode(), head.reason());
            }
            // A 401 is answered with credentials or ends the run with exit 6: its page is never saved.
            decision = ResponseDecision.of(head, resumeOffset, options.contentOnError() && head.statusCode() != 401);
            if (retrieval.spider()) {
                if (decision.action() == ResponseDecision.Action.SAVE) {
                    status.length(decision.expectedSize(), -1, head.first("Content-Type").orElse(null));
                }
                decision = Spider.decide(decision);
                return null;
            }
            if (isHead()) {
                return null;
            }
            if (local != null && (head.statusCode() == 304 || decision.action() == ResponseDecision.Action.SAVE
                    && local.isCurrentFor(head))) {
                String name = status.quoted(plan.displayName());
                say(head.statusCode() == 304 ? "File " + name + " not modified on server. Omitting download."
                        : "Server ignored If-Modified-Since header for file " + name + ".");
                decision = new ResponseDecision(ResponseDecision.Action.UNCHANGED, -1);
                return null;
            }
            if (decision.action() == ResponseDecision.Action.SAVE && resumeOffset == 0) {
                plan = ServerName.replan(plan, head, options, retrieval);
            }
            announceBody();
            sink = switch (decision.action()) {
                case SAVE, SAVE_ERROR -> {
                    if (resumeOffset > 0) {
                        say("The server sent the whole file (" + head.statusCode() + ") instead of the rest:"
                                + " starting over.");
                    }
                    yield withProgress(SavedHeaders.openFresh(plan, decision.expectedSize(), head,
                            retrieval.saveHeaders() && resumeOffset == 0), 0);
                }
                case APPEND -> withProgress(plan.openAppend(resumeOffset, decision.expectedSize()), resumeOffset);
                case FOLLOW, ALREADY_COMPLETE, ERROR, UNCHANGED, EXISTS -> null;
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

        private BodySink withProgress(BodySink sink, long alreadyHave) throws DownloadException {
            BodySink inner = ChecksumCheck.wrap(sink, options.body().checksum(), plan.partial(), alreadyHave);
            Progress progress = newProgress();
            if (progress == Progress.NONE) {
                return inner;
            }
            return new ProgressSink(inner, progress, host.clock(), plan.displayName(), alreadyHave,
                    decision.expectedSize());
        }
    }
}
