package rawhttpget.output;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SplitStateTest {
    @TempDir
    Path dir;

    @Test
    void writesAndReadsBackTheMissingRanges() throws Exception {
        Path file = SplitState.of(dir.resolve("f.part"));
        assertThat(file.getFileName().toString()).isEqualTo("f.part.split");
        new SplitState(1000, List.of(new long[] {0, 10}, new long[] {500, 1000})).write(file);
        assertThat(Files.readString(file)).isEqualTo("rawhttpget-split 1\nlength 1000\nmissing 0 10\nmissing 500 1000\n");
        SplitState read = SplitState.read(file);
        assertThat(read.length()).isEqualTo(1000);
        assertThat(read.missing()).containsExactly(new long[] {0, 10}, new long[] {500, 1000});
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("f.part.split");
        assertThat(SplitState.read(dir.resolve("none"))).isNull();
    }

    @Test
    void refusesWhatIsNotAStateItWrote() {
        for (String bad : List.of("", "rawhttpget-split 1\nlength 10\n", "rawhttpget-split 2\nlength 10\nmissing 0 1\n",
                "rawhttpget-split 1\nlength 10\nmissing 0 11\n", "rawhttpget-split 1\nlength 10\nmissing 5 5\n",
                "rawhttpget-split 1\nlength 10\nmissing 5 8\nmissing 2 3\n", "rawhttpget-split 1\nlength -1\nmissing 0 1\n",
                "rawhttpget-split 1\nlength 10\nmissing 0 1", "rawhttpget-split 1\nlength 10\nmissing 0  1\n",
                "rawhttpget-split 1\nlength 9999999999999999999\nmissing 0 1\n")) {
            if (bad.equals("rawhttpget-split 1\nlength 10\n")) {
                assertThat(SplitState.parse(bad).missing()).isEmpty(); // every byte there: a valid state
                continue;
            }
            assertThatThrownBy(() -> SplitState.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
