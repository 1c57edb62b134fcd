package rawhttpget.tcp;

import rawhttpget.inet.NetworkBytes;

/**
 * The TCP options we speak (RFC 9293 MSS, RFC 7323 window scale and timestamps, RFC 2018 SACK), as a
 * reusable mutable holder: parsed into from a segment, or filled in and emitted into a header.
 * Options we do not know are skipped by their length, as RFC 9293 §3.1 requires.
 */
public final class TcpOptions {
    public static final int KIND_EOL = 0;
    public static final int KIND_NOP = 1;
    public static final int KIND_MSS = 2;
    public static final int KIND_WINDOW_SCALE = 3;
    public static final int KIND_SACK_PERMITTED = 4;
    public static final int KIND_SACK = 5;
    public static final int KIND_TIMESTAMP = 8;
    public static final int MAX_SACK_BLOCKS = 4;
    public static final int MAX_WINDOW_SCALE = 14;
    public static final int MAX_LENGTH = 40;

    /** -1 when absent. */
    public int mss = -1;
    /** -1 when absent; values above 14 are clamped to 14 on parse (RFC 7323 §2.3). */
    public int windowScale = -1;
    public boolean sackPermitted;
    public boolean hasTimestamp;
    public int tsVal;
    public int tsEcr;
    public int sackBlockCount;
    /** Pairs of (left edge, right edge) for {@link #sackBlockCount} blocks. */
    public final int[] sackBlocks = new int[MAX_SACK_BLOCKS * 2];
    private final TcpOptionWalker walker = new TcpOptionWalker();

    public void clear() {
        mss = -1;
        windowScale = -1;
        sackPermitted = false;
        hasTimestamp = false;
        tsVal = 0;
        tsEcr = 0;
        sackBlockCount = 0;
    }

    /** Parses an options area into this holder (cleared first); returns null, or why the area is malformed. */
    public String parse(byte[] b, int off, int len) {
        clear();
        TcpOptionWalker option = walker.reset(b, off, len);
        while (option.next()) {
            int at = option.dataOffset();
            int optLen = option.length();
            // A known option with the wrong length is ignored rather than trusted, as Linux does.
            switch (option.kind()) {
                case KIND_MSS -> {
                    if (optLen == 4) {
                        mss = NetworkBytes.u16(b, at);
                    }
                }
                case KIND_WINDOW_SCALE -> {
                    if (optLen == 3) {
                        windowScale = Math.min(b[at] & 0xFF, MAX_WINDOW_SCALE);
                    }
                }
                case KIND_SACK_PERMITTED -> {
                    if (optLen == 2) {
                        sackPermitted = true;
                    }
                }
                case KIND_TIMESTAMP -> {
                    if (optLen == 10) {
                        hasTimestamp = true;
                        tsVal = NetworkBytes.i32(b, at);
                        tsEcr = NetworkBytes.i32(b, at + 4);
                    }
                }
                case KIND_SACK -> {
                    int n = (optLen - 2) / 8;
                    if ((optLen - 2) % 8 == 0 && n >= 1 && n <= MAX_SACK_BLOCKS) {
                        sackBlockCount = n;
                        for (int k = 0; k < n * 2; k++) {
                            sackBlocks[k] = NetworkBytes.i32(b, at + k * 4);
                        }
                    }
                }
                default -> {
                    // EOL ends the walk, NOP pads, and an option we do not know is skipped by its length.
                }
            }
        }
        return option.malformed();
    }

    /** Bytes {@link #emit} will write, a multiple of 4, at most {@link #MAX_LENGTH}. */
    public int length() {
        int n = lengthWithoutSackBlocks();
        int blocks = sackBlocksThatFit();
        return blocks > 0 ? n + 4 + 8 * blocks : n;
    }

    private int lengthWithoutSackBlocks() {
        int n = 0;
        if (mss >= 0) {
            n += 4;
        }
        if (sackPermitted && hasTimestamp) {
            n += 12; // SACK-permitted and timestamps share a word boundary: 2 + 10
        } else {
            if (sackPermitted) {
                n += 4; // NOP NOP SACK-permitted
            }
            if (hasTimestamp) {
                n += 12; // NOP NOP TS
            }
        }
        if (windowScale >= 0) {
            n += 4;
        }
        return n;
    }

    /**
     * How many of the {@link #sackBlockCount} blocks are sent: the first ones, as many as fit in the 40 bytes
     * the data offset allows after the other options (on an ACK: 4 without timestamps, 3 with), as Linux does. More
     * would overflow the header's data offset and corrupt the segment.
     */
    public int sackBlocksThatFit() {
        return Math.min(sackBlockCount, (MAX_LENGTH - lengthWithoutSackBlocks() - 4) / 8);
    }

    /**
     * Writes the options in the order Linux uses, so captures of ours read like the kernel's:
     * {@code mss, sackOK, TS, nop, wscale, [nop, nop, sack]}, with only the SACK blocks that fit
     * ({@link #sackBlocksThatFit}). Returns the bytes written, {@link #length}.
     */
    public int emit(byte[] b, int off) {
        int i = off;
        if (mss >= 0) {
            b[i++] = KIND_MSS;
            b[i++] = 4;
            b[i++] = (byte) (mss >>> 8);
            b[i++] = (byte) mss;
        }
        if (sackPermitted && hasTimestamp) {
            b[i++] = KIND_SACK_PERMITTED;
            b[i++] = 2;
            i = emitTimestamp(b, i);
        } else {
            if (sackPermitted) {
                b[i++] = KIND_NOP;
                b[i++] = KIND_NOP;
                b[i++] = KIND_SACK_PERMITTED;
                b[i++] = 2;
            }
            if (hasTimestamp) {
                b[i++] = KIND_NOP;
                b[i++] = KIND_NOP;
                i = emitTimestamp(b, i);
            }
        }
        if (windowScale >= 0) {
            b[i++] = KIND_NOP;
            b[i++] = KIND_WINDOW_SCALE;
            b[i++] = 3;
            b[i++] = (byte) windowScale;
        }
        int blocks = sackBlocksThatFit();
        if (blocks > 0) {
            b[i++] = KIND_NOP;
            b[i++] = KIND_NOP;
            b[i++] = KIND_SACK;
            b[i++] = (byte) (2 + 8 * blocks);
            for (int k = 0; k < blocks * 2; k++) {
                i = NetworkBytes.put32(b, i, sackBlocks[k]);
            }
        }
        return i - off;
    }

    private int emitTimestamp(byte[] b, int i) {
        b[i++] = KIND_TIMESTAMP;
        b[i++] = 10;
        i = NetworkBytes.put32(b, i, tsVal);
        return NetworkBytes.put32(b, i, tsEcr);
    }

    /**
     * tcpdump's rendering ({@code tcpdump -S}) of the options as {@link #emit} lays them out, e.g.
     * {@code [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7]} or {@code [nop,nop,sack 2 {1:2}{3:4}]}; empty when
     * none. Linux lays its options out the same way, so for our segments and a Linux peer's this is exactly
     * tcpdump's line; for a peer with another layout the options are right but the order and NOPs may differ.
     * The emitted bytes are rendered by {@link TcpdumpNotation}, so both always agree.
     */
    public String describe() {
        byte[] area = new byte[MAX_LENGTH];
        int len = emit(area, 0);
        if (len == 0) {
            return "";
        }
        StringBuilder s = new StringBuilder().append('[');
        TcpdumpNotation.options(s, area, 0, len, 0);
        return s.append(']').toString();
    }

}
