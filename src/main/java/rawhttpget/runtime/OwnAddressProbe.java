package rawhttpget.runtime;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.stack.NetworkStack;

/**
 * Own-address mode's first step: the stack probes for the address on the link (RFC 5227, see
 * {@link NetworkStack#probeOwnAddress}) while the event loop runs it, and the run fails with exit status 4 when
 * another host answers for it, before any connection uses it.
 */
final class OwnAddressProbe implements EventLoop.Step {
    private static final Logger log = LoggerFactory.getLogger("rawhttpget.arp");

    private final NetworkStack stack;
    private final String interfaceName;
    private final long start;

    private OwnAddressProbe(NetworkStack stack, String interfaceName, long start) {
        this.stack = stack;
        this.interfaceName = interfaceName;
        this.start = start;
    }

    static void run(EventLoop loop, String interfaceName) throws DownloadException {
        NetworkStack stack = loop.stack();
        long start = loop.clock().nanos();
        log.info("ARP: probing for {} on {} before using it ({} probes)", Ipv4Address.format(stack.localAddress()),
                interfaceName, NetworkStack.ADDRESS_PROBES);
        stack.probeOwnAddress(start);
        loop.run(new OwnAddressProbe(stack, interfaceName, start));
    }

    @Override
    public boolean advance(long now) throws DownloadException {
        switch (stack.ownAddressState()) {
            case CONFLICT -> throw new DownloadException(ExitCode.NETWORK, stack.ownAddressConflict() + " on "
                    + interfaceName + ": choose another address for --ip");
            case CLEAR -> {
                log.info("ARP: nobody answered for {} in {} ms; using it", Ipv4Address.format(stack.localAddress()),
                        (now - start) / 1_000_000);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    @Override
    public void interrupt(long now) {
        // Nothing to undo: the address was never used.
    }
}
