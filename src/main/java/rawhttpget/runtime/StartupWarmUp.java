package rawhttpget.runtime;

import rawhttpget.host.Libc;
import rawhttpget.link.NativeWarmUp;
import rawhttpget.link.PcapLink;

import java.util.concurrent.CountDownLatch;

/**
 * The side thread of start-up. At once, since none of it logs: the JIT's directives ({@link JitDirectives}), JNA's
 * native code, and libc's functions for the host layer (JNA binds one library at a time, and the main thread
 * needs libc, to read the interface's driver, while Pcap4J's long list of libpcap functions would still be
 * binding). Then, once the main thread has started SLF4J, Pcap4J's bindings (Pcap4J logs through SLF4J; a
 * second thread touching SLF4J during its start-up gets a stand-in factory). A failure here is met again, and
 * reported, where the run needs the library. A class rather than a lambda: the first lambda of a run pays for
 * the JDK's lambda machinery, which this thread need not wait for.
 */
public final class StartupWarmUp extends Thread {
    private final CountDownLatch logging = new CountDownLatch(1);

    private StartupWarmUp() {
        super("rawhttpget-warm-up");
        setDaemon(true);
    }

    public static StartupWarmUp begin() {
        StartupWarmUp thread = new StartupWarmUp();
        thread.start();
        return thread;
    }

    /** Called by the main thread once SLF4J has its factory. */
    public void loggingStarted() {
        logging.countDown();
    }

    @Override
    public void run() {
        // First: the JIT reads the directives when it starts a compile, and ours begin within milliseconds.
        JitDirectives.apply();
        NativeWarmUp.loadJna();
        try {
            Libc.bind();
        } catch (LinkageError e) {
            // The host layer meets it again, and reads no driver or offloads, as it would without the warm-up.
        }
        try {
            logging.await();
        } catch (InterruptedException e) {
            return;
        }
        try {
            PcapLink.libraryVersion();
        } catch (RuntimeException | LinkageError e) {
            // Met again when the capture opens, and reported there.
        }
    }
}
