package rawhttpget.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class IoMessagesTest {

    @Test
    void namesTheReasonWhereNioGivesOnlyThePath() {
        assertThat(IoMessages.describe(new AccessDeniedException("ro/x.part"))).isEqualTo("permission denied");
        assertThat(IoMessages.describe(new NoSuchFileException("gone/x.part"))).isEqualTo("no such file or directory");
    }

    @Test
    void keepsTheMessageOfOtherErrors() {
        assertThat(IoMessages.describe(new IOException("No space left on device"))).isEqualTo("No space left on device");
    }
}
