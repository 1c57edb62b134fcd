package rawhttpget.link;

/**
 * How to open a {@link PcapLink}.
 *
 * @param interfaceName     the interface to capture on and send from, e.g. {@code eth0}
 * @param captureFilter     a BPF expression in tcpdump syntax; only matching frames reach the stack
 * @param kernelBufferBytes the kernel capture ring, the link's only buffer: it must hold what arrives while
 *                          the stack is busy, so size it as the TCP receive window plus a margin
 * @param promiscuous       capture frames addressed to other MACs (needed when we use a MAC of our own)
 * @param transmitThreadSetup runs first on the transmit thread, before it sends anything (the CLI sets the
 *                          thread's scheduling there); it must not throw
 */
public record PcapLinkSettings(
        String interfaceName,
        String captureFilter,
        int kernelBufferBytes,
        boolean promiscuous,
        Runnable transmitThreadSetup) {

    private static final Runnable NOTHING = () -> { };

    public static final int DEFAULT_KERNEL_BUFFER_BYTES = 16 << 20;

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
        if (transmitThreadSetup == null) {
            throw new IllegalArgumentException("transmit thread setup is required (use one that does nothing)");
        }
    }

    /** Defaults: 16 MiB kernel buffer, not promiscuous, nothing run on the transmit thread. */
    public static PcapLinkSettings of(String interfaceName, String captureFilter) {
        return new PcapLinkSettings(interfaceName, captureFilter, DEFAULT_KERNEL_BUFFER_BYTES, false, NOTHING);
    }

    public PcapLinkSettings withKernelBufferBytes(int bytes) {
        return new PcapLinkSettings(interfaceName, captureFilter, bytes, promiscuous, transmitThreadSetup);
    }

    public PcapLinkSettings withPromiscuous(boolean on) {
        return new PcapLinkSettings(interfaceName, captureFilter, kernelBufferBytes, on, transmitThreadSetup);
    }

    public PcapLinkSettings withTransmitThreadSetup(Runnable setup) {
        return new PcapLinkSettings(interfaceName, captureFilter, kernelBufferBytes, promiscuous, setup);
    }
}
