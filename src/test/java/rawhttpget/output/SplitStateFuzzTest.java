package rawhttpget.output;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary state files (-c reads whatever NAME.part.split holds): each is read, and then its ranges are in order,
 * non-empty, within the length, and written back to the same text; or refused with an IllegalArgumentException of
 * one line, never anything else.
 */
class SplitStateFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void arbitraryStateFilesAreReadBackExactlyOrRefusedWithOneLine(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        SplitState state;
        try {
            state = SplitState.parse(text);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank().doesNotContain("\n", "\r");
            return;
        }
        long previousEnd = 0;
        for (long[] range : state.missing()) {
            assertThat(range[0]).isGreaterThanOrEqualTo(previousEnd);
            assertThat(range[1]).isGreaterThan(range[0]).isLessThanOrEqualTo(state.length());
            previousEnd = range[1];
        }
        assertThat(state.text()).isEqualTo(text);
    }
}
