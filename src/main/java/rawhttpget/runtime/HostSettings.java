package rawhttpget.runtime;

import rawhttpget.tcp.TcpConfig;

/**
 * What the command line asks of the host and the stack: the interface, the address mode, the buffers and
 * timeouts, the pcap trace and the threads' priority.
 *
 * @param ownAddress --ip ADDR/PREFIX, or null for host-address mode
 * @param ownMac --mac, or null for a random one (own-address mode only)
 * @param timeoutSeconds -T: also how long to wait for the interface's link to come up
 * @param connectTimeoutSeconds --connect-timeout (-T sets it too): how long a handshake may take
 * @param readTimeoutSeconds --read-timeout (-T sets it too): how long a connected server may stay silent
 * @param pcapFile --pcap FILE, or null for no trace
 * @param firstUrl the first URL, whose route picks the interface when none is named; null for none
 */
public record HostSettings(String interfaceName, String ownAddress, String ownMac, boolean noHostSetup,
                           int receiveBuffer, double timeoutSeconds, double connectTimeoutSeconds,
                           double readTimeoutSeconds, double timeWaitSeconds, String pcapFile,
                           boolean noRealtime, String firstUrl) {

    /** The stack's TCP settings for segments of {@code mss} bytes: the receive buffer, the timeouts, TIME-WAIT. */
    public TcpConfig tcpConfig(int mss) {
        return TcpConfig.defaults(mss)
                .withReceiveBuffer(receiveBuffer)
                .withIdleTimeout((long) (readTimeoutSeconds * 1e9))
                .withConnectTimeout((long) (connectTimeoutSeconds * 1e9))
                .withTimeWait((long) (timeWaitSeconds * 1e9));
    }
}
