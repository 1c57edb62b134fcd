package rawhttpget.tcp;

/**
 * --limit-rate done the TCP way: a token bucket that decides how many received bytes the application may take
 * from a connection's receive buffer. What it leaves there keeps the buffer full, so the window we advertise
 * closes and opens only as fast as the bucket fills, and the peer's sending is held to the rate by flow control
 * (RFC 9293 §3.8.6) rather than by a sleep after each read. The window's increases still obey the receiver's
 * silly-window avoidance in {@link Receiver#windowField} (RFC 9293 §3.8.6.2.2).
 *
 * <p>Credit is kept in nanobyte units (bytes × 10⁹), so integer arithmetic at any whole rate neither drifts nor
 * rounds. Time is an argument; the bucket starts empty, so N bytes take N / rate seconds to be read.
 */
public final class ReadPacer {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** A bucket above this is no limit worth the name; the cap keeps nanobyte credit within a long. */
    private static final long MAX_BURST = 1L << 30;

    private final long bytesPerSecond;
    private final long burstBytes;
    private final long quantumBytes;
    /** Credit in nanobytes: bytes × 10⁹. */
    private long credit;
    private long lastRefill;
    private final Limited limited = new Limited();
    /** Drains that stopped with bytes still readable, for --stats. */
    private long pauses;

    /**
     * @param bytesPerSecond the rate, above 0
     * @param burstBytes     the most credit that accumulates while nothing is readable
     * @param quantumBytes   the least worth waking up to read (a smaller amount is read when that is all there is)
     * @param now            the bucket starts empty at this time
     */
    public ReadPacer(long bytesPerSecond, long burstBytes, long quantumBytes, long now) {
        if (bytesPerSecond <= 0 || burstBytes <= 0 || quantumBytes <= 0) {
            throw new IllegalArgumentException("rate, burst and quantum must be positive: " + bytesPerSecond + ", "
                    + burstBytes + ", " + quantumBytes);
        }
        this.bytesPerSecond = bytesPerSecond;
        this.burstBytes = Math.min(burstBytes, MAX_BURST);
        this.quantumBytes = Math.min(quantumBytes, this.burstBytes);
        this.lastRefill = now;
    }

    /**
     * The pacer for a connection of the given MSS: a bucket of a quarter second's bytes (at least two segments,
     * at most the receive buffer), read in steps of a fiftieth of a second's bytes but never less than a segment,
     * so that each read opens the window by at least the SWS threshold where the rate allows.
     */
    public static ReadPacer forRate(long bytesPerSecond, int receiveBuffer, int mss, long now) {
        long burst = Math.max(2L * mss, Math.min(receiveBuffer, bytesPerSecond / 4));
        long quantum = Math.max(mss, bytesPerSecond / 50);
        return new ReadPacer(bytesPerSecond, burst, quantum, now);
    }

    /**
     * The receive buffer for a connection read at {@code bytesPerSecond}: a quarter second of the rate, so the
     * window covers the rate's bandwidth-delay product up to that RTT, between four segments and {@code largest}
     * (the buffer a connection gets without a limit).
     */
    public static int receiveBufferFor(long bytesPerSecond, int mss, int largest) {
        long wanted = Math.max(4L * mss, bytesPerSecond / 4);
        return (int) Math.max(mss, Math.min(wanted, largest));
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Adds the credit earned since the last refill, up to the bucket's size. */
    public void refill(long now) {
        long elapsed = now - lastRefill;
        if (elapsed <= 0) {
            return;
        }
        lastRefill = now;
        long full = burstBytes * NANOS_PER_SECOND;
        // Past the time the empty bucket takes to fill, it is full: this also keeps elapsed × rate within a long.
        if (elapsed >= (full - credit) / bytesPerSecond + 1) {
            credit = full;
        } else {
            credit = Math.min(full, credit + elapsed * bytesPerSecond);
        }
    }

    /** Bytes the application may take now. */
    public long allowance() {
        return credit / NANOS_PER_SECOND;
    }

    /** The application took {@code bytes}. */
    public void take(long bytes) {
        if (bytes < 0 || bytes > allowance()) {
            throw new IllegalArgumentException("took " + bytes + " of an allowance of " + allowance());
        }
        credit -= bytes * NANOS_PER_SECOND;
    }

    /**
     * When the application should next read, given {@code readable} bytes waiting: as soon as the credit covers
     * them or a quantum of them, whichever is less (the last refill's time if it does already); never when
     * nothing waits (an arrival wakes it then).
     */
    public long readAt(long readable) {
        if (readable <= 0) {
            return Long.MAX_VALUE;
        }
        long wanted = Math.min(readable, quantumBytes) * NANOS_PER_SECOND;
        if (credit >= wanted) {
            return lastRefill;
        }
        long missing = wanted - credit;
        return lastRefill + (missing + bytesPerSecond - 1) / bytesPerSecond;
    }

    /** Drains that stopped at the limit with bytes still waiting: how often the pacer held the window shut. */
    public long pauses() {
        return pauses;
    }

    /**
     * Hands {@code consumer} at most the allowance from {@code buffer}, and takes what it took from the credit.
     * Nothing is read until the allowance covers a quantum (or all that waits, if less): reads of whatever trickled
     * in since the last packet woke the loop would open the window in slivers, each just above the SWS threshold,
     * and keep the peer sending a segment or two per window update; a quantum opens it in one useful step.
     */
    long drain(ReceiveBuffer buffer, ReceiveBuffer.Consumer consumer) {
        long allowed = allowance();
        if (allowed <= 0 || allowed < Math.min(buffer.readable(), quantumBytes)) {
            return 0;
        }
        limited.start(consumer, allowed);
        long taken = buffer.drainTo(limited);
        limited.consumer = null;
        take(taken);
        if (taken == allowed && buffer.readable() > 0) {
            pauses++;
        }
        return taken;
    }

    /** Offers the consumer no more than the allowance; taking fewer than offered stops the buffer's drain. */
    private static final class Limited implements ReceiveBuffer.Consumer {
        ReceiveBuffer.Consumer consumer;
        long remaining;

        void start(ReceiveBuffer.Consumer inner, long allowed) {
            consumer = inner;
            remaining = allowed;
        }

        @Override
        public int accept(byte[] buffer, int offset, int length) {
            int offered = (int) Math.min(length, remaining);
            if (offered == 0) {
                return 0;
            }
            int taken = consumer.accept(buffer, offset, offered);
            remaining -= taken;
            return taken;
        }
    }
}
