package rawhttpget.tcp;

import rawhttpget.inet.IpAddress;
import rawhttpget.inet.Ipv4Address;
import rawhttpget.inet.Ipv6Address;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The per-connection numbers a blind attacker must not guess. Initial sequence numbers per RFC 6528:
 * ISN = M + F(4-tuple, secret), where M is a 4-microsecond clock and F a keyed hash; within one process a
 * reused 4-tuple starts ahead of the last incarnation's sequence space. Timestamp offsets per address pair,
 * as Linux keys them (RFC 7323 §7.1: the clock's value reveals nothing of our uptime), under a key that lasts
 * as long as the machine's boot: our timestamps then keep rising across runs, as the kernel's do across
 * connections, and a server still holding the last run's connection in TIME-WAIT accepts a SYN from the same
 * port because its timestamp is newer (Linux's tcp_timewait_state_process). With a key per run, half of those
 * SYNs were refused and waited for the 1 s retransmission, a second lost by back-to-back runs from one port.
 */
public final class IsnGenerator {
    private final byte[] secret;
    private final byte[] timestampKey;

    /** {@code secret}: at least 16 random bytes, drawn once per process; it keys the timestamps too. */
    public IsnGenerator(byte[] secret) {
        this(secret, secret);
    }

    /**
     * @param secret       at least 16 random bytes, drawn once per process
     * @param timestampKey at least 16 bytes that stay the same from boot to shutdown and that no peer knows
     */
    public IsnGenerator(byte[] secret, byte[] timestampKey) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("ISN secret must be at least 16 bytes");
        }
        if (timestampKey.length < 16) {
            throw new IllegalArgumentException("timestamp key must be at least 16 bytes");
        }
        this.secret = secret.clone();
        this.timestampKey = timestampKey.clone();
    }

    /** What our timestamp clock (milliseconds) adds for connections between these two addresses. */
    public int timestampOffset(int localIp, int remoteIp) {
        return keyedHash(ByteBuffer.allocate(8).putInt(localIp).putInt(remoteIp).array(), timestampKey);
    }

    /** For either family: an IPv4 pair gives what {@link #timestampOffset(int, int)} gives. */
    public int timestampOffset(IpAddress local, IpAddress remote) {
        if (local instanceof Ipv4Address l && remote instanceof Ipv4Address r) {
            return timestampOffset(l.bits(), r.bits());
        }
        return keyedHash(ByteBuffer.allocate(32).put(bytes(local)).put(bytes(remote)).array(), timestampKey);
    }

    /** For either family: an IPv4 tuple gives what {@link #isn(int, int, int, int, long)} gives (RFC 6528). */
    public int isn(IpAddress local, int localPort, IpAddress remote, int remotePort, long nowNanos) {
        if (local instanceof Ipv4Address l && remote instanceof Ipv4Address r) {
            return isn(l.bits(), localPort, r.bits(), remotePort, nowNanos);
        }
        ByteBuffer tuple = ByteBuffer.allocate(36).put(bytes(local)).putShort((short) localPort)
                .put(bytes(remote)).putShort((short) remotePort);
        return (int) (nowNanos / 4000) + keyedHash(tuple.array(), secret);
    }

    private static byte[] bytes(IpAddress a) {
        return a instanceof Ipv6Address v6 ? v6.toBytes() : ByteBuffer.allocate(4).putInt(((Ipv4Address) a).bits()).array();
    }

    public int isn(int localIp, int localPort, int remoteIp, int remotePort, long nowNanos) {
        ByteBuffer tuple = ByteBuffer.allocate(12).putInt(localIp).putShort((short) localPort)
                .putInt(remoteIp).putShort((short) remotePort);
        int m = (int) (nowNanos / 4000);
        return m + keyedHash(tuple.array(), secret);
    }

    private static int keyedHash(byte[] data, byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(data);
            sha.update(key);
            byte[] h = sha.digest();
            return ((h[0] & 0xFF) << 24) | ((h[1] & 0xFF) << 16) | ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
