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
    private boolean finished;

    public ProgressSink(BodySink inner, Progress progress, Clock clock, String name, long alreadyHave, long total) {
        this.inner = inner;
        this.progress = progress;
        this.clock = clock;
        progress.start(name, alreadyHave, total, clock.nanos());
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
        if (!finished) {
            finished = true;
            progress.finish(clock.nanos(), complete);
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
