package rawhttpget.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootIdTest {
    @TempDir
    Path dir;

    @Test
    void readsTheUuidWithoutItsNewline() throws IOException {
        Path file = Files.writeString(dir.resolve("boot_id"), "3f1c2a9e-6b7d-4e21-9c55-0a1b2c3d4e5f\n");
        assertThat(BootId.read(file)).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.US_ASCII))
                .isEqualTo("3f1c2a9e-6b7d-4e21-9c55-0a1b2c3d4e5f"));
    }

    @Test
    void isEmptyWithoutTheFileOrWithTooLittleInIt() throws IOException {
        assertThat(BootId.read(dir.resolve("missing"))).isEmpty();
        assertThat(BootId.read(Files.writeString(dir.resolve("short"), "abc\n"))).isEmpty();
    }

    @Test
    void thisMachineHasOneAndItStaysTheSame() {
        assertThat(BootId.read()).isPresent();
        assertThat(BootId.read().orElseThrow()).isEqualTo(BootId.read().orElseThrow());
    }
}
