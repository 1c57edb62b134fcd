package rawhttpget.link;

/**
 * A device that moves whole frames of its link layer ({@link LinkLayer}): Ethernet frames (header included, no
 * FCS), or on an L3 link bare IP packets. Implementations: the real
 * interface through libpcap ({@link PcapLink}), an in-memory pair for tests ({@link MemoryLink}),
 * and wrappers that add behaviour around another link (fault injection, pcap recording).
 */
public interface Link extends AutoCloseable {

    /** Hands every frame that has already arrived to the handler, without blocking; returns how many. */
    int receive(FrameHandler handler);

    /** Sends one frame; the caller may reuse the bytes as soon as this returns. */
    void send(byte[] frame, int offset, int length);

    /**
     * Waits until a frame may have arrived or the timeout has passed. Links without real time behind them
     * return at once. The only blocking call in the whole stack, made by the command-line loop.
     */
    void awaitFrames(long timeoutNanos) throws InterruptedException;

    /** Frames the link lost before we could read them (e.g. the capture buffer overflowed). */
    default long droppedFrames() {
        return 0;
    }

    @Override
    void close();
}
