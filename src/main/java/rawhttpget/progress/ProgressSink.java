package rawhttpget.progress;

import rawhttpget.failure.DownloadException;
import rawhttpget.output.BodySink;

import rawhttpget.time.Clock;

import java.io.IOException;

/** A sink that tells a {@link Progress} about every write, with the time read from the clock it is given. */
public final class ProgressSink implements BodySink {
    private final BodySink inner;
    private final Progress progress;
    private final Clock clock;
    private final long startedAt;
    private long finishedAt = -1;

    public ProgressSink(BodySink inner, Progress progress, Clock clock, String name, long alreadyHave, long total) {
        this.inner = inner;
        this.progress = progress;
        this.clock = clock;
        startedAt = clock.nanos();
        progress.start(name, alreadyHave, total, startedAt);
    }

    /**
     * The time between the progress's start and its finish, or -1 before the finish: what the progress's last rate
     * was computed over, so wget's saved line can show the same rate, as wget's does.
     */
    public long elapsedNanos() {
        return finishedAt < 0 ? -1 : finishedAt - startedAt;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        inner.write(b, off, len);
        progress.update(inner.written(), clock.nanos());
    }

    @Override
    public void commit() throws IOException, DownloadException {
        finish(true);
        inner.commit();
    }

    @Override
    public void abandon() {
        finish(false);
        inner.abandon();
    }

    private void finish(boolean complete) {
        if (finishedAt < 0) {
            finishedAt = clock.nanos();
            progress.finish(finishedAt, complete);
        }
    }

    @Override
    public long written() {
        return inner.written();
    }

    @Override
    public void close() {
        inner.close();
    }
}
