package rawhttpget.link;

import java.util.Objects;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.PcapDirection;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.Pcaps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real interface, through libpcap. The only class in the project that uses Pcap4J, and only its raw
 * byte paths: frames stay {@code byte[]} from libpcap to the stack.
 *
 * <p>Receiving: {@code pcap_next} blocks forever on a quiet line and {@code getNextRawPacket()} loses most
 * frames at LAN speed, so a daemon thread sits in {@code pcap_loop} (which kept up with ~310 k frames/s
 * here) and hands each frame to the stack thread through a bounded {@link FrameQueue}. The stack thread
 * drains it with {@link #receive} and sleeps in {@link #awaitFrames} when it has nothing else to do.
 *
 * <p>Threads: one stack thread calls {@code receive}, {@code awaitFrames} and {@code send}; {@code close}
 * may come from any thread (e.g. a shutdown hook).
 */
public final class PcapLink implements Link {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.link");

    /**
     * Whole frames even with GRO/LRO on: a coalesced IPv4 packet is at most 65 535 bytes, plus the
     * Ethernet header and one VLAN tag (65 226-byte frames seen on a veth with GRO on). libpcap's Linux
     * code sizes ring slots by the MTU instead when offloads are off, so the large value should cost
     * nothing there (read in its source, not measured).
     */
    static final int SNAPLEN = 65_535 + 14 + 4;

    /** close() gives the capture thread this long to leave pcap_loop before it gives up waiting. */
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    // From pcap/pcap.h and pcap/dlt.h.
    private static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    private static final int PCAP_ERROR_PROMISC_PERM_DENIED = -7;
    private static final int PCAP_ERROR_PERM_DENIED = -8;
    private static final int PCAP_ERROR_IFACE_NOT_UP = -9;
    private static final int DLT_EN10MB = 1;

    private static final String PERMISSION_HINT = "run as root, or grant capabilities: "
            + "sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))";

    private final String interfaceName;
    private final PcapHandle handle;
    private final FrameQueue queue;
    private final Thread captureThread;
    private final Object closeLock = new Object();

    private volatile long queueDrops; // incremented by the capture thread only
    private volatile long lastPcapDrops;
    private volatile String captureFailure;
    private volatile boolean closed;
    private byte[] sendCopy = new byte[0];

    private PcapLink(PcapLinkSettings settings, PcapHandle handle) {
        this.interfaceName = settings.interfaceName();
        this.handle = handle;
        this.queue = new FrameQueue(settings.queueFrames());
        this.captureThread = new Thread(this::captureLoop, "rawhttpget-capture-" + interfaceName);
        this.captureThread.setDaemon(true);
    }

    /** Opens a live capture on the interface and starts receiving. */
    public static PcapLink open(PcapLinkSettings settings) {
        PcapLibrary.configure();
        try {
            PcapHandle handle = openHandle(settings);
            PcapLink link = new PcapLink(settings, handle);
            link.captureThread.start();
            log.info("capturing on {}: filter \"{}\", kernel buffer {} bytes, promiscuous {}, queue {} frames",
                    settings.interfaceName(), settings.captureFilter(), settings.kernelBufferBytes(),
                    settings.promiscuous(), link.queue.capacity());
            return link;
        } catch (LinkageError e) {
            throw libraryLoadFailure(e);
        }
    }

    /**
     * Finds libpcap (and tells Pcap4J where it is) without opening anything, so a run without it stops
     * before it changes the host. Throws a {@link LinkException} of kind LIBRARY naming the package.
     */
    public static void requireLibrary() {
        PcapLibrary.configure();
    }

    /** The libpcap version string, e.g. "libpcap version 1.10.3 (with TPACKET_V3)". */
    public static String libraryVersion() {
        PcapLibrary.configure();
        try {
            return Pcaps.libVersion();
        } catch (LinkageError e) {
            throw libraryLoadFailure(e);
        }
    }

    private static PcapHandle openHandle(PcapLinkSettings settings) {
        String name = settings.interfaceName();
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(name)
                    .snaplen(SNAPLEN)
                    .immediateMode(true)
                    .bufferSize(settings.kernelBufferBytes())
                    .promiscuousMode(settings.promiscuous()
                            ? PromiscuousMode.PROMISCUOUS : PromiscuousMode.NONPROMISCUOUS)
                    // Our own frames would come back to us as received ones.
                    .direction(PcapDirection.IN)
                    .build();
        } catch (PcapNativeException e) {
            throw openFailure(name, e);
        }
        try {
            int linkType = handle.getDlt().value();
            if (linkType != DLT_EN10MB) {
                throw new LinkException(LinkException.Kind.INTERFACE, name + " is not an Ethernet interface (libpcap link type "
                        + linkType + ")");
            }
            if (!settings.captureFilter().isEmpty()) {
                handle.setFilter(settings.captureFilter(), BpfCompileMode.OPTIMIZE);
            }
            return handle;
        } catch (PcapNativeException | NotOpenException e) {
            handle.close();
            throw new LinkException("bad capture filter \"" + settings.captureFilter() + "\": "
                    + e.getMessage());
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    private static LinkException openFailure(String name, PcapNativeException e) {
        int code = e.getReturnCode() == null ? 0 : e.getReturnCode();
        String detail = String.valueOf(e.getMessage());
        if (code == PCAP_ERROR_NO_SUCH_DEVICE) {
            return new LinkException(LinkException.Kind.INTERFACE, "no such interface: " + name);
        }
        if (code == PCAP_ERROR_PERM_DENIED || code == PCAP_ERROR_PROMISC_PERM_DENIED
                || detail.contains("Operation not permitted")) {
            return new LinkException(LinkException.Kind.PERMISSION, "no permission to capture on " + name + ": " + PERMISSION_HINT);
        }
        if (code == PCAP_ERROR_IFACE_NOT_UP) {
            return new LinkException(LinkException.Kind.INTERFACE, "interface " + name + " is down");
        }
        return new LinkException("cannot capture on " + name + ": " + detail);
    }

    private static LinkException libraryLoadFailure(LinkageError e) {
        return new LinkException(LinkException.Kind.LIBRARY, "cannot load libpcap (" + System.getProperty(PcapLibrary.LIB_NAME_PROPERTY)
                + "): " + e.getMessage(), e);
    }

    private void captureLoop() {
        try {
            handle.loop(-1, this::onCaptured);
            if (!closed) {
                captureFailure = "capture on " + interfaceName + " ended unexpectedly";
            }
        } catch (InterruptedException e) {
            // pcap_breakloop() from close(): the normal way out.
        } catch (PcapNativeException | NotOpenException e) {
            if (!closed) {
                captureFailure = "capture on " + interfaceName + " failed: " + e.getMessage();
            }
        } finally {
            if (captureFailure != null) {
                log.warn("{}", captureFailure);
            }
            queue.producerStopped();
        }
    }

    /** Runs on the capture thread for every frame; Pcap4J gives us a fresh array each time. */
    private void onCaptured(byte[] frame) {
        if (!queue.offer(frame)) {
            queueDrops++;
        }
    }

    @Override
    public int receive(FrameHandler handler) {
        // Only what is there now: a fast sender must not keep the stack thread here forever.
        int waiting = queue.size();
        for (int i = 0; i < waiting; i++) {
            byte[] frame = queue.poll();
            handler.onFrame(frame, 0, frame.length);
        }
        if (waiting == 0 && captureFailure != null && queue.isEmpty()) {
            throw new LinkException(captureFailure);
        }
        return waiting;
    }

    @Override
    public void awaitFrames(long timeoutNanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        queue.await(timeoutNanos);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    @Override
    public synchronized void send(byte[] frame, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, frame.length);
        if (closed) {
            throw new LinkException("cannot send on " + interfaceName + ": link is closed");
        }
        byte[] bytes = frame;
        if (offset != 0) {
            // Pcap4J sends from the start of an array only.
            if (sendCopy.length < length) {
                sendCopy = new byte[Math.max(length, 2048)];
            }
            System.arraycopy(frame, offset, sendCopy, 0, length);
            bytes = sendCopy;
        }
        try {
            handle.sendPacket(bytes, length);
        } catch (PcapNativeException e) {
            String detail = String.valueOf(e.getMessage());
            if (detail.contains("No buffer space available")) {
                // The device queue is full: the frame is lost like any other, and TCP resends it.
                log.debug("send on {} dropped a frame: {}", interfaceName, detail);
                return;
            }
            throw new LinkException("cannot send on " + interfaceName + ": " + detail);
        } catch (NotOpenException e) {
            throw new LinkException("cannot send on " + interfaceName + ": link is closed");
        }
    }

    /** Our queue's drops plus the kernel's (libpcap's ps_drop: the capture ring was full). */
    @Override
    public long droppedFrames() {
        return queueDrops + pcapDrops();
    }

    private long pcapDrops() {
        if (!closed) {
            try {
                lastPcapDrops = handle.getStats().getNumPacketsDropped();
            } catch (PcapNativeException | NotOpenException e) {
                // Keep the last value we read: a statistic is not worth failing the transfer for.
            }
        }
        return lastPcapDrops;
    }

    /**
     * Stops the capture thread and closes the handle; never hangs. libpcap 1.10 wakes a {@code pcap_loop}
     * blocked in poll() when {@code pcap_breakloop} is called; if the thread still has not left after
     * {@link #CLOSE_WAIT_MILLIS}, the handle is left open, because Pcap4J's close would wait for the loop.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            pcapDrops();
            closed = true;
        }
        try {
            handle.breakLoop();
        } catch (NotOpenException e) {
            // Already closed underneath us: nothing to break.
        }
        boolean interrupted = false;
        try {
            captureThread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (captureThread.isAlive()) {
            log.warn("capture thread on {} did not stop within {} ms; leaving the capture handle open",
                    interfaceName, CLOSE_WAIT_MILLIS);
        } else {
            synchronized (this) {
                handle.close();
            }
            log.info("closed capture on {}: {} frames dropped", interfaceName, droppedFrames());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
