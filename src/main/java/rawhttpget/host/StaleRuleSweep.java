package rawhttpget.host;

/**
 * Removes the rules that killed runs left behind ({@link Firewall#removeStaleRules}) on a thread of its own.
 * Listing them means running nft (and iptables-save, and ip6tables-save) and waiting for those child processes:
 * started as soon as the firewall is known, it runs while the capture opens and the port is reserved, and the first
 * {@link RstSuppressor#install(Firewall, RstRule, StaleRuleSweep)} waits for it before adding its own rule.
 */
public final class StaleRuleSweep {
    private final Thread thread;

    private StaleRuleSweep(Firewall firewall) {
        // A class, not a lambda: a lambda is spun at run time, on the start-up path this exists to shorten.
        this.thread = new Thread(new Sweep(firewall), "rawhttpget-stale-rule-sweep");
        this.thread.setDaemon(true);
    }

    public static StaleRuleSweep start(Firewall firewall) {
        StaleRuleSweep sweep = new StaleRuleSweep(firewall);
        sweep.thread.start();
        return sweep;
    }

    /** Returns once the sweep has finished (it reports its own failures as a warning). */
    public void await() {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                // A child nft must not outlive the decision to go on: wait for it, keep the interrupt.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Sweep implements Runnable {
        private final Firewall firewall;

        Sweep(Firewall firewall) {
            this.firewall = firewall;
        }

        @Override
        public void run() {
            RstSuppressor.removeStaleRules(firewall);
        }
    }
}
