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
 * The real interface, through libpcap. The only class in the project that uses Pcap4J: it opens the handle,
 * sets the filter, sends and reads the statistics. Frames are read by {@link PcapReader}, which calls
 * libpcap directly on Pcap4J's handle, in non-blocking mode, into one reused array.
 *
 * <p>Receiving: no capture thread and no queue. {@link #receive} takes what the kernel's capture ring holds
 * (at most {@link #MAX_FRAMES_PER_RECEIVE} per call), and {@link #awaitFrames} sleeps in poll(2) on the
 * capture's descriptor. The ring (16 MiB by default, twice the TCP window) absorbs what arrives while the
 * stack is busy; before, a capture thread in {@code pcap_loop} copied every frame into a fresh array and a
 * queue of up to 32 768 of them, which cost a JNI up-call, an allocation and ~1.5 KB of heap per frame.
 *
 * <p>Threads: one stack thread calls {@code receive}, {@code awaitFrames} and {@code send}; {@code close}
 * may come from any thread (e.g. a shutdown hook): it waits for a {@code receive} or {@code awaitFrames} in
 * progress (at most the wait's timeout), so libpcap never reads a closed handle.
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

    /**
     * A bound on one {@link #receive}. The stack acks plain in-order data after each batch, once the
     * application has read what the batch delivered, much as Linux acks when its reader has drained the
     * socket (segments with SACK news, and each 64 KiB of in-order data, are acked at once, inside the
     * batch: NetworkStack.MAX_COALESCED_RUN). Acking every second segment
     * inline (RFC 5681's SHOULD) sends an ACK for every two segments at LAN rates, each costing a system call;
     * a larger batch means fewer ACKs and less CPU (docs/PERFORMANCE.md); the window (4 MiB, ~11 batches) keeps the sender busy between them. On a slow link a batch is whatever
     * has arrived, so this cap only matters at LAN rates.
     */
    static final int MAX_FRAMES_PER_RECEIVE = 256;

    /**
     * How long the kernel holds a partly filled block of frames before handing it to us (libpcap's timeout,
     * the TPACKET_V3 block-retire timer): the most latency the capture adds, against a 20-40 ms WAN RTT or
     * the 200 ms minimum RTO. One millisecond is the smallest value libpcap can express.
     */
    static final int BLOCK_TIMEOUT_MILLIS = 1;

    /** Frames waiting for the transmit thread: a few windows' worth of ACKs, or a request's segments. */
    static final int TRANSMIT_QUEUE_FRAMES = 256;

    /** close() gives the transmit thread this long to send what is queued and stop. */
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    // From pcap/pcap.h and pcap/dlt.h.
    private static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    private static final int PCAP_ERROR_PROMISC_PERM_DENIED = -7;
    private static final int PCAP_ERROR_PERM_DENIED = -8;
    private static final int PCAP_ERROR_IFACE_NOT_UP = -9;

    private static final String PERMISSION_HINT = "run as root, or grant capabilities: "
            + "sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))";

    private final String interfaceName;
    private final PcapHandle handle;
    private final PcapReader reader;
    private final TransmitQueue transmit;

    private long lastPcapDrops;
    private volatile boolean closed;

    private PcapLink(PcapLinkSettings settings, PcapHandle handle) {
        this.interfaceName = settings.interfaceName();
        this.handle = handle;
        this.reader = new PcapReader(nativeHandle(handle), SNAPLEN);
        this.transmit = new TransmitQueue("rawhttpget-transmit-" + interfaceName, TRANSMIT_QUEUE_FRAMES,
                settings.transmitThreadSetup(), this::sendNow);
    }

    /** Opens a live capture on an Ethernet interface and starts receiving. */
    public static PcapLink open(PcapLinkSettings settings) {
        return open(settings, LinkLayer.ETHERNET);
    }

    /** Opens a live capture on an interface whose frames are of {@code layer}, and starts receiving. */
    public static PcapLink open(PcapLinkSettings settings, LinkLayer layer) {
        PcapLibrary.configure();
        try {
            PcapHandle handle = openHandle(settings, layer);
            PcapLink link;
            try {
                link = new PcapLink(settings, handle);
                link.transmit.start();
            } catch (RuntimeException | LinkageError e) {
                handle.close();
                throw e;
            }
            log.info("capturing on {}: filter \"{}\", kernel buffer {} bytes, promiscuous {}",
                    settings.interfaceName(), settings.captureFilter(), settings.kernelBufferBytes(),
                    settings.promiscuous());
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

    private static PcapHandle openHandle(PcapLinkSettings settings, LinkLayer layer) {
        String name = settings.interfaceName();
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(name)
                    .snaplen(SNAPLEN)
                    // Not immediate mode: libpcap then uses TPACKET_V3, where the kernel fills blocks of frames and wakes
                    // the reader once a block is full or BLOCK_TIMEOUT_MILLIS old. Immediate mode (TPACKET_V2) wakes
                    // the stack thread for every frame from inside the server's transmit path, which costs far more
                    // system CPU and wall time at LAN rates (docs/PERFORMANCE.md). The price is at most that
                    // timeout of latency per frame.
                    .immediateMode(false)
                    .timeoutMillis(BLOCK_TIMEOUT_MILLIS)
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
            if (linkType != layer.dlt()) {
                throw new LinkException(LinkException.Kind.INTERFACE, unexpectedLinkType(name, linkType, layer));
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

    private static String unexpectedLinkType(String name, int linkType, LinkLayer expected) {
        if (linkType == LinkLayer.DLT_LINUX_SLL) {
            return name + ": libpcap captures it cooked (LINUX_SLL), and cannot send through such a capture";
        }
        return expected == LinkLayer.ETHERNET
                ? name + " is not an Ethernet interface (libpcap link type " + linkType + ")"
                : name + " is not a raw IP interface (libpcap link type " + linkType + ")";
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

    /**
     * The {@code pcap_t *} inside Pcap4J's handle. Pcap4J 1.8 keeps it private and offers no read path
     * without per-frame allocation, so it is read once here; the version is pinned in the pom.
     */
    private static long nativeHandle(PcapHandle handle) {
        try {
            java.lang.reflect.Field field = PcapHandle.class.getDeclaredField("handle");
            field.setAccessible(true);
            return com.sun.jna.Pointer.nativeValue((com.sun.jna.Pointer) field.get(handle));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new LinkException("this Pcap4J version hides its libpcap handle differently: " + e);
        }
    }

    @Override
    public synchronized int receive(FrameHandler handler) {
        if (closed) {
            throw new LinkException("cannot receive on " + interfaceName + ": link is closed");
        }
        return reader.read(handler, MAX_FRAMES_PER_RECEIVE);
    }

    @Override
    public synchronized void awaitFrames(long timeoutNanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (timeoutNanos <= 0 || closed) {
            return;
        }
        // poll(2) counts milliseconds: round up, so a short wait is not a busy loop.
        long millis = Math.min(Integer.MAX_VALUE, (timeoutNanos + 999_999) / 1_000_000);
        reader.await((int) millis);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /** Queues the frame for the transmit thread (see {@link TransmitQueue}); the bytes are copied. */
    @Override
    public void send(byte[] frame, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, frame.length);
        if (closed) {
            throw new LinkException("cannot send on " + interfaceName + ": link is closed");
        }
        transmit.send(frame, offset, length);
    }

    /** On the transmit thread; never takes this object's lock, which the stack thread holds in poll(2). */
    private void sendNow(byte[] bytes, int length) {
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

    /** Frames the kernel dropped because the capture ring was full (libpcap's ps_drop). */
    @Override
    public synchronized long droppedFrames() {
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
     * Sends what is still queued (the last ACK, FIN or RST), then closes the handle. Waits for a receive or
     * wait in progress on the stack thread, and at most {@link #CLOSE_WAIT_MILLIS} for the transmit thread;
     * if that does not stop, the handle is left open rather than closed under it.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        droppedFrames();
        closed = true;
        boolean stopped;
        boolean interrupted = false;
        try {
            stopped = transmit.stop(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            stopped = false;
            interrupted = true;
        }
        if (stopped) {
            handle.close();
            log.info("closed capture on {}: {} frames dropped", interfaceName, lastPcapDrops);
        } else {
            log.warn("transmit thread on {} did not stop within {} ms; leaving the capture handle open",
                    interfaceName, CLOSE_WAIT_MILLIS);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
