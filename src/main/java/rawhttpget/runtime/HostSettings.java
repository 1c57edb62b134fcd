package rawhttpget.runtime;

/**
 * What the command line asks of the host and the stack: the interface, the address mode, the buffers and
 * timeouts, the pcap trace and the threads' priority.
 *
 * @param ownAddress --ip ADDR/PREFIX, or null for host-address mode
 * @param ownMac --mac, or null for a random one (own-address mode only)
 * @param pcapFile --pcap FILE, or null for no trace
 * @param firstUrl the first URL, whose route picks the interface when none is named; null for none
 */
public record HostSettings(String interfaceName, String ownAddress, String ownMac, boolean noHostSetup,
                           int receiveBuffer, double timeoutSeconds, double timeWaitSeconds, String pcapFile,
                           boolean noRealtime, String firstUrl) {
}
