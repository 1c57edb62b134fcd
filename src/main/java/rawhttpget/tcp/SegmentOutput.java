package rawhttpget.tcp;

/**
 * Where a connection puts its segments. The stack lends a buffer with room in front for the IP and
 * Ethernet headers; the connection writes a complete TCP segment (checksum included) at
 * {@link #tcpOffset()} and calls {@link #transmit}. The buffer may be reused as soon as transmit returns.
 */
public interface SegmentOutput {
    byte[] buffer();

    int tcpOffset();

    void transmit(int sourceIp, int destinationIp, int tcpLength);

    /** {@code from}'s segment is written: an IPv6 connection's output must override this, and frame it by family. */
    default void transmit(TcpConnection from, int tcpLength) {
        if (from.remoteAddress().isIpv6()) {
            throw new UnsupportedOperationException("this output carries IPv4 only");
        }
        transmit(from.localIp, from.remoteIp, tcpLength);
    }
}
