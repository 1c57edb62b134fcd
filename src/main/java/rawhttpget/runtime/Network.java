package rawhttpget.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.failure.DownloadException;
import rawhttpget.inet.IpAddress;
import rawhttpget.link.Link;
import rawhttpget.report.RunStats;
import rawhttpget.report.TraceRecorder;
import rawhttpget.stack.NetworkStack;
import rawhttpget.tcp.TcpConfig;
import rawhttpget.time.Clock;
import rawhttpget.time.Sleeper;

import java.io.PrintWriter;

/**
 * What the downloads of one run need from below: the stack over its link, the event loop that drives it, the
 * clock and the sleep between tries, the TCP settings, a local port per connection, and the run's statistics.
 * It runs over any Link and Clock: {@link HostContext} builds one over the real interface and the system clock,
 * a test over a MemoryLink and a ManualClock. One per run, shared by every URL so the ARP cache is reused.
 */
public final class Network implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.cli");

    private final Link link;
    private final Clock clock;
    private final Sleeper sleeper;
    private final NetworkStack stack;
    private final EventLoop loop;
    private final TcpConfig tcpConfig;
    private final HostHooks host;
    /** Every transfer of the run, for --stats. */
    private final RunStats runStats = new RunStats();
    private PrintWriter statsOut;

    /**
     * @param link the link the stack sends on; closed with this
     * @param waiter how the loop waits for frames and deadlines on that link and clock
     */
    public Network(Link link, Clock clock, Sleeper sleeper, Waiter waiter, NetworkStack stack, TcpConfig tcpConfig,
                   Interrupts interrupts, HostHooks host) {
        this.link = link;
        this.clock = clock;
        this.sleeper = sleeper;
        this.stack = stack;
        this.loop = new EventLoop(clock, waiter, stack, interrupts);
        this.tcpConfig = tcpConfig;
        this.host = host;
    }

    public NetworkStack stack() {
        return stack;
    }

    public EventLoop loop() {
        return loop;
    }

    public Clock clock() {
        return clock;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    public TcpConfig tcpConfig() {
        return tcpConfig;
    }

    public RunStats runStats() {
        return runStats;
    }

    /** See {@link HostHooks#openLocalPort}. */
    public LocalPort openLocalPort(int wanted, int server, int serverPort) throws DownloadException {
        return host.openLocalPort(wanted, server, serverPort);
    }

    /** Whether the stack can reach {@code server} (its family spoken here, and routed). */
    public boolean hasRouteTo(IpAddress server) {
        return stack.hasRouteTo(server);
    }

    /** See {@link HostHooks#openLocalPort(int, IpAddress, int)}. */
    public LocalPort openLocalPort(int wanted, IpAddress server, int serverPort) throws DownloadException {
        return host.openLocalPort(wanted, server, serverPort);
    }

    /** From now on the stack tells {@code recorder} of every segment (--report, --events); null stops it. */
    public void recordSegments(TraceRecorder recorder) {
        stack.observe(recorder);
    }

    /** The --stats text of the run so far (the HTML report's header). */
    public String statsText() {
        return runStats.render(stack, link, host.pcapFile(), host.scheduling());
    }

    /** With --stats, where the report goes when the run ends; null for none. */
    public void reportStatsTo(PrintWriter out) {
        this.statsOut = out;
    }

    @Override
    public void close() {
        try {
            if (statsOut != null) {
                runStats.print(statsOut, stack, link, host.pcapFile(), host.scheduling());
            }
        } finally {
            try {
                try {
                    host.connectionsOver();
                } finally {
                    link.close();
                }
            } finally {
                host.release();
            }
        }
        if (stack.stats().coalescedSegments > 0) {
            log.info("{} segments arrived coalesced by GRO/LRO", stack.stats().coalescedSegments);
        }
        if (stack.stats().partialChecksumSegments > 0) {
            log.info("{} segments from local peers arrived with partial checksums, accepted unverified",
                    stack.stats().partialChecksumSegments);
        }
    }
}
