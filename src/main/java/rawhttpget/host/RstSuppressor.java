package rawhttpget.host;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host-address mode: our userspace TCP connection uses the host's own IP address, so the kernel sees the
 * server's segments for a connection it does not know and answers each with a RST, which would kill the
 * connection. This installs a firewall rule that keeps the kernel from doing so (it drops the server's segments
 * at the interface's ingress, or else the kernel's RSTs on output), and removes it again on every
 * way out: {@link #close()}, an exception that reaches a try-with-resources, SIGINT and SIGTERM (through a
 * shutdown hook). Only SIGKILL leaves the rule behind; {@link #install} clears such leftovers first.
 */
public final class RstSuppressor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.host");

    private final Firewall firewall;
    private final RstRule rule;
    private final Thread shutdownHook;
    private InstalledRule installed;
    private boolean closed;
    /** The removal {@link #closeInBackground} started and {@link #close()} has not yet waited for; else null. */
    private Firewall.Removal removal;

    private RstSuppressor(Firewall firewall, RstRule rule) {
        this.firewall = firewall;
        this.rule = rule;
        this.shutdownHook = new Thread(this::closeAtShutdown, "rawhttpget-firewall-cleanup");
    }

    /** Removes rules left by killed runs, then adds the rule for this connection. */
    public static RstSuppressor install(Firewall firewall, RstRule rule) {
        removeStaleRules(firewall);
        return add(firewall, rule);
    }

    /**
     * Adds the rule for this connection once {@code sweep} (started earlier, e.g. while the capture opened) has
     * removed the rules left by killed runs.
     */
    public static RstSuppressor install(Firewall firewall, RstRule rule, StaleRuleSweep sweep) {
        sweep.await();
        return add(firewall, rule);
    }

    static void removeStaleRules(Firewall firewall) {
        try {
            firewall.removeStaleRules(ProcessTable.system()::runs);
        } catch (HostException e) {
            // Housekeeping for earlier runs must not stop this one; adding the rule will fail on its own
            // if the firewall is unusable.
            log.warn("could not look for firewall rules left by earlier runs: {}", e.getMessage());
        }
    }

    private static RstSuppressor add(Firewall firewall, RstRule rule) {
        RstSuppressor suppressor = new RstSuppressor(firewall, rule);
        suppressor.addRule();
        return suppressor;
    }

    private synchronized void addRule() {
        // Hook first: a SIGTERM arriving while iptables runs must still find something to undo. The hook's
        // close() waits on this object's lock until the rule is in, then removes it.
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            installed = firewall.add(rule);
        } catch (RuntimeException e) {
            closed = true;
            unregisterHook();
            throw e;
        }
    }

    public RstRule rule() {
        return rule;
    }

    /**
     * Removes the rule (waiting for a removal {@link #closeInBackground} started); safe to call again, from any
     * thread, and from the shutdown hook, which thus also waits for a removal under way.
     */
    @Override
    public synchronized void close() {
        closeInBackground();
        Firewall.Removal started = removal;
        if (started == null) {
            return;
        }
        removal = null;
        try {
            started.await();
        } finally {
            if (Thread.currentThread() != shutdownHook) {
                unregisterHook();
            }
        }
    }

    /**
     * Starts removing the rule and returns once the firewall tool runs, so that the end of a run (closing the
     * capture, which waits in the kernel) overlaps the tool's run instead of following it; {@link #close()}
     * then waits for it. The hook stays registered until then: a shutdown meanwhile waits in close().
     */
    public synchronized void closeInBackground() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            removal = firewall.startRemoval(installed);
        } catch (RuntimeException e) {
            if (Thread.currentThread() != shutdownHook) {
                unregisterHook();
            }
            throw e;
        }
    }

    private void closeAtShutdown() {
        try {
            close();
        } catch (RuntimeException e) {
            // Nobody is left to catch it; an uncaught exception would print a stack trace at the user.
            log.error("{}", e.getMessage());
        }
    }

    private void unregisterHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook will run, find us closed and return.
            log.debug("shutdown in progress; leaving the firewall cleanup hook registered");
        }
    }
}
