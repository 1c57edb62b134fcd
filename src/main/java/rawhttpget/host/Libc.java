package rawhttpget.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The libc calls the host layer makes through JNA ({@link Offloads}, {@link RealtimeScheduling}), bound once per
 * JVM: binding builds a proxy class and loads the library, which is start-up time paid once, not per caller.
 */
interface Libc extends Library {
    int socket(int domain, int type, int protocol) throws LastErrorException;

    int ioctl(int fd, NativeLong request, Pointer argument) throws LastErrorException;

    int close(int fd);

    int sched_setscheduler(int pid, int policy, Pointer param) throws LastErrorException;

    int sched_getscheduler(int pid) throws LastErrorException;

    /** The binding, made on first use; throws a LinkageError when libc or JNA cannot be loaded. */
    static Libc get() {
        return Holder.INSTANCE;
    }

    final class Holder {
        static final Libc INSTANCE = Native.load("c", Libc.class);

        private Holder() {
        }
    }
}
