package rawhttpget.e2e;

import java.io.IOException;

/**
 * For the servers an e2e test starts as child processes ({@link HostileHttpServer}, {@link RawTcpPeer}): the test
 * holds their stdin open and closes it when done, so EOF (or the test JVM gone) ends the process.
 */
final class ExitOnStdinEof {
    private ExitOnStdinEof() {}

    /** Starts a daemon thread that reads stdin to its end, then exits the JVM. */
    static void arm() {
        Thread stopper = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // Nothing is sent: only the end counts.
                }
            } catch (IOException ignored) {
                // The pipe broke: the test is gone, so stop all the same.
            }
            System.exit(0);
        }, "exit-on-stdin-eof");
        stopper.setDaemon(true);
        stopper.start();
    }
}
