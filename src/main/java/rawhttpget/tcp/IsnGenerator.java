package rawhttpget.tcp;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Initial sequence numbers per RFC 6528: ISN = M + F(4-tuple, secret), where M is a 4-microsecond clock
 * and F a keyed hash, so a blind attacker cannot guess our ISN and a reused 4-tuple starts ahead of the
 * last incarnation's sequence space.
 */
public final class IsnGenerator {
    private final byte[] secret;

    /** {@code secret}: at least 16 random bytes, drawn once per process. */
    public IsnGenerator(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("ISN secret must be at least 16 bytes");
        }
        this.secret = secret.clone();
    }

    public int isn(int localIp, int localPort, int remoteIp, int remotePort, long nowNanos) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteBuffer tuple = ByteBuffer.allocate(12).putInt(localIp).putShort((short) localPort)
                    .putInt(remoteIp).putShort((short) remotePort);
            sha.update(tuple.array());
            sha.update(secret);
            byte[] h = sha.digest();
            int f = ((h[0] & 0xFF) << 24) | ((h[1] & 0xFF) << 16) | ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
            int m = (int) (nowNanos / 4000);
            return m + f;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
