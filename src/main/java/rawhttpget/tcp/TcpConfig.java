package rawhttpget.tcp;

/**
 * What a connection is allowed to do. Defaults match what a Linux client offers, so a server treats us
 * as it would treat curl.
 *
 * @param mss               our maximum segment size: the interface MTU minus 40 ({@link #forIpv6}: minus 60)
 * @param receiveBuffer     bytes we can hold ahead of the application; sets the advertised window
 * @param idleTimeoutNanos  give up when nothing arrives from the peer for this long, once connected (wget's
 *                          --read-timeout)
 * @param connectTimeoutNanos give up when the handshake has not completed this long after the SYN (wget's
 *                          --connect-timeout)
 * @param timeWaitNanos     how long TIME-WAIT lasts (short: a downloader is rarely the one to close first)
 */
public record TcpConfig(int mss, int receiveBuffer, boolean windowScaling, boolean sack, boolean timestamps,
                        long idleTimeoutNanos, long connectTimeoutNanos, long minRtoNanos, long maxRtoNanos, long delayedAckNanos,
                        long timeWaitNanos) {

    public static final int DEFAULT_RECEIVE_BUFFER = 4 << 20;
    private static final long MS = 1_000_000L;

    public TcpConfig {
        if (mss < 64 || mss > 65495) {
            throw new IllegalArgumentException("MSS out of range: " + mss);
        }
        if (receiveBuffer < mss) {
            throw new IllegalArgumentException("receive buffer " + receiveBuffer + " is smaller than one segment");
        }
        if (receiveBuffer > (1 << 30)) {
            throw new IllegalArgumentException("receive buffer above 1 GiB: " + receiveBuffer);
        }
    }

    public static TcpConfig defaults(int mss) {
        return new TcpConfig(mss, DEFAULT_RECEIVE_BUFFER, true, true, true, 60_000 * MS, 60_000 * MS, 200 * MS,
                60_000 * MS, 40 * MS, 2_000 * MS);
    }

    public TcpConfig withReceiveBuffer(int bytes) {
        return new TcpConfig(mss, bytes, windowScaling, sack, timestamps, idleTimeoutNanos, connectTimeoutNanos,
                minRtoNanos, maxRtoNanos, delayedAckNanos, timeWaitNanos);
    }

    public TcpConfig withIdleTimeout(long nanos) {
        return new TcpConfig(mss, receiveBuffer, windowScaling, sack, timestamps, nanos, connectTimeoutNanos,
                minRtoNanos, maxRtoNanos, delayedAckNanos, timeWaitNanos);
    }

    public TcpConfig withConnectTimeout(long nanos) {
        return new TcpConfig(mss, receiveBuffer, windowScaling, sack, timestamps, idleTimeoutNanos, nanos,
                minRtoNanos, maxRtoNanos, delayedAckNanos, timeWaitNanos);
    }

    public TcpConfig withTimeWait(long nanos) {
        return new TcpConfig(mss, receiveBuffer, windowScaling, sack, timestamps, idleTimeoutNanos, connectTimeoutNanos,
                minRtoNanos, maxRtoNanos, delayedAckNanos, nanos);
    }

    /** The same over IPv6, whose header is 20 bytes longer than IPv4's: the MSS is the MTU less 60. */
    public TcpConfig forIpv6() {
        return new TcpConfig(mss - 20, receiveBuffer, windowScaling, sack, timestamps, idleTimeoutNanos,
                connectTimeoutNanos, minRtoNanos, maxRtoNanos, delayedAckNanos, timeWaitNanos);
    }

    public TcpConfig withOptions(boolean windowScaling, boolean sack, boolean timestamps) {
        return new TcpConfig(mss, receiveBuffer, windowScaling, sack, timestamps, idleTimeoutNanos,
                connectTimeoutNanos, minRtoNanos, maxRtoNanos, delayedAckNanos, timeWaitNanos);
    }

    /** The smallest shift that lets the window field express the whole receive buffer (RFC 7323 §2.3). */
    public int windowShift() {
        if (!windowScaling) {
            return 0;
        }
        int shift = 0;
        while ((receiveBuffer >> shift) > 65535 && shift < TcpOptions.MAX_WINDOW_SCALE) {
            shift++;
        }
        return shift;
    }
}
