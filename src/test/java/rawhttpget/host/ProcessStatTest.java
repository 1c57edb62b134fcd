package rawhttpget.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessStatTest {
    /** /proc/self/stat of cat on Linux 6.x, as read on the build machine. */
    private static final String CAT = "9531 (cat) R 9529 9529 7856 0 -1 4194304 101 0 0 0 0 0 0 0 20 0 1 0 20119 "
            + "3133440 415 18446744073709551615 93978073407488 93978073427369 140731525711024 0 0 0 0 0 0 0 0 0 17 1 "
            + "0 0 0 0 0 93978073443376 93978073444992 93978187210752 140731525712401 140731525712421 "
            + "140731525712421 140731525713899 0\n";

    @Test
    void readsStateAndStartTimeOfAKernelLine() {
        assertThat(ProcessStat.parse(CAT)).isEqualTo(new ProcessStat(9531, "cat", 'R', 20119));
        assertThat(ProcessStat.parse(CAT).hasExited()).isFalse();
    }

    @Test
    void findsTheFieldsAfterTheLastParenthesisWhateverTheCommandNameHolds() {
        String tail = " 1 4 4 0 -1 4194560 68 0 0 0 0 0 0 0 20 0 1 0 777 0 0 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0"
                + " 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0";
        assertThat(ProcessStat.parse("42 (a) Z 7 (b) S" + tail))
                .isEqualTo(new ProcessStat(42, "a) Z 7 (b", 'S', 777));
        assertThat(ProcessStat.parse("43 (with space) Z" + tail))
                .isEqualTo(new ProcessStat(43, "with space", 'Z', 777));
        assertThat(ProcessStat.parse("44 ()) Z" + tail).command()).isEqualTo(")");
        assertThat(ProcessStat.parse("45 () X" + tail).command()).isEmpty();
    }

    @Test
    void aZombieOrADeadProcessHasExited() {
        String tail = " 1 4 4 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 555 0 0";
        assertThat(ProcessStat.parse("9 (rawhttpget) Z" + tail).hasExited()).isTrue();
        assertThat(ProcessStat.parse("9 (rawhttpget) X" + tail).hasExited()).isTrue();
        for (String state : List.of("R", "S", "D", "T", "t", "I")) {
            assertThat(ProcessStat.parse("9 (rawhttpget) " + state + tail).hasExited()).as(state).isFalse();
        }
    }

    @Test
    void refusesWhatIsNotAStatLine() {
        for (String bad : List.of("", "9531", "9531 cat R 1", "9531 (cat) R 9529", "x (cat) R" + " 0".repeat(20),
                "9531 (cat) R" + " 0".repeat(18) + " -5", "9531 (cat) RR" + " 0".repeat(20),
                "-1 (cat) R" + " 0".repeat(20))) {
            assertThatThrownBy(() -> ProcessStat.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
