package rawhttpget.testing;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Slices of arbitrary bytes for the "no parser ever throws" tests: a fixed seed, so a failure names the
 * slice that caused it and reproduces. Half the slices are pure noise; the other half are real frames
 * with a few bytes changed, so that some of them get past the early length checks and reach the deeper
 * code of each parser.
 */
public final class ArbitraryBytes {
    public static final long SEED = 0x5EED_C0DECL;
    public static final int ROUNDS = 20_000;

    /** One slice: {@code length} bytes at {@code offset} of {@code buffer}, always inside the buffer. */
    public record Slice(int round, byte[] buffer, int offset, int length) {
        @Override
        public String toString() {
            return "round " + round + ", offset " + offset + ", length " + length + ": " + Hex.of(buffer, offset, length);
        }
    }

    public interface SliceCheck {
        void check(Slice slice) throws Exception;
    }

    private ArbitraryBytes() {
    }

    /** Calls {@code check} on {@link #ROUNDS} slices drawn from noise and from mutated {@code seeds}. */
    public static void forEachSlice(List<byte[]> seeds, SliceCheck check) {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] buffer;
            if (seeds.isEmpty() || random.nextBoolean()) {
                buffer = new byte[random.nextInt(0, 120)];
                random.nextBytes(buffer);
            } else {
                byte[] seed = seeds.get(random.nextInt(seeds.size()));
                buffer = seed.clone();
                int flips = random.nextInt(0, 4);
                for (int f = 0; f < flips && buffer.length > 0; f++) {
                    buffer[random.nextInt(buffer.length)] = (byte) random.nextInt(256);
                }
            }
            int offset = buffer.length == 0 ? 0 : random.nextInt(0, Math.min(buffer.length, 20) + 1);
            int length = random.nextInt(0, buffer.length - offset + 1);
            Slice slice = new Slice(round, buffer, offset, length);
            try {
                check.check(slice);
            } catch (Exception | Error e) {
                throw new AssertionError("parser failed on " + slice, e);
            }
        }
    }
}
