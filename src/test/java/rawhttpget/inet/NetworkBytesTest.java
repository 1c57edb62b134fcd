package rawhttpget.inet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkBytesTest {
    @Test
    void readsSixteenBitFieldsUnsignedAndBigEndian() {
        byte[] b = {0x12, 0x34, (byte) 0xFF, (byte) 0xFE};
        assertThat(NetworkBytes.u16(b, 0)).isEqualTo(0x1234);
        assertThat(NetworkBytes.u16(b, 2)).isEqualTo(65534);
    }

    @Test
    void readsThirtyTwoBitFieldsBigEndianWrappingIntoTheSign() {
        byte[] b = {0, (byte) 0x80, 0, 0, 0, 1};
        assertThat(NetworkBytes.i32(b, 1)).isEqualTo(0x80000000);
        assertThat(NetworkBytes.i32(b, 2)).isEqualTo(1);
    }

    @Test
    void writesExactlyTheFieldsBytesAndNothingElse() {
        byte[] b = new byte[8];
        java.util.Arrays.fill(b, (byte) 0xA5);
        assertThat(NetworkBytes.put32(b, 3, 0xDEADBEEF)).isEqualTo(7);
        assertThat(b).containsExactly(0xA5, 0xA5, 0xA5, 0xDE, 0xAD, 0xBE, 0xEF, 0xA5);
    }
}
