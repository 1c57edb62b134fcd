package rawhttpget.cli;

import rawhttpget.link.NativeWarmUp;
import rawhttpget.runtime.JitDirectives;

import java.util.concurrent.CountDownLatch;

/**
 * The side thread of start-up: the JIT's directives ({@link JitDirectives}) and JNA's native code at once (neither
 * logs), then, once the main thread has started SLF4J, Pcap4J's bindings to libpcap (Pcap4J logs through SLF4J).
 * A class rather than a lambda: the first lambda of a run pays for the JDK's lambda machinery, which this thread
 * need not wait for.
 */
final class StartupWarmUp extends Thread {
    private final CountDownLatch logging = new CountDownLatch(1);

    private StartupWarmUp() {
        super("rawhttpget-warm-up");
        setDaemon(true);
    }

    static StartupWarmUp begin() {
        StartupWarmUp thread = new StartupWarmUp();
        thread.start();
        return thread;
    }

    /** Called by the main thread once SLF4J has its factory. */
    void loggingStarted() {
        logging.countDown();
    }

    @Override
    public void run() {
        // First: the JIT reads the directives when it starts a compile, and ours begin within milliseconds.
        JitDirectives.apply();
        NativeWarmUp.loadJna();
        try {
            logging.await();
        } catch (InterruptedException e) {
            return;
        }
        LibpcapVersion.describe();
    }
}
