package rawhttpget.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Random bytes straight from the kernel's generator ({@code /dev/urandom}), for secrets made once per run (the
 * key of RFC 6528's ISN function). {@code new SecureRandom()} reads the same source, but first sets up the JCA
 * provider machinery, a noticeable part of a run's start-up spent on 32 bytes (docs/PERFORMANCE.md).
 */
public final class KernelRandom {
    private static final Path SOURCE = Path.of("/dev/urandom");

    private KernelRandom() {
    }

    public static byte[] bytes(int count) {
        try (InputStream in = Files.newInputStream(SOURCE)) {
            byte[] b = in.readNBytes(count);
            if (b.length != count) {
                throw new HostException("short read from " + SOURCE + ": " + b.length + " of " + count + " bytes");
            }
            return b;
        } catch (IOException e) {
            throw new HostException("cannot read " + SOURCE + ": " + e.getMessage(), e);
        }
    }
}
