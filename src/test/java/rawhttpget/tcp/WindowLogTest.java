package rawhttpget.tcp;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class WindowLogTest {
    private static final long SECOND = 1_000_000_000L;
    private final Logger logger = (Logger) LoggerFactory.getLogger("rawhttpget.test.windowlog");
    private final WindowLog windows = new WindowLog(logger, "198.18.1.2.40000 > 198.18.1.1.80");

    WindowLogTest() {
        logger.setLevel(Level.INFO);
        logger.setAdditive(false); // the lines are checked through what observe returns, not printed
    }

    @AfterEach
    void restore() {
        logger.setLevel(null);
    }

    @Test
    void firstChangeIsToldAtOnceThenAtMostOneLineASecond() {
        assertThat(windows.observe(0, 14480, 65160, 4194304, 0, 0)).isNull(); // the starting point
        assertThat(windows.observe(1_000, 14480, 65536, 4194304, 0, 0))
                .isEqualTo("198.18.1.2.40000 > 198.18.1.1.80: peer window 65160 -> 65536");
        assertThat(windows.observe(2_000, 28960, 65536, 4194304, 0, 0)).isNull();
        assertThat(windows.observe(SECOND - 1, 28960, 65536, 3145728, 0, 0)).isNull();
        assertThat(windows.observe(SECOND + 1_000, 28960, 65536, 3145728, 0, 0))
                .isEqualTo("198.18.1.2.40000 > 198.18.1.1.80: cwnd 14480 -> 28960, our window 4194304 -> 3145728");
    }

    @Test
    void quietWhileNothingChanges() {
        windows.observe(0, 14480, 65536, 4194304, 0, 0);
        for (long t = 0; t < 10 * SECOND; t += SECOND / 2) {
            assertThat(windows.observe(t, 14480, 65536, 4194304, 0, 0)).isNull();
        }
    }

    @Test
    void windowsClosingToZeroInBetweenLinesAreCounted() {
        windows.observe(0, 14480, 65536, 4194304, 0, 0);
        assertThat(windows.observe(10, 14480, 0, 4194304, 1, 0))
                .isEqualTo("198.18.1.2.40000 > 198.18.1.1.80: peer window 65536 -> 0, peer window closed to 0 once");
        assertThat(windows.observe(20, 14480, 65536, 0, 1, 1)).isNull();
        assertThat(windows.observe(30, 14480, 0, 1024, 2, 1)).isNull();
        // Our window is back where it was at the last line; that it closed meanwhile is still told.
        assertThat(windows.observe(SECOND + 10, 14480, 65536, 4194304, 3, 1)).isEqualTo(
                "198.18.1.2.40000 > 198.18.1.1.80: peer window 0 -> 65536, peer window closed to 0 2 times, "
                        + "we advertised a zero window once");
    }

    @Test
    void nothingIsBuiltWhenInfoIsOff() {
        logger.setLevel(Level.WARN);
        windows.observe(0, 14480, 65536, 4194304, 0, 0);
        assertThat(windows.observe(SECOND, 28960, 65536, 4194304, 0, 0)).isNull();
    }
}
