package rawhttpget.tcp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One segment as the tests see it, with sequence numbers relative to the sender's ISN and acknowledgement
 * numbers relative to the receiver's, as tcpdump prints them. Expected segments are written as a template
 * plus the fields that differ: {@code Seg.ack(1, 101).window(60000)}.
 *
 * @param flags   TCP flag bits
 * @param seq     relative sequence number (0 is the sender's SYN)
 * @param ack     relative acknowledgement number, 0 when ACK is not set
 * @param window  the window field as sent (unscaled)
 * @param opts    the options
 * @param payload the data bytes
 */
record Seg(int flags, int seq, int ack, int window, Opts opts, byte[] payload) {
    static final byte[] NO_DATA = new byte[0];

    /** Options with the fields the tests look at; {@code mss}/{@code wscale} -1 and {@code ts} null when absent. */
    record Opts(int mss, int wscale, boolean sackOk, Ts ts, List<Block> sack) {
        static final Opts NONE = new Opts(-1, -1, false, null, List.of());

        Opts ts(int val, int ecr) {
            return new Opts(mss, wscale, sackOk, new Ts(val, ecr), sack);
        }

        Opts sack(Block... blocks) {
            return new Opts(mss, wscale, sackOk, ts, List.of(blocks));
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("[");
            if (mss >= 0) {
                s.append("mss ").append(mss).append(',');
            }
            if (sackOk) {
                s.append("sackOK,");
            }
            if (ts != null) {
                s.append("TS val ").append(ts.val).append(" ecr ").append(ts.ecr).append(',');
            }
            if (wscale >= 0) {
                s.append("wscale ").append(wscale).append(',');
            }
            if (!sack.isEmpty()) {
                s.append("sack ").append(sack.size());
                for (Block b : sack) {
                    s.append(" {").append(b.left).append(':').append(b.right).append('}');
                }
                s.append(',');
            }
            if (s.length() > 1) {
                s.setLength(s.length() - 1);
            }
            return s.append(']').toString();
        }
    }

    /**
     * Timestamps: for segments we send, {@code val} is relative to our ISN, which makes it our clock in
     * milliseconds; {@code ecr} is the peer's raw TSval. For segments the peer sends, the reverse.
     */
    record Ts(int val, int ecr) {
    }

    /** A SACK block in relative sequence numbers, right edge exclusive. */
    record Block(int left, int right) {
        @Override
        public String toString() {
            return "{" + left + ":" + right + "}";
        }
    }

    static Block block(int left, int right) {
        return new Block(left, right);
    }

    /** A bare ACK carrying no options, window 0: the template tests fill in. */
    static Seg ack(int seq, int ack) {
        return new Seg(TcpFlags.ACK, seq, ack, 0, Opts.NONE, NO_DATA);
    }

    static Seg rst(int seq) {
        return new Seg(TcpFlags.RST, seq, 0, 0, Opts.NONE, NO_DATA);
    }

    Seg flags(int f) {
        return new Seg(f, seq, ack, window, opts, payload);
    }

    Seg seq(int s) {
        return new Seg(flags, s, ack, window, opts, payload);
    }

    Seg ack(int a) {
        return new Seg(flags, seq, a, window, opts, payload);
    }

    Seg window(int w) {
        return new Seg(flags, seq, ack, w, opts, payload);
    }

    Seg opts(Opts o) {
        return new Seg(flags, seq, ack, window, o, payload);
    }

    Seg ts(int val, int ecr) {
        return opts(opts.ts(val, ecr));
    }

    Seg sack(Block... blocks) {
        return opts(opts.sack(blocks));
    }

    Seg payload(byte[] p) {
        return new Seg(flags, seq, ack, window, opts, p);
    }

    Seg payload(String ascii) {
        return payload(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Seg s && s.flags == flags && s.seq == seq && s.ack == ack && s.window == window
                && s.opts.equals(opts) && Arrays.equals(s.payload, payload);
    }

    @Override
    public int hashCode() {
        return ((flags * 31 + seq) * 31 + ack) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Flags [").append(TcpFlags.format(flags)).append("], seq ")
                .append(Integer.toUnsignedString(seq));
        if (payload.length > 0) {
            s.append(':').append(Integer.toUnsignedString(seq + payload.length));
        }
        if (has(TcpFlags.ACK)) {
            s.append(", ack ").append(Integer.toUnsignedString(ack));
        }
        s.append(", win ").append(window).append(", options ").append(opts).append(", length ").append(payload.length);
        if (payload.length > 0 && payload.length <= 32) {
            s.append(" \"").append(new String(payload, StandardCharsets.ISO_8859_1)).append('"');
        }
        return s.toString();
    }
}
