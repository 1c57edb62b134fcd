package rawhttpget.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The libc calls the host layer makes ({@link Offloads}, {@link RealtimeScheduling}), bound with JNA's direct
 * mapping when this class is first used: arguments are ints and longs (addresses), so a call converts nothing.
 * A {@code Library} interface would make JNA build a proxy class at run time, which class-data sharing cannot
 * archive.
 */
public final class Libc {
    static {
        Native.register(Libc.class, Platform.C_LIBRARY_NAME);
    }

    private Libc() {
    }

    /** Binds the functions if that has not happened; throws a LinkageError when JNA or libc cannot be loaded. */
    public static void bind() {
        // The static initialiser does the work.
    }

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    /** {@code request} is C's unsigned long, {@code argument} an address. */
    static native int ioctl(int fd, long request, long argument) throws LastErrorException;

    static native int close(int fd);

    /** {@code param} is the address of a struct sched_param. */
    static native int sched_setscheduler(int pid, int policy, long param) throws LastErrorException;

    static native int sched_getscheduler(int pid) throws LastErrorException;
}
