package rawhttpget.link;

/**
 * How to open a {@link PcapLink}.
 *
 * @param interfaceName     the interface to capture on and send from, e.g. {@code eth0}
 * @param captureFilter     a BPF expression in tcpdump syntax; only matching frames reach the stack
 * @param kernelBufferBytes the kernel capture ring: it must hold what arrives while the stack is busy,
 *                          so size it as the TCP receive window plus a margin
 * @param promiscuous       capture frames addressed to other MACs (needed when we use a MAC of our own)
 * @param queueFrames       frames the capture thread may hold for the stack thread before it drops
 */
public record PcapLinkSettings(
        String interfaceName,
        String captureFilter,
        int kernelBufferBytes,
        boolean promiscuous,
        int queueFrames) {

    public static final int DEFAULT_KERNEL_BUFFER_BYTES = 16 << 20;

    /**
     * Memory is bounded by TCP, not by this count: a sender cannot have more than our receive window in
     * flight, so the queue holds at most about a window of data whatever the frame size (GRO frames are
     * up to 64 KiB, but then there are few of them). A window of 16 MiB is ~11 000 full-size frames.
     */
    public static final int DEFAULT_QUEUE_FRAMES = 32_768;

    public PcapLinkSettings {
        if (interfaceName == null || interfaceName.isBlank()) {
            throw new IllegalArgumentException("interface name is required");
        }
        if (captureFilter == null) {
            throw new IllegalArgumentException("capture filter is required (use \"\" to capture everything)");
        }
        if (kernelBufferBytes <= 0) {
            throw new IllegalArgumentException("kernel buffer must be positive: " + kernelBufferBytes);
        }
        if (queueFrames <= 0 || queueFrames > (1 << 30)) {
            throw new IllegalArgumentException("queue size out of range: " + queueFrames);
        }
    }

    /** Defaults: 16 MiB kernel buffer, not promiscuous, 32 768-frame queue. */
    public static PcapLinkSettings of(String interfaceName, String captureFilter) {
        return new PcapLinkSettings(interfaceName, captureFilter, DEFAULT_KERNEL_BUFFER_BYTES, false,
                DEFAULT_QUEUE_FRAMES);
    }

    public PcapLinkSettings withKernelBufferBytes(int bytes) {
        return new PcapLinkSettings(interfaceName, captureFilter, bytes, promiscuous, queueFrames);
    }

    public PcapLinkSettings withPromiscuous(boolean on) {
        return new PcapLinkSettings(interfaceName, captureFilter, kernelBufferBytes, on, queueFrames);
    }

    public PcapLinkSettings withQueueFrames(int frames) {
        return new PcapLinkSettings(interfaceName, captureFilter, kernelBufferBytes, promiscuous, frames);
    }
}
