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
}
