package rawhttpget.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bar in a real pseudo-terminal of a known width (util-linux's script, with stty setting the columns),
 * downloading from nginx's /slow/ location (200 KB/s: five seconds, a frame at each burst nginx sends): every
 * frame is exactly one column narrower than the terminal, in wget's layout, with nothing left over from a longer
 * frame before it.
 * wget runs the same case in the same terminal and must pass the same checks, so the expectations are wget's.
 */
@Tag("e2e")
class TerminalOutputEndToEndTest {
    private static final int FILE_SIZE = 1 << 20;

    @RegisterExtension
    static final NetworkFixture<TestNetwork> fixture = NetworkFixture.testNetwork("tty",
            docroot -> TestFiles.random(docroot.resolve("1M.bin"), FILE_SIZE, 7));

    /** The frames of a 1 MiB download named 1M.bin in a terminal {@code columns} wide, as wget 1.21.3 draws them. */
    private static Pattern frame(int columns) {
        int width = columns - 1;
        int name = width / 4 + 1;
        int bar = width - (name + 4 + 2 + 8 + 10 + 15);
        return Pattern.compile("1M\\.bin {" + (name - 6) + "}[ 0-9]{2}[0-9]%\\[[=> ]{" + bar + "}\\]"
                + "[ 0-9.]{7}[0-9KMG]"
                + "(  --\\.-KB/s|  [ 0-9.]{3}[0-9] B/s| [ 0-9.]{4}[0-9][KMG]B/s)"
                + "( {15}|    eta [0-9hms ]{2,7} *|    in [0-9.hms ]{2,7} *)");
    }

    /** Runs {@code program} in a terminal of {@code columns} and returns what the terminal received. */
    private String inTerminal(int columns, List<String> program) throws Exception {
        StringBuilder shell = new StringBuilder("stty cols " + columns + " rows 40; exec");
        for (String word : program) {
            shell.append(" '").append(word.replace("'", "'\\''")).append('\'');
        }
        CommandResult r = fixture.net().execInClient(fixture.work(), Rawhttpget.TIMEOUT,
                List.of("script", "-qfec", shell.toString(), "/dev/null"));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r.stdout();
    }

    private static List<String> frames(String terminal) {
        List<String> frames = new ArrayList<>();
        for (String piece : terminal.replace("\r\n", "\n").split("\r")) {
            String line = piece.contains("\n") ? piece.substring(0, piece.indexOf('\n')) : piece;
            if (line.contains("%[")) {
                frames.add(line);
            }
        }
        return frames;
    }

    private static void checkFrames(SoftAssertions soft, String who, String terminal, int columns) {
        List<String> frames = frames(terminal);
        Pattern layout = frame(columns);
        soft.assertThat(frames).as(who + ": frames drawn at 200 KB/s").hasSizeGreaterThanOrEqualTo(5);
        soft.assertThat(frames).as(who + ": every frame is the width less one column")
                .allMatch(f -> f.length() == columns - 1);
        soft.assertThat(frames).as(who + ": every frame in wget's layout").allMatch(f -> layout.matcher(f).matches());
        soft.assertThat(frames.get(frames.size() - 1)).as(who + ": the last frame")
                .contains("100%[").contains("=>]   1.00M ").contains("    in ");
    }

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {80, 100, 120})
    void everyFrameFillsTheTerminalInWgetsLayout(int columns) throws Exception {
        String ours = inTerminal(columns, Rawhttpget.command("-i", fixture.net().onLinkInterface(),
                "-O", "1M.bin", "http://files.test/slow/1M.bin"));
        String wgets = inTerminal(columns, List.of("wget", "-O", "1M.bin", "http://files.test/slow/1M.bin"));

        SoftAssertions soft = new SoftAssertions();
        checkFrames(soft, "wget", wgets, columns);
        checkFrames(soft, "rawhttpget", ours, columns);
        // The status lines around the bar, in the same order and words (times, rates and quotes aside).
        soft.assertThat(statusLines(ours)).isEqualTo(statusLines(wgets));
        soft.assertAll();
    }

    /** The lines that are not frames, with what differs from run to run (time, rate) and the quotes blanked. */
    private static List<String> statusLines(String terminal) {
        List<String> lines = new ArrayList<>();
        for (String line : terminal.replace("\r\n", "\n").split("\n")) {
            if (!line.contains("\r") && !line.contains("%[")) {
                lines.add(line.replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d", "DATE")
                        .replaceAll("\\([0-9.]+ [KMG]?B/s\\)", "(RATE)").replaceAll("[‘’']", "'"));
            }
        }
        return lines;
    }
}
