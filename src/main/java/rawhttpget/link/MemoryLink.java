package rawhttpget.link;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * One end of an in-memory cable. What one end sends, the other receives, in order, at the next
 * {@link #receive}. No time passes on this link: tests decide when each side polls.
 */
public final class MemoryLink implements Link {
    private final ArrayDeque<byte[]> inbox = new ArrayDeque<>();
    private MemoryLink peer;
    private boolean closed;

    private MemoryLink() {
    }

    /** Two connected ends. */
    public static MemoryLink[] pair() {
        MemoryLink a = new MemoryLink();
        MemoryLink b = new MemoryLink();
        a.peer = b;
        b.peer = a;
        return new MemoryLink[] {a, b};
    }

    @Override
    public int receive(FrameHandler handler) {
        int n = 0;
        byte[] frame;
        while ((frame = inbox.poll()) != null) {
            handler.onFrame(frame, 0, frame.length);
            n++;
        }
        return n;
    }

    @Override
    public void send(byte[] frame, int offset, int length) {
        if (!closed && !peer.closed) {
            peer.inbox.add(Arrays.copyOfRange(frame, offset, offset + length));
        }
    }

    /** Puts a frame into this end's inbox as if the peer had sent it. */
    public void inject(byte[] frame) {
        inbox.add(frame.clone());
    }

    /** Frames waiting to be received at this end. */
    public int pending() {
        return inbox.size();
    }

    /** Takes the oldest waiting frame, or null. For tests that play the peer by hand. */
    public byte[] poll() {
        return inbox.poll();
    }

    @Override
    public void awaitFrames(long timeoutNanos) {
        // Virtual: the caller advances its own clock.
    }

    @Override
    public void close() {
        closed = true;
    }
}
