package rawhttpget.tcp;

/**
 * The receive side's bytes: a ring holding in-order data the application has not read yet, and
 * out-of-order data written straight into the place it belongs. Positions are stream offsets (byte 0 is
 * the first data byte after the SYN), so sequence wrap-around never reaches this class.
 *
 * <p>Where a segment overlaps bytes already held, the bytes already held win: a retransmission that
 * differs from what we received first cannot change the file (RFC 9293 leaves the choice open; keeping the
 * first copy is what makes an injected overlap harmless).
 */
public final class ReceiveBuffer {
    /** Out-of-order ranges we track at most; a segment that would need more is dropped and resent later. */
    static final int MAX_RANGES = 512;

    /** What one {@link #write} did. */
    public enum Outcome {
        /** Extended the in-order data and left no hole behind it. */
        IN_ORDER,
        /** Extended the in-order data by filling (part of) a hole, so out-of-order data became in-order. */
        FILLED_HOLE,
        /** Stored beyond a hole. */
        OUT_OF_ORDER,
        /** Every byte was already held (or already read). */
        DUPLICATE,
        /** Not stored: outside the buffer, or too many holes to track. */
        NO_ROOM
    }

    /** Receives in-order bytes; returns how many it took (fewer means "stop, I am full"). */
    @FunctionalInterface
    public interface Consumer {
        int accept(byte[] buffer, int offset, int length);
    }

    private final byte[] ring;
    private long readOffset;
    private long contiguousEnd;
    // One spare slot: an in-order write is inserted as a range for a moment before it joins the in-order data.
    private final long[] rangeStart = new long[MAX_RANGES + 1];
    private final long[] rangeEnd = new long[MAX_RANGES + 1];
    private int ranges;
    /** Starts of ranges in the order they were last extended, newest first (RFC 2018 block order). */
    private final long[] recent = new long[MAX_RANGES];
    private int recentCount;
    private long newBytes;
    private long lastDuplicateStart = -1;
    private long lastDuplicateEnd = -1;

    public ReceiveBuffer(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.ring = new byte[capacity];
    }

    public int capacity() {
        return ring.length;
    }

    /** In-order bytes waiting for the application. */
    public int readable() {
        return (int) (contiguousEnd - readOffset);
    }

    /** Room after the in-order data: what the advertised window may offer. */
    public int free() {
        return ring.length - readable();
    }

    /** One past the last in-order byte: RCV.NXT as a stream offset. */
    public long contiguousEnd() {
        return contiguousEnd;
    }

    public long readOffset() {
        return readOffset;
    }

    /** Bytes held beyond a hole, waiting for it to be filled (the out-of-order queue). */
    public long outOfOrderBytes() {
        long sum = 0;
        for (int i = 0; i < ranges; i++) {
            sum += rangeEnd[i] - rangeStart[i];
        }
        return sum;
    }

    public boolean hasHoles() {
        return ranges > 0;
    }

    /**
     * Stores {@code length} bytes that belong at stream offset {@code offset}. Bytes before the in-order end
     * or past the buffer's end are ignored; bytes already held are kept as first received.
     */
    public Outcome write(long offset, byte[] src, int srcOff, int length) {
        newBytes = 0;
        long end = offset + length;
        long s = Math.max(offset, contiguousEnd);
        long e = Math.min(end, readOffset + ring.length);
        if (s >= e) {
            if (end <= contiguousEnd && length > 0) {
                noteDuplicate(offset, end);
                return Outcome.DUPLICATE;
            }
            return Outcome.NO_ROOM;
        }
        int firstAfter = firstRangeEndingAfter(s);
        int lastOverlapping = firstAfter;
        while (lastOverlapping < ranges && rangeStart[lastOverlapping] <= e) {
            lastOverlapping++;
        }
        // Ranges [firstAfter, lastOverlapping) touch or overlap [s, e) and will merge with it.
        boolean merges = lastOverlapping > firstAfter;
        if (!merges && s > contiguousEnd && ranges == MAX_RANGES) {
            return Outcome.NO_ROOM;
        }
        long cursor = s;
        for (int r = firstAfter; r < lastOverlapping; r++) {
            if (rangeStart[r] > cursor) {
                copyIn(cursor, src, srcOff + (int) (cursor - offset), (int) (rangeStart[r] - cursor));
            }
            cursor = Math.max(cursor, rangeEnd[r]);
        }
        if (cursor < e) {
            copyIn(cursor, src, srcOff + (int) (cursor - offset), (int) (e - cursor));
        }
        if (newBytes == 0) {
            noteDuplicate(Math.max(offset, contiguousEnd), Math.min(end, readOffset + ring.length));
            return Outcome.DUPLICATE;
        }
        long mergedStart = merges ? Math.min(s, rangeStart[firstAfter]) : s;
        long mergedEnd = merges ? Math.max(e, rangeEnd[lastOverlapping - 1]) : e;
        replaceRanges(firstAfter, lastOverlapping, mergedStart, mergedEnd);
        forgetRecentWithin(mergedStart, mergedEnd);
        if (rangeStart[0] != contiguousEnd) {
            pushRecent(mergedStart);
            return Outcome.OUT_OF_ORDER;
        }
        // Out-of-order data became in-order, or holes remain beyond: either way a hole was (partly) filled.
        boolean filled = rangeEnd[0] > e || ranges > 1;
        contiguousEnd = rangeEnd[0];
        replaceRanges(0, 1, 0, -1);
        return filled ? Outcome.FILLED_HOLE : Outcome.IN_ORDER;
    }

    /** Hands in-order bytes to {@code consumer} until it takes fewer than offered or none are left. */
    public long drainTo(Consumer consumer) {
        long total = 0;
        while (readable() > 0) {
            int pos = (int) (readOffset % ring.length);
            int run = Math.min(readable(), ring.length - pos);
            int taken = consumer.accept(ring, pos, run);
            if (taken < 0 || taken > run) {
                throw new IllegalStateException("consumer took " + taken + " of " + run);
            }
            readOffset += taken;
            total += taken;
            if (taken < run) {
                break;
            }
        }
        return total;
    }

    /** Copies up to {@code length} in-order bytes out. */
    public int read(byte[] dst, int dstOff, int length) {
        int[] copied = {0};
        drainTo((b, o, l) -> {
            int n = Math.min(l, length - copied[0]);
            System.arraycopy(b, o, dst, dstOff + copied[0], n);
            copied[0] += n;
            return n;
        });
        return copied[0];
    }

    /**
     * Fills {@code out} with SACK blocks as stream-offset pairs, the block that grew last first, then the
     * others by recency (RFC 2018 §4); a pending D-SACK (RFC 2883) comes before all. Returns the block count.
     */
    public int sackBlocks(long[] out, int maxBlocks) {
        int n = 0;
        if (lastDuplicateStart >= 0 && maxBlocks > 0) {
            out[0] = lastDuplicateStart;
            out[1] = lastDuplicateEnd;
            n = 1;
        }
        for (int i = 0; i < recentCount && n < maxBlocks; i++) {
            int r = rangeContaining(recent[i]);
            if (r >= 0) {
                out[2 * n] = rangeStart[r];
                out[2 * n + 1] = rangeEnd[r];
                n++;
            }
        }
        return n;
    }

    /** Forgets the duplicate range once it has been reported in one ACK. */
    public void clearDuplicate() {
        lastDuplicateStart = -1;
        lastDuplicateEnd = -1;
    }

    private void noteDuplicate(long start, long end) {
        if (start < end) {
            lastDuplicateStart = start;
            lastDuplicateEnd = end;
        }
    }

    private void copyIn(long at, byte[] src, int srcOff, int length) {
        int pos = (int) (at % ring.length);
        int first = Math.min(length, ring.length - pos);
        System.arraycopy(src, srcOff, ring, pos, first);
        if (first < length) {
            System.arraycopy(src, srcOff + first, ring, 0, length - first);
        }
        newBytes += length;
    }

    private int firstRangeEndingAfter(long s) {
        int lo = 0;
        int hi = ranges;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rangeEnd[mid] < s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int rangeContaining(long x) {
        int r = firstRangeEndingAfter(x + 1);
        return r < ranges && rangeStart[r] <= x && x < rangeEnd[r] ? r : -1;
    }

    /** Replaces ranges [from, to) by [start, end), or by nothing when end < start. */
    private void replaceRanges(int from, int to, long start, long end) {
        int insert = end >= start ? 1 : 0;
        int shift = insert - (to - from);
        if (shift != 0) {
            System.arraycopy(rangeStart, to, rangeStart, to + shift, ranges - to);
            System.arraycopy(rangeEnd, to, rangeEnd, to + shift, ranges - to);
            ranges += shift;
        }
        if (insert == 1) {
            rangeStart[from] = start;
            rangeEnd[from] = end;
        }
    }

    private void pushRecent(long start) {
        System.arraycopy(recent, 0, recent, 1, Math.min(recentCount, MAX_RANGES - 1));
        recent[0] = start;
        recentCount = Math.min(recentCount + 1, MAX_RANGES);
    }

    /** Drops block identities inside [start, end): they merged into a larger range or became in-order. */
    private void forgetRecentWithin(long start, long end) {
        for (int i = recentCount - 1; i >= 0; i--) {
            if (recent[i] >= start && recent[i] < end) {
                removeRecent(i);
            }
        }
    }

    private void removeRecent(int i) {
        System.arraycopy(recent, i + 1, recent, i, recentCount - i - 1);
        recentCount--;
    }
}
