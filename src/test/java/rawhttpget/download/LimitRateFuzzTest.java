package rawhttpget.download;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary --limit-rate and --checksum values: each is read (a rate never negative, a digest exactly its
 * hash's length) or refused with an IllegalArgumentException of one line, never anything else.
 */
class LimitRateFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void arbitraryRatesAndChecksumsAreReadOrRefusedWithOneLine(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            assertThat(LimitRate.parse(text)).isNotNegative();
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).startsWith("Invalid byte value '");
        }
        try {
            ExpectedChecksum c = ExpectedChecksum.parse(text);
            assertThat(c.hex()).hasSize(switch (c.type()) {
                case "md5" -> 32;
                case "sha-1" -> 40;
                case "sha-224" -> 56;
                case "sha-256" -> 64;
                case "sha-384" -> 96;
                default -> 128;
            });
            assertThat(text.toLowerCase()).endsWith(c.hex());
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank().doesNotContain("\n", "\r");
        }
    }
}
