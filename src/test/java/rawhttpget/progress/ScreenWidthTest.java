package rawhttpget.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScreenWidthTest {
    @Test
    void theTerminalsOwnWidthWins() {
        assertThat(new ScreenWidth(() -> 132, "100").getAsInt()).isEqualTo(132);
    }

    @Test
    void withoutATerminalTheColumnsVariableThenEighty() {
        assertThat(new ScreenWidth(() -> -1, "100").getAsInt()).isEqualTo(100);
        assertThat(new ScreenWidth(() -> 0, null).getAsInt()).isEqualTo(80);
        assertThat(new ScreenWidth(() -> -1, "wide").getAsInt()).isEqualTo(80);
    }

    @Test
    void theWidthIsReadAgainEachTime() {
        int[] columns = {100};
        ScreenWidth width = new ScreenWidth(() -> columns[0], null);
        assertThat(width.getAsInt()).isEqualTo(100);
        columns[0] = 120;
        assertThat(width.getAsInt()).isEqualTo(120);
    }
}
