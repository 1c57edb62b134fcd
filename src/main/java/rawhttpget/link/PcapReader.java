package rawhttpget.link;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * Reads frames from an open libpcap handle in non-blocking mode, straight into one reused array: no
 * thread, no queue and no allocation per frame. Pcap4J's own receive paths allocate per frame (a new
 * {@code byte[]}, JNA pointers, a JNI up-call for each frame from {@code pcap_loop}); at ~750 k frames/s
 * that was the capture thread's whole cost. The kernel's capture ring is the only buffer: when the stack
 * falls behind, it fills, and TCP's window (smaller than the ring) keeps it from overflowing.
 *
 * <p>Bound with JNA direct mapping: every argument is a {@code long} address or an {@code int}, so a call
 * converts nothing and allocates nothing. The handle ({@code pcap_t *}) comes from Pcap4J, which opened it.
 * The header and the frame libpcap points at are read with {@link Unsafe}, which the JIT turns into plain
 * loads and one copy; through JNA's {@code Pointer} each read was a JNI call of its own (four per frame).
 */
final class PcapReader {
    /** struct pcap_pkthdr on LP64 Linux: struct timeval (16 bytes), then caplen and len. */
    private static final int CAPLEN_OFFSET = 16;
    private static final short POLLIN = 0x1;

    private static volatile boolean bound;

    private static final Unsafe UNSAFE = unsafe();
    private static final long BYTES = Unsafe.ARRAY_BYTE_BASE_OFFSET;

    private final long pcap;
    private final int selectableFd;
    /** Two out-parameters of pcap_next_ex: the header pointer, then the data pointer. */
    private final Memory outs = new Memory(16);
    private final long outsAddress = Pointer.nativeValue(outs);
    /** struct pollfd {int fd; short events; short revents;} */
    private final Memory pollFd = new Memory(8);
    private final long pollFdAddress = Pointer.nativeValue(pollFd);
    private final byte[] frame;

    /** Direct-mapped functions; registered once per JVM, on first use. */
    static final class Pcap {
        static native int pcap_next_ex(long pcap, long headerOut, long dataOut);

        static native int pcap_setnonblock(long pcap, int nonblock, long errbuf);

        static native int pcap_get_selectable_fd(long pcap);

        private Pcap() {
        }
    }

    static final class Libc {
        static native int poll(long fds, long nfds, int timeoutMillis);

        private Libc() {
        }
    }

    /**
     * @param pcap    an activated {@code pcap_t *}
     * @param snaplen the largest frame the handle can deliver
     */
    PcapReader(long pcap, int snaplen) {
        if (Native.POINTER_SIZE != 8) {
            throw new LinkException("this build reads libpcap's headers as on 64-bit Linux only");
        }
        bind();
        this.pcap = pcap;
        this.frame = new byte[snaplen];
        Memory errbuf = new Memory(256); // PCAP_ERRBUF_SIZE
        if (Pcap.pcap_setnonblock(pcap, 1, Pointer.nativeValue(errbuf)) != 0) {
            throw new LinkException("cannot make the capture non-blocking: " + errbuf.getString(0));
        }
        this.selectableFd = Pcap.pcap_get_selectable_fd(pcap);
        if (selectableFd < 0) {
            throw new LinkException("the capture has no file descriptor to wait on");
        }
        pollFd.setInt(0, selectableFd);
        pollFd.setShort(4, POLLIN);
    }

    private static synchronized void bind() {
        if (bound) {
            return;
        }
        NativeLibrary pcap = NativeLibrary.getInstance(System.getProperty(PcapLibrary.LIB_NAME_PROPERTY, "pcap"));
        Native.register(Pcap.class, pcap);
        Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        bound = true;
    }

    /**
     * Hands up to {@code max} frames that are already in the ring to the handler, each in the same array
     * (valid only during the call). Returns how many; throws when libpcap reports an error.
     */
    int read(FrameHandler handler, int max) {
        int n = 0;
        while (n < max) {
            int r = Pcap.pcap_next_ex(pcap, outsAddress, outsAddress + 8);
            if (r == 0) {
                break; // the ring is empty
            }
            if (r != 1) {
                throw new LinkException("pcap_next_ex failed (" + r + ")");
            }
            // Both pointers are libpcap's, valid until the next call on this handle; caplen <= frame.length.
            long header = UNSAFE.getLong(outsAddress);
            long data = UNSAFE.getLong(outsAddress + 8);
            int caplen = Math.max(0, Math.min(UNSAFE.getInt(header + CAPLEN_OFFSET), frame.length));
            UNSAFE.copyMemory(null, data, frame, BYTES, caplen);
            n++;
            handler.onFrame(frame, 0, caplen);
        }
        return n;
    }

    private static Unsafe unsafe() {
        try {
            Field field = Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Blocks in poll(2) until the capture has something to read or the timeout passes. */
    void await(int timeoutMillis) {
        pollFd.setShort(6, (short) 0);
        Libc.poll(pollFdAddress, 1, timeoutMillis);
    }
}
