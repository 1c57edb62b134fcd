package rawhttpget.download;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;
import rawhttpget.http.ContentRange;
import rawhttpget.http.HttpProtocolException;
import rawhttpget.http.ResponseHead;
import rawhttpget.output.BodySink;

import java.io.IOException;

/**
 * One connection of a segmented download: asks for the rest of its segment with a closed Range, writes what
 * comes at its offsets, and when the segment is done takes another (or steals half of the largest) and asks again
 * over the same connection if the server kept it open. When another connection steals the upper half of its
 * segment while its response still runs, it stops at the new end and resets the connection (the rest of that
 * response is the thief's). A failure costs this connection a try (-t) and a backoff; the others go on.
 */
final class SegmentWorker {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.cli");

    private final SegmentedDownload download;
    private final int id;
    private Connections.Started current;
    /** A connection the last response left open, for the next request. */
    private Connections.Started kept;
    private SegmentPlan.Segment segment;
    /** Where the running request's range ends (exclusive). */
    private long requestEnd;
    private long requestFirst;
    private int failures;
    private long retryAt = Long.MIN_VALUE;
    private boolean failed;

    SegmentWorker(SegmentedDownload download, int id) {
        this.download = download;
        this.id = id;
    }

    /** A request is running. */
    boolean isBusy() {
        return current != null;
    }

    /** Out of tries: it takes no more work. */
    boolean hasFailed() {
        return failed;
    }

    long wakeAt() {
        return current == null && !failed && retryAt != Long.MIN_VALUE ? retryAt : Long.MAX_VALUE;
    }

    void advance(long now) throws DownloadException {
        if (failed) {
            return;
        }
        if (current == null && !startNext(now)) {
            return;
        }
        try {
            boolean done = current.transfer().advance(now);
            if (download.fallingBack()) {
                current.transfer().interrupt(now); // the body of a response we do not use is not read
                release();
                return;
            }
            if (!done && segment != null && segment.end() < requestEnd && segment.isDone()) {
                log.info("connection {}: its segment was shortened to {}; closing it", id, segment.end());
                current.transfer().interrupt(now);
                release();
                return;
            }
            if (done) {
                if (segment != null && segment.next() < Math.min(requestEnd, segment.end())) {
                    throw DownloadException.retryable(ExitCode.PROTOCOL, "the response to bytes " + requestFirst
                            + "-" + (requestEnd - 1) + " ended at " + segment.next());
                }
                if (current.transfer().keptOpen()) {
                    kept = current;
                    current = null;
                } else {
                    release();
                }
            }
        } catch (DownloadException e) {
            boolean unheard = current != null && current.transfer().failedUnheardOnReuse();
            release();
            if (unheard) {
                return; // the server had closed the kept connection: a new one, not another try
            }
            fail(e, now);
        }
    }

    /** Starts the next request, if there is work and it is time; false when nothing runs. */
    private boolean startNext(long now) throws DownloadException {
        if (retryAt != Long.MIN_VALUE && now - retryAt < 0) {
            return false;
        }
        SegmentPlan plan = download.segments();
        long first;
        if (plan == null) {
            if (id != 0) {
                return false;
            }
            first = download.probeFrom();
            requestEnd = first + download.minSplitSize();
        } else {
            if (segment == null || segment.isDone()) {
                if (segment != null) {
                    segment.release();
                }
                segment = plan.take();
                if (segment == null) {
                    return false;
                }
            }
            first = segment.next();
            requestEnd = segment.end();
        }
        requestFirst = first;
        try {
            if (kept != null) {
                current = download.context().connections().again(kept, download.url(), download.route(),
                        download.request(first, requestEnd), download.method(), this::onHead);
                kept = null;
            } else {
                current = download.context().connections().start(download.url(), download.route(),
                        download.layer(), download.request(first, requestEnd), download.method(), this::onHead,
                        id == 0 && plan == null && failures == 0);
            }
        } catch (DownloadException e) {
            fail(e, now);
            return false;
        }
        return true;
    }

    private BodySink onHead(ResponseHead head) throws DownloadException {
        SegmentPlan plan = download.segments();
        ContentRange range;
        try {
            range = SegmentedDownload.probeRange(head, requestFirst);
        } catch (HttpProtocolException e) {
            range = null;
        }
        if (plan == null) {
            download.context().status().response(head.statusCode(), head.reason());
            if (isRedirect(head.statusCode()) && head.first("Location").isPresent()) {
                download.redirected(head);
                return null;
            }
            if (range == null) {
                download.fallBack("the server answered " + head.statusCode() + " to a Range request"
                        + (head.statusCode() == 206 ? " with a Content-Range we cannot use" : ""));
                return null;
            }
            segment = download.start(head, range.length(), download.context().host().clock().nanos());
            if (segment == null) {
                return null;
            }
            requestEnd = Math.min(requestEnd, range.length());
        } else if (range == null || range.length() != plan.length()) {
            throw new DownloadException(ExitCode.PROTOCOL, "connection " + id + ": the server answered "
                    + head.statusCode() + " to bytes " + requestFirst + "-" + (requestEnd - 1)
                    + (range == null ? "" : " with the length " + range.length()));
        }
        return new SegmentSink();
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Ends the connection of a request that no longer has a use, and forgets it. */
    private void release() throws DownloadException {
        Connections.Started done = current;
        current = null;
        if (done != null) {
            download.context().connections().settle(done);
        }
    }

    private void fail(DownloadException e, long now) {
        failures++;
        int tries = download.context().options().tries();
        if (e.isRetryable() && (tries == 0 || failures < tries)) {
            long wait = download.backoffNanos(failures);
            log.info("connection {}: {}; trying again in {} s (try {})", id, e.getMessage(), wait / 1_000_000_000L,
                    failures + 1);
            retryAt = now + wait;
            return;
        }
        log.info("connection {}: {}; it gives up, and its segment goes to the others", id, e.getMessage());
        failed = true;
        if (segment != null) {
            segment.release();
            segment = null;
        }
        download.failed(e);
    }

    /** The run failed or was interrupted: resets what is open. */
    void abort(long now) {
        if (current != null) {
            current.transfer().interrupt(now);
            current.localPort().close();
            current = null;
        }
        if (kept != null) {
            kept.transfer().interrupt(now);
            kept.localPort().close();
            kept = null;
        }
    }

    /** The download is over: a connection kept open goes to the pool, for the next URL. */
    void settleKept() {
        if (kept != null) {
            try {
                download.context().connections().settle(kept);
            } catch (DownloadException e) {
                log.debug("closing connection {}: {}", id, e.getMessage());
            }
            kept = null;
        }
    }

    /** The body of one response: written at the segment's offsets, never past its (possibly shortened) end. */
    private final class SegmentSink implements BodySink {
        private long count;

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            long room = Math.min(segment.end(), requestEnd) - segment.next();
            int n = (int) Math.max(0, Math.min(len, room));
            if (n > 0) {
                download.write(b, off, n, segment.next());
                segment.advance(n);
                count += n;
            }
        }

        @Override
        public void commit() {
        }

        @Override
        public void abandon() {
        }

        @Override
        public long written() {
            return count;
        }

        @Override
        public void close() {
        }
    }
}
