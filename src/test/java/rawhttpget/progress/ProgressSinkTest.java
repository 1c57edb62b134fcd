package rawhttpget.progress;

import org.junit.jupiter.api.Test;
import rawhttpget.testing.MemorySink;
import rawhttpget.time.ManualClock;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressSinkTest {

    @Test
    void elapsedIsWhatTheProgressWasShownOverFromStartToFinish() throws Exception {
        ManualClock clock = new ManualClock(1_000_000_000L);
        StringWriter shown = new StringWriter();
        ProgressSink sink = new ProgressSink(new MemorySink(new ByteArrayOutputStream()),
                new DotProgress(new PrintWriter(shown)), clock, "f", 0, 17);
        assertThat(sink.elapsedNanos()).isEqualTo(-1);
        clock.advance(1_000);
        sink.write(new byte[17], 0, 17);
        clock.advance(1_500);
        sink.commit();
        clock.advance(9_000_000);
        sink.close();

        // 17 bytes over 2.5 us: the dots' last rate, and the one the saved line now shows (6.48 MB/s, in wget's units).
        assertThat(sink.elapsedNanos()).isEqualTo(2_500);
        assertThat(shown.toString()).endsWith("100% 6.48M=0s\n");
    }
}
