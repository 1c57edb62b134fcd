package rawhttpget.download;

/**
 * What is asked of each body beyond saving it.
 *
 * @param limitRate    bytes a second the body is read at, through the receive window (--limit-rate); 0 for no limit
 * @param checksum     the hash the saved body must have (--checksum), or null
 * @param split        connections one file may come over at once (--split); 1 for one
 * @param minSplitSize the least bytes a segment is split to (--min-split-size)
 */
public record BodySettings(long limitRate, ExpectedChecksum checksum, int split, long minSplitSize) {
    /** aria2c's default --min-split-size: 1 MiB. */
    public static final long DEFAULT_MIN_SPLIT_SIZE = 1L << 20;

    public BodySettings(long limitRate, ExpectedChecksum checksum) {
        this(limitRate, checksum, 1, DEFAULT_MIN_SPLIT_SIZE);
    }

    public static BodySettings none() {
        return new BodySettings(0, null);
    }
}
