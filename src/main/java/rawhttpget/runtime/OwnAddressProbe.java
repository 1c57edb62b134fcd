package rawhttpget.runtime;

import rawhttpget.failure.DownloadException;
import rawhttpget.failure.ExitCode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.inet.Ipv6Address;
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
    /** "ARP: nobody answered for 198.18.1.50", or NDP's words for an IPv6 address. */
    private final String nobody;

    private OwnAddressProbe(NetworkStack stack, String interfaceName, long start, String nobody) {
        this.stack = stack;
        this.interfaceName = interfaceName;
        this.start = start;
        this.nobody = nobody;
    }

    static void run(EventLoop loop, String interfaceName) throws DownloadException {
        NetworkStack stack = loop.stack();
        long start = loop.clock().nanos();
        log.info("ARP: probing for {} on {} before using it ({} probes)", Ipv4Address.format(stack.localAddress()),
                interfaceName, NetworkStack.ADDRESS_PROBES);
        stack.probeOwnAddress(start);
        loop.run(new OwnAddressProbe(stack, interfaceName, start,
                "ARP: nobody answered for " + Ipv4Address.format(stack.localAddress())));
    }

    /** The same for our IPv6 address: RFC 4862 duplicate address detection, a conflict exiting 4. */
    static void runIpv6(EventLoop loop, String interfaceName, Ipv6Address address) throws DownloadException {
        NetworkStack stack = loop.stack();
        long start = loop.clock().nanos();
        log.info("NDP: duplicate address detection for {} on {} before using it", address, interfaceName);
        stack.probeOwnIpv6Address(start);
        loop.run(new OwnAddressProbe(stack, interfaceName, start, "NDP: nobody answered for " + address));
    }

    @Override
    public boolean advance(long now) throws DownloadException {
        switch (stack.ownAddressState()) {
            case CONFLICT -> throw new DownloadException(ExitCode.NETWORK, stack.ownAddressConflict() + " on "
                    + interfaceName + ": choose another address for --ip");
            case CLEAR -> {
                log.info("{} in {} ms; using it", nobody,
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
