package rawhttpget.download;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.exchange.Transport;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.http.ContentRange;
import rawhttpget.http.HttpProtocolException;
import rawhttpget.http.HttpRequest;
import rawhttpget.http.HttpUrl;
import rawhttpget.http.RequestMethod;
import rawhttpget.http.Redirects;
import rawhttpget.http.ResponseHead;
import rawhttpget.output.ChecksumSink;
import rawhttpget.output.IoMessages;
import rawhttpget.output.SegmentedFile;
import rawhttpget.output.SplitState;
import rawhttpget.progress.Progress;
import rawhttpget.progress.StatusLines;
import rawhttpget.runtime.EventLoop;
import rawhttpget.runtime.Network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * --split N: one file over up to N connections at once, all driven by the one event loop (this is the loop's
 * step, and each connection's {@link rawhttpget.exchange.HttpTransfer} is advanced in turn).
 * <p>
 * The first connection probes: it asks for the first missing bytes with a closed Range of at most the minimum
 * split size. Only a 206 whose Content-Range starts where we asked and gives the complete length makes the
 * download segmented; anything else (a 200, a redirect, an error, a range we cannot read) ends the probe at its head
 * and the download falls back to the ordinary single-connection path (said at -v only). A closed probe keeps the
 * first connection useful: its response ends, and it asks for the rest of its segment over the same connection.
 * <p>
 * Bytes are written at their offsets into {@code NAME.part}; {@code NAME.part.split} ({@link SplitState}) lists the
 * ranges still missing, rewritten every second and at the end, so -c resumes every segment after any interruption.
 * A connection that fails is tried again as -t allows, alone; one that runs out of tries leaves its segment to the
 * others. The file is renamed only when no byte is missing (and, with --checksum, its hash matches).
 */
final class SegmentedDownload implements EventLoop.Step {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.cli");
    private static final long SAVE_EVERY_NANOS = 1_000_000_000L;

    /** What the download needs from the run. */
    record Context(Network host, Connections connections, StatusLines status, Supplier<Progress> progress,
                   DownloadSettings options, Consumer<String> say) {
    }

    /** Builds the request for bytes {@code first} to {@code last} (inclusive). */
    interface RangeRequests {
        HttpRequest of(long first, long last);
    }

    /** Where the requests for one URL go and how they look. */
    record Target(HttpUrl url, ProxySettings.Route route, Transport.Factory layer, RangeRequests requests) {
    }

    /** The target of a URL: the original, then each redirect's. */
    interface Targets {
        Target of(HttpUrl url) throws DownloadException;
    }

    /** A saved file: what this run wrote, the file's length, and the rate over the time its bodies took. */
    record Saved(long written, long length, long nanos) {
        double bytesPerSecond() {
            return written / (Math.max(nanos, 500_000) / 1e9);
        }
    }

    private final Context context;
    private final OutputPlan plan;
    private final HttpUrl url;
    private final ProxySettings.Route route;
    private final Transport.Factory layer;
    private final RangeRequests requests;
    private final int split;
    private final long minSplitSize;
    private final Path partPath;
    private final Path statePath;
    /** The state found by -c, or null. */
    private final SplitState found;
    /** Where the probe asks from: the first byte still missing. */
    private final long probeFrom;
    private final List<SegmentWorker> workers = new ArrayList<>();

    private SegmentPlan segments;
    private SegmentedFile file;
    private Progress progress;
    private String fallback;
    private long written;
    private long nextSaveAt;
    private long startedAt = -1;
    private DownloadException lastFailure;
    /** The probe's answer was a redirect: the download starts again at its Location. */
    private ResponseHead redirect;
    private boolean abandoned;

    private SegmentedDownload(Context context, OutputPlan plan, HttpUrl url, ProxySettings.Route route,
                              Transport.Factory layer, RangeRequests requests, SplitState found, long probeFrom) {
        this.context = context;
        this.plan = plan;
        this.url = url;
        this.route = route;
        this.layer = layer;
        this.requests = requests;
        this.split = Math.max(1, context.options().body().split());
        this.minSplitSize = Math.max(1, context.options().body().minSplitSize());
        this.partPath = plan.partPath();
        this.statePath = SplitState.of(partPath);
        this.found = found;
        this.probeFrom = probeFrom;
    }

    /**
     * Whether the URL goes the segmented way: --split above 1, or a state file -c must honour (the ordinary path
     * would append to a file with gaps); a plain GET into a file of our naming. A state file without -c is stale and
     * is deleted, the download starting over.
     */
    static boolean wanted(DownloadSettings options, OutputPlan plan, RequestPlan requests) throws DownloadException {
        if (plan.kind() != OutputPlan.Kind.FILE || !requests.method().equals("GET") || requests.hasBody()
                || options.retrieval().spider() || options.retrieval().timestamping()
                || options.retrieval().contentDisposition() || options.retrieval().saveHeaders()) {
            return false;
        }
        if (options.continueDownload() && plan.target().equals(plan.partial())) {
            return false; // -c continues NAME itself in place: no state file can describe it
        }
        Path state = SplitState.of(plan.partPath());
        if (!options.continueDownload()) {
            deleteQuietly(state);
            return options.body().split() > 1;
        }
        return options.body().split() > 1 || Files.exists(state);
    }

    /**
     * Runs the download, following the probe's redirects as the ordinary path would (--max-redirect, loops refused,
     * wget's lines); null when the server does not serve ranges and the ordinary path must take the URL.
     */
    static Saved attempt(Context context, OutputPlan plan, HttpUrl original, Targets targets) throws DownloadException {
        RedirectChain chain = new RedirectChain(original, context.options().maxRedirect());
        HttpUrl url = original;
        while (true) {
            Target target = targets.of(url);
            SegmentedDownload download = prepare(context, plan, target);
            Saved saved = download.run();
            if (download.redirect == null) {
                return saved;
            }
            HttpUrl next;
            try {
                next = Redirects.target(url, download.redirect);
            } catch (Redirects.InvalidRedirectException e) {
                return null; // the ordinary path meets the same answer and reports it as wget does
            }
            url = chain.follow(next);
            context.status().following(download.redirect.first("Location").orElse(next.toString()));
            context.status().requesting(url.toString(), 1);
        }
    }

    private static SegmentedDownload prepare(Context context, OutputPlan plan, Target target) {
        HttpUrl url = target.url();
        ProxySettings.Route route = target.route();
        Transport.Factory layer = target.layer();
        RangeRequests requests = target.requests();
        Path part = plan.partPath();
        SplitState found = null;
        long probeFrom = 0;
        if (context.options().continueDownload()) {
            try {
                found = SplitState.read(SplitState.of(part));
            } catch (IOException | IllegalArgumentException e) {
                context.say().accept("rawhttpget: ignoring '" + SplitState.of(part) + "' (" + e.getMessage()
                        + "): starting over");
                deleteQuietly(part);
                deleteQuietly(SplitState.of(part));
            }
            if (found != null && !Files.exists(part)) {
                found = null; // the state of a file that is gone says nothing
            }
            if (found != null) {
                probeFrom = found.missing().isEmpty() ? 0 : found.missing().get(0)[0];
            } else {
                probeFrom = sizeOf(part);
            }
        }
        return new SegmentedDownload(context, plan, url, route, layer, requests, found, probeFrom);
    }

    private Saved run() throws DownloadException {
        Network host = context.host();
        if (found != null && found.missing().isEmpty()) {
            return finish(host.clock().nanos()); // every byte arrived before the run ended: only the rename is left
        }
        SegmentWorker probe = new SegmentWorker(this, 0);
        workers.add(probe);
        try {
            host.loop().run(this);
        } catch (DownloadException e) {
            abandon(host.clock().nanos());
            throw PartialFiles.withNote(e, plan);
        } finally {
            for (SegmentWorker w : workers) {
                w.settleKept();
            }
        }
        if (redirect != null) {
            return null;
        }
        if (fallback != null) {
            log.info("--split: {}; one connection instead", fallback);
            if (found != null || probeFrom > 0) {
                context.say().accept("rawhttpget: the server does not send ranges: starting '" + plan.displayName()
                        + "' over");
                deleteQuietly(partPath);
            }
            deleteQuietly(statePath);
            return null;
        }
        return finish(host.clock().nanos());
    }

    /** Every byte is there: the checksum, the rename, the state file's removal. */
    private Saved finish(long now) throws DownloadException {
        long length = segments != null ? segments.length() : found.length();
        try {
            if (file == null) {
                file = SegmentedFile.open(plan.target(), true);
            }
            saveState();
            ExpectedChecksum checksum = context.options().body().checksum();
            if (checksum != null) {
                try {
                    ChecksumSink.verifyFile(partPath, checksum.algorithm(), checksum.type(), checksum.digest(), true);
                } catch (DownloadException e) {
                    file.close();
                    deleteQuietly(statePath);
                    throw e;
                }
            }
            file.commit(length);
            deleteQuietly(statePath);
        } catch (IOException e) {
            file.close();
            throw new DownloadException(ExitCode.FILE_IO, "cannot finish '" + partPath + "': "
                    + IoMessages.describe(e), e);
        }
        if (progress != null) {
            progress.finish(now, true);
        }
        return new Saved(written, length, startedAt < 0 ? 0 : now - startedAt);
    }

    private void abandon(long now) {
        if (abandoned) {
            return; // a signal abandons in the loop's interrupt, then again as the loop throws
        }
        abandoned = true;
        for (SegmentWorker w : workers) {
            w.abort(now);
        }
        if (segments != null) {
            try {
                saveState();
            } catch (IOException e) {
                log.warn("cannot write '{}': {}", statePath, IoMessages.describe(e));
            }
        }
        if (file != null) {
            file.close();
        }
        if (progress != null) {
            progress.finish(now, false);
        }
    }

    @Override
    public boolean advance(long now) throws DownloadException {
        if (startedAt < 0) {
            startedAt = now;
            nextSaveAt = now + SAVE_EVERY_NANOS;
        }
        for (int i = 0; i < workers.size(); i++) {
            workers.get(i).advance(now);
        }
        if (fallback != null) {
            return workers.stream().noneMatch(SegmentWorker::isBusy);
        }
        if (segments == null) {
            if (workers.stream().allMatch(SegmentWorker::hasFailed)) {
                throw lastFailure;
            }
            return false;
        }
        while (workers.size() < split && segments.remaining() > 0) {
            workers.add(new SegmentWorker(this, workers.size()));
            workers.get(workers.size() - 1).advance(now);
        }
        if (now - nextSaveAt >= 0) {
            try {
                saveState();
            } catch (IOException e) {
                throw new DownloadException(ExitCode.FILE_IO, "cannot write '" + statePath + "': "
                        + IoMessages.describe(e), e);
            }
            nextSaveAt = now + SAVE_EVERY_NANOS;
        }
        if (segments.isComplete() && workers.stream().noneMatch(SegmentWorker::isBusy)) {
            return true;
        }
        if (workers.stream().allMatch(SegmentWorker::hasFailed)) {
            throw lastFailure;
        }
        return false;
    }

    @Override
    public long wakeAt() {
        long at = segments == null ? Long.MAX_VALUE : nextSaveAt;
        for (SegmentWorker w : workers) {
            at = Math.min(at, w.wakeAt());
        }
        return at;
    }

    @Override
    public void interrupt(long now) {
        abandon(now);
    }

    private void saveState() throws IOException {
        if (segments != null) {
            new SplitState(segments.length(), segments.missing()).write(statePath);
        }
    }

    // What the workers share.

    Context context() {
        return context;
    }

    HttpUrl url() {
        return url;
    }

    ProxySettings.Route route() {
        return route;
    }

    Transport.Factory layer() {
        return layer;
    }

    HttpRequest request(long first, long endExclusive) {
        return requests.of(first, endExclusive - 1);
    }

    SegmentPlan segments() {
        return segments;
    }

    long probeFrom() {
        return probeFrom;
    }

    long minSplitSize() {
        return minSplitSize;
    }

    void failed(DownloadException e) {
        lastFailure = e;
    }

    boolean fallingBack() {
        return fallback != null;
    }

    /** The probe was redirected: this URL's download ends at the head, and the next one starts at the Location. */
    void redirected(ResponseHead head) {
        redirect = head;
        fallback = "a redirect";
    }

    /** The probe's head was not a usable 206: the download falls back to one ordinary connection. */
    void fallBack(String why) {
        fallback = why;
    }

    /**
     * The probe's 206: the file's length is known, so the plan is made, the partial file opened and the download
     * announced. Returns the segment the probe's body belongs to.
     */
    SegmentPlan.Segment start(ResponseHead head, long length, long now) throws DownloadException {
        if (found != null && found.length() != length) {
            fallBack("the file's length changed from " + found.length() + " to " + length);
            return null;
        }
        List<long[]> missing = found != null ? found.missing()
                : List.of(new long[] {Math.min(probeFrom, length), length});
        segments = SegmentPlan.of(length, missing, split, minSplitSize);
        try {
            file = SegmentedFile.open(plan.target(), found != null || probeFrom > 0);
            saveState();
        } catch (IOException e) {
            throw new DownloadException(ExitCode.FILE_IO, "cannot open '" + partPath + "' for writing: "
                    + IoMessages.describe(e), e);
        }
        long remaining = segments.remaining();
        context.status().length(length, probeFrom > 0 || found != null ? remaining : -1,
                head.first("Content-Type").orElse(null));
        context.status().savingTo(plan.displayName());
        progress = context.progress().get();
        progress.start(plan.displayName(), length - remaining, length, now);
        log.info("--split {}: {} bytes missing in {} segments", split, remaining, segments.segmentCount());
        return segments.takeAt(probeFrom);
    }

    /** {@code len} bytes of a segment's body arrived for {@code position}. */
    void write(byte[] b, int off, int len, long position) throws IOException {
        file.write(b, off, len, position);
        written += len;
        progress.update(written, context.host().clock().nanos());
    }

    /** The probe's answer, checked: the range it gives, or a reason to fall back. */
    static ContentRange probeRange(ResponseHead head, long first) throws HttpProtocolException {
        if (head.statusCode() != 206) {
            return null;
        }
        String value = head.first("Content-Range").orElse(null);
        if (value == null) {
            return null;
        }
        ContentRange range = ContentRange.parse(value);
        return range.isUnsatisfied() || range.first() != first || range.length() < 0 ? null : range;
    }

    RequestMethod method() {
        return RequestMethod.GET;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete '{}': {}", file, IoMessages.describe(e));
        }
    }

    /** For the retry line: the backoff before a connection's next try. */
    long backoffNanos(int failures) {
        return Backoff.seconds(failures, context.options().waitRetrySeconds(), OptionalLong.empty()) * 1_000_000_000L;
    }
}
