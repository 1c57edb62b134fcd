package rawhttpget.tcp;

import org.slf4j.Logger;

/**
 * INFO lines about a connection's windows: the congestion window, the peer's receive window and the one we
 * advertise. They change on nearly every ACK, so one line a second at most says what changed since the last line,
 * including how often either receive window closed to zero in between. Quiet when nothing changed.
 */
final class WindowLog {
    static final long INTERVAL_NANOS = 1_000_000_000L;

    private final Logger log;
    private final String name;
    private boolean started;
    private long lastLineAt;
    private long cwnd;
    private long peerWindow;
    private long ourWindow;
    private long peerZeros;
    private long ourZeros;

    WindowLog(Logger log, String name) {
        this.log = log;
        this.name = name;
    }

    /**
     * Called on every poll with the current values; {@code peerZeroCount} and {@code ourZeroCount} are the running
     * counts of windows closing to zero. Returns the line it logged, or null.
     */
    String observe(long now, long cwndNow, long peerNow, long ourNow, long peerZeroCount, long ourZeroCount) {
        if (!started) {
            started = true;
            lastLineAt = now - INTERVAL_NANOS;
            remember(cwndNow, peerNow, ourNow, peerZeroCount, ourZeroCount);
            return null;
        }
        boolean changed = cwndNow != cwnd || peerNow != peerWindow || ourNow != ourWindow || peerZeroCount != peerZeros
                || ourZeroCount != ourZeros;
        if (!changed || now - lastLineAt < INTERVAL_NANOS || !log.isInfoEnabled()) {
            return null;
        }
        StringBuilder s = new StringBuilder(name).append(':');
        change(s, "cwnd", cwnd, cwndNow);
        change(s, "peer window", peerWindow, peerNow);
        change(s, "our window", ourWindow, ourNow);
        if (peerZeroCount != peerZeros) {
            s.append(" peer window closed to 0 ").append(times(peerZeroCount - peerZeros)).append(',');
        }
        if (ourZeroCount != ourZeros) {
            s.append(" we advertised a zero window ").append(times(ourZeroCount - ourZeros)).append(',');
        }
        s.setLength(s.length() - 1);
        String line = s.toString();
        log.info("{}", line);
        lastLineAt = now;
        remember(cwndNow, peerNow, ourNow, peerZeroCount, ourZeroCount);
        return line;
    }

    private void remember(long cwndNow, long peerNow, long ourNow, long peerZeroCount, long ourZeroCount) {
        cwnd = cwndNow;
        peerWindow = peerNow;
        ourWindow = ourNow;
        peerZeros = peerZeroCount;
        ourZeros = ourZeroCount;
    }

    private static void change(StringBuilder s, String what, long before, long after) {
        if (before != after) {
            s.append(' ').append(what).append(' ').append(before).append(" -> ").append(after).append(',');
        }
    }

    private static String times(long n) {
        return n == 1 ? "once" : n + " times";
    }
}
