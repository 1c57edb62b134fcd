package rawhttpget.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The hex digits of a chunk size, byte by byte: 0-9, a-f and A-F, and no other byte value. */
class ChunkSizeLineTest {
    @Test
    void everyByteValueIsADigitOnlyIfItIsAnAsciiHexDigit() throws Exception {
        String digits = "0123456789abcdef";
        for (int value = 0; value < 256; value++) {
            byte[] line = {(byte) value};
            int expected = digits.indexOf(Character.toLowerCase((char) value));
            if (value < 128 && expected >= 0) {
                assertThat(ChunkSizeLine.parse(line, 1)).as("byte 0x%02x", value).isEqualTo(expected);
            } else {
                assertThatThrownBy(() -> ChunkSizeLine.parse(line, 1)).as("byte 0x%02x", value)
                        .isInstanceOf(HttpProtocolException.class).hasMessageContaining("invalid chunk size line");
            }
        }
    }

    @Test
    void digitsOfBothCasesMakeOneNumber() throws Exception {
        byte[] line = "7fFf".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThat(ChunkSizeLine.parse(line, line.length)).isEqualTo(0x7fff);
    }
}
