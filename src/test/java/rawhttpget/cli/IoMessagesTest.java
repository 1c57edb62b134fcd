package rawhttpget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class IoMessagesTest {

    @Test
    void namesTheReasonWhereNioGivesOnlyThePath() {
        assertThat(IoMessages.reason(new AccessDeniedException("ro/x.part"))).isEqualTo("Permission denied");
        assertThat(IoMessages.reason(new NoSuchFileException("gone/x.part"))).isEqualTo("No such file or directory");
        assertThat(IoMessages.reason(new FileSystemException("x.part", null, "Read-only file system")))
                .isEqualTo("Read-only file system");
    }

    @Test
    void keepsTheMessageOfOtherErrors() {
        assertThat(IoMessages.reason(new IOException("No space left on device"))).isEqualTo("No space left on device");
    }
}
