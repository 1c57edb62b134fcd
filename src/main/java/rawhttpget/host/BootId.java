package rawhttpget.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The kernel's identifier of this boot ({@code /proc/sys/kernel/random/boot_id}, a random UUID drawn at boot):
 * a key that lasts until shutdown and that no remote peer can learn, for numbers that must keep rising from one
 * run to the next (our TCP timestamps).
 */
public final class BootId {
    private static final Path SOURCE = Path.of("/proc/sys/kernel/random/boot_id");

    private BootId() {
    }

    /** Its bytes (the UUID's text), or empty when the file cannot be read (not Linux, no /proc). */
    public static Optional<byte[]> read() {
        return read(SOURCE);
    }

    static Optional<byte[]> read(Path file) {
        try {
            String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return id.length() >= 16 ? Optional.of(id.getBytes(StandardCharsets.US_ASCII)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
