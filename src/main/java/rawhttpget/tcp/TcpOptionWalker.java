package rawhttpget.tcp;

/**
 * Steps through a TCP options area one option at a time (RFC 9293 §3.1): EOL and NOP are one byte, every
 * other kind carries a length byte that counts itself and the kind. The only code that reads that layout;
 * {@link TcpOptions#parse} and {@link TcpdumpNotation} decide what each option means.
 *
 * <p>Reusable: {@link #reset} starts over on another area, so the data path walks without allocating.
 */
final class TcpOptionWalker {
    private byte[] b;
    private int end;
    private int next;
    private boolean done;
    private int kind;
    private int start;
    private int length;
    private String malformed;

    TcpOptionWalker reset(byte[] buffer, int offset, int areaLength) {
        b = buffer;
        end = offset + areaLength;
        next = offset;
        done = false;
        malformed = null;
        return this;
    }

    /**
     * Moves to the next option. False at the end of the area, after an EOL (which is itself visited), or at
     * an option whose length byte is missing, below 2 or runs past the area: then {@link #malformed} says why.
     */
    boolean next() {
        if (done || next >= end) {
            return false;
        }
        start = next;
        kind = b[start] & 0xFF;
        if (kind == TcpOptions.KIND_EOL || kind == TcpOptions.KIND_NOP) {
            length = 1;
            done = kind == TcpOptions.KIND_EOL;
        } else if (start + 1 >= end) {
            malformed = "tcp: option " + kind + " has no length byte";
        } else {
            length = b[start + 1] & 0xFF;
            if (length < 2 || start + length > end) {
                malformed = "tcp: option " + kind + " length " + length + " overruns the options area";
            }
        }
        if (malformed != null) {
            done = true;
            return false;
        }
        next = start + length;
        return true;
    }

    /** Why the walk stopped early, or null when it reached the end of the area or an EOL. */
    String malformed() {
        return malformed;
    }

    int kind() {
        return kind;
    }

    /** Where the current option's kind byte is. */
    int start() {
        return start;
    }

    /** The current option's length as it states it: kind and length bytes included; 1 for EOL and NOP. */
    int length() {
        return length;
    }

    /** Where the current option's value begins, after its kind and length bytes. */
    int dataOffset() {
        return kind == TcpOptions.KIND_EOL || kind == TcpOptions.KIND_NOP ? start + 1 : start + 2;
    }

    /** One past the options area. */
    int end() {
        return end;
    }

    /**
     * Continues at {@code position} instead of after the stated length: tcpdump resumes after the bytes it
     * decoded, which differ from the stated length when the length is wrong for the kind.
     */
    void resumeAt(int position) {
        next = position;
    }
}
