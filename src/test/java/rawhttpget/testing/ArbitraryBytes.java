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

    /** Checks one slice; returns whether the parser accepted it. */
    public interface SliceCheck {
        boolean check(Slice slice) throws Exception;
    }

    private ArbitraryBytes() {
    }

    /**
     * Calls {@code check} on {@link #ROUNDS} slices drawn from noise and from mutated {@code seeds};
     * returns how many slices {@code accepted} said yes to, so a caller can check the run reached past
     * its parser's first checks.
     */
    public static int forEachSlice(List<byte[]> seeds, SliceCheck check) {
        SplittableRandom random = new SplittableRandom(SEED);
        int accepted = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] buffer;
            int offset;
            int length;
            if (seeds.isEmpty() || random.nextBoolean()) {
                buffer = new byte[random.nextInt(0, 120)];
                random.nextBytes(buffer);
                offset = buffer.length == 0 ? 0 : random.nextInt(0, Math.min(buffer.length, 20) + 1);
                length = random.nextInt(0, buffer.length - offset + 1);
            } else {
                // The seed between random bytes, mostly sliced where it starts and at least as long as it.
                byte[] seed = seeds.get(random.nextInt(seeds.size()));
                int before = random.nextInt(0, 9);
                int after = random.nextInt(0, 21);
                buffer = new byte[before + seed.length + after];
                random.nextBytes(buffer);
                System.arraycopy(seed, 0, buffer, before, seed.length);
                int flips = random.nextInt(0, 4);
                for (int f = 0; f < flips && seed.length > 0; f++) {
                    buffer[before + random.nextInt(seed.length)] = (byte) random.nextInt(256);
                }
                offset = random.nextInt(4) == 0 ? random.nextInt(0, buffer.length + 1) : before;
                length = random.nextInt(4) == 0
                        ? random.nextInt(0, buffer.length - offset + 1)
                        : Math.min(buffer.length - offset, seed.length + random.nextInt(0, after + 1));
            }
            Slice slice = new Slice(round, buffer, offset, length);
            try {
                if (check.check(slice)) {
                    accepted++;
                }
            } catch (Exception | Error e) {
                throw new AssertionError("parser failed on " + slice, e);
            }
        }
        return accepted;
    }
}
