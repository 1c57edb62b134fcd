package rawhttpget.testing;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs an emitter into buffers pre-filled with a pattern at a non-zero offset, so that a byte the emitter
 * never writes, or writes outside its range, shows up: the bytes around the range must keep the fill, and
 * two runs over different fills must agree on every byte inside it.
 */
public final class Buffers {
    public static final byte FILL = (byte) 0xA5;
    private static final byte OTHER_FILL = (byte) 0x5A;
    public static final int OFFSET = 7;
    private static final int SLACK = 9;

    private Buffers() {
    }

    /** A buffer of {@code length} bytes, every byte {@link #FILL}. */
    public static byte[] filled(int length) {
        byte[] b = new byte[length];
        Arrays.fill(b, FILL);
        return b;
    }

    /** A copy of {@code data} placed at {@link #OFFSET} in a larger buffer of {@link #FILL}. */
    public static byte[] placed(byte[] data) {
        byte[] b = filled(OFFSET + data.length + SLACK);
        System.arraycopy(data, 0, b, OFFSET, data.length);
        return b;
    }

    /** Where an emitter writes: the buffer and offset it is given. */
    public interface Emitter {
        void emit(byte[] out, int offset);
    }

    /**
     * Emits at {@link #OFFSET} into two buffers filled with different patterns; checks that exactly
     * {@code expectedLength} bytes were written, all of them, and nothing around them. Returns the bytes.
     */
    public static byte[] emitChecked(int expectedLength, Emitter emitter) {
        byte[] a = filled(OFFSET + expectedLength + SLACK);
        byte[] b = new byte[a.length];
        Arrays.fill(b, OTHER_FILL);
        emitter.emit(a, OFFSET);
        emitter.emit(b, OFFSET);
        for (int i = 0; i < OFFSET; i++) {
            assertThat(a[i]).as("byte %d before the emitted range", i).isEqualTo(FILL);
        }
        for (int i = OFFSET + expectedLength; i < a.length; i++) {
            assertThat(a[i]).as("byte %d after the emitted range", i - OFFSET).isEqualTo(FILL);
        }
        byte[] outA = Arrays.copyOfRange(a, OFFSET, OFFSET + expectedLength);
        byte[] outB = Arrays.copyOfRange(b, OFFSET, OFFSET + expectedLength);
        assertThat(Hex.of(outA)).as("bytes that depend on the buffer's previous content were never written").isEqualTo(Hex.of(outB));
        return outA;
    }
}
