package rawhttpget.link;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.time.Clock;

import java.io.IOException;

/**
 * A link that records every frame passing through it, both ways, into a pcap file, then hands it on unchanged.
 * It sits right on the device, under the stack, so the trace also holds the frames the stack went on to drop,
 * in the order the stack saw them. Timestamps come from the clock it is given (the stack's own time, anchored to
 * the wall clock), not from the kernel.
 *
 * <p>A failed write (a full disk) stops the recording with one ERROR line and leaves the download running; the
 * file keeps what was written before.
 */
public final class PcapRecorderLink implements Link {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.link");

    private final Link inner;
    private final PcapWriter writer;
    private final Clock epochClock;
    private final String name;
    private final RecordingHandler recording = new RecordingHandler();
    private IOException failure;

    /**
     * @param epochClock gives nanoseconds since the Unix epoch
     * @param name       what to call the file in messages
     */
    public PcapRecorderLink(Link inner, PcapWriter writer, Clock epochClock, String name) {
        this.inner = inner;
        this.writer = writer;
        this.epochClock = epochClock;
        this.name = name;
    }

    @Override
    public int receive(FrameHandler handler) {
        recording.next = handler;
        try {
            return inner.receive(recording);
        } finally {
            recording.next = null;
        }
    }

    @Override
    public void send(byte[] frame, int offset, int length) {
        inner.send(frame, offset, length);
        record(frame, offset, length);
    }

    @Override
    public void awaitFrames(long timeoutNanos) throws InterruptedException {
        inner.awaitFrames(timeoutNanos);
    }

    @Override
    public long droppedFrames() {
        return inner.droppedFrames();
    }

    /** Frames written to the file. */
    public long framesRecorded() {
        return writer.records();
    }

    /** Why recording stopped early, or null. */
    public IOException failure() {
        return failure;
    }

    private void record(byte[] frame, int offset, int length) {
        if (failure != null) {
            return;
        }
        try {
            writer.write(epochClock.nanos(), frame, offset, length);
        } catch (IOException e) {
            failure = e;
            log.error("pcap {}: cannot write ({}); recording stopped after {} frames", name, e.getMessage(),
                    writer.records());
        }
    }

    /** Closes the device first, then completes the file. */
    @Override
    public void close() {
        try {
            inner.close();
        } finally {
            try {
                writer.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                    log.error("pcap {}: cannot finish the file ({})", name, e.getMessage());
                }
            }
        }
    }

    /** Records each arriving frame before the stack sees it; one instance, so receiving allocates nothing. */
    private final class RecordingHandler implements FrameHandler {
        private FrameHandler next;

        @Override
        public void onFrame(byte[] frame, int offset, int length) {
            record(frame, offset, length);
            next.onFrame(frame, offset, length);
        }
    }
}
