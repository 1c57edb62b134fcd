package rawhttpget.tcp;

import java.util.Arrays;

/**
 * Bytes the application has written and the peer has not acknowledged yet, addressed by stream offset
 * (byte 0 is the first byte after our SYN). It grows as needed: today it holds an HTTP request.
 */
public final class SendBuffer {
    private byte[] data = new byte[1024];
    /** Stream offset of data[0]: the oldest unacknowledged byte. */
    private long base;
    private int length;

    public void append(byte[] src, int off, int len) {
        if (length + len > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, length + len));
        }
        System.arraycopy(src, off, data, length, len);
        length += len;
    }

    /** Stream offset one past the last byte written. */
    public long end() {
        return base + length;
    }

    public long base() {
        return base;
    }

    /** Forgets everything before {@code offset}, which the peer has acknowledged. */
    public void acknowledge(long offset) {
        int n = (int) Math.min(Math.max(offset - base, 0), length);
        System.arraycopy(data, n, data, 0, length - n);
        length -= n;
        base += n;
    }

    /** Copies {@code len} bytes starting at stream offset {@code offset} into {@code out}. */
    public void copy(long offset, byte[] out, int outOff, int len) {
        int from = (int) (offset - base);
        if (from < 0 || from + len > length) {
            throw new IllegalArgumentException("bytes [" + offset + ", " + (offset + len) + ") not held; have ["
                    + base + ", " + end() + ")");
        }
        System.arraycopy(data, from, out, outOff, len);
    }
}
