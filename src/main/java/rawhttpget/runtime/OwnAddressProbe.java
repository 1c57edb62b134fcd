package rawhttpget.runtime;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.arp.AddressProbe;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.link.Link;
import rawhttpget.time.Clock;

/**
 * Own-address mode's first step: probes for the address on the link (RFC 5227, see {@link AddressProbe})
 * and fails with exit status 4 when another host answers for it, before any connection uses it.
 */
final class OwnAddressProbe {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.arp");
    static final int PROBES = 3;
    static final long PROBE_INTERVAL_NANOS = 200_000_000L;
    static final long QUIET_NANOS = 400_000_000L;
    private static final long MAX_WAIT_NANOS = 100_000_000L;

    private OwnAddressProbe() {
    }

    static void run(Link link, Clock clock, Interrupts interrupts, long mac, int address, String interfaceName)
            throws DownloadException {
        long start = clock.nanos();
        AddressProbe probe = new AddressProbe(mac, address, PROBES, PROBE_INTERVAL_NANOS, QUIET_NANOS, start);
        log.info("ARP: probing for {} on {} before using it ({} probes)", Ipv4Address.format(address), interfaceName,
                PROBES);
        while (true) {
            long now = clock.nanos();
            link.receive(probe::onFrame);
            if (probe.conflict()) {
                throw new DownloadException(ExitCode.NETWORK, probe.describeConflict() + " on " + interfaceName
                        + ": choose another address for --ip");
            }
            if (probe.finished(now)) {
                log.info("ARP: nobody answered for {} in {} ms; using it", Ipv4Address.format(address),
                        (now - start) / 1_000_000);
                return;
            }
            ExitCode signal = interrupts.received();
            if (signal != null) {
                throw new DownloadException(signal, signal == ExitCode.INTERRUPTED_SIGINT ? "interrupted" : "terminated");
            }
            probe.poll(now, link::send);
            long wait = probe.pollAt() - clock.nanos();
            if (wait > 0) {
                try {
                    link.awaitFrames(Math.min(wait, MAX_WAIT_NANOS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DownloadException(ExitCode.GENERIC, "interrupted while probing for the address");
                }
            }
        }
    }
}
