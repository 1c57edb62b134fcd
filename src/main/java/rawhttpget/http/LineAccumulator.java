package rawhttpget.http;

import java.util.Arrays;

/**
 * Holds one line of a head, chunk-size line or trailer while it arrives over several feeds: the caller's buffer is
 * only lent to us, so a partial line has to be copied. Starts small, because chunk-size lines are short and come
 * once per chunk; the parser's limits bound how far it grows.
 */
final class LineAccumulator {
    private static final int INITIAL_CAPACITY = 256;

    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private int length;

    void append(byte[] src, int off, int len) {
        if (length + len > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + len));
        }
        System.arraycopy(src, off, bytes, length, len);
        length += len;
    }

    boolean isComplete() {
        return length > 0 && bytes[length - 1] == FieldSyntax.LF;
    }

    boolean isEmpty() {
        return length == 0;
    }

    /** The line's bytes; the first {@link #contentLength()} of them are the line itself. */
    byte[] bytes() {
        return bytes;
    }

    /** Length without the LF and the CR before it. A bare LF ends a line too, as in most HTTP clients. */
    int contentLength() {
        int n = length;
        if (n > 0 && bytes[n - 1] == FieldSyntax.LF) {
            n--;
            if (n > 0 && bytes[n - 1] == FieldSyntax.CR) {
                n--;
            }
        }
        return n;
    }

    void clear() {
        length = 0;
    }
}
