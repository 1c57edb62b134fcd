package rawhttpget.report;

/**
 * When one transfer moved from phase to phase, on the event loop's clock: resolving the next hop (ARP), the
 * handshake (SYN sent until the connection is established), the transfer (request and response), and the close
 * (our FIN until the connection is done). A phase that never ended lasts, in the report, until the last time
 * the loop ran the transfer.
 */
public final class PhaseTimes {
    enum Phase { ARP, HANDSHAKE, TRANSFER, CLOSE }

    private long startedAt = -1;
    private long resolvedAt = -1;
    private long establishedAt = -1;
    private long completedAt = -1;
    private long doneAt = -1;
    /** When TLS finished its handshake, for --report (--stats counts it in the transfer); -1 without TLS. */
    private long securedAt = -1;
    private long lastSeen = -1;

    public void seen(long now) {
        if (startedAt < 0) {
            startedAt = now;
        }
        lastSeen = now;
    }

    public void resolved(long now) {
        resolvedAt = now;
    }

    public void established(long now) {
        if (establishedAt < 0) {
            establishedAt = now;
        }
    }

    /** The transport's own handshake (TLS) is complete. */
    public void secured(long now) {
        if (securedAt < 0) {
            securedAt = now;
        }
    }

    long securedAt() {
        return securedAt;
    }

    /** Whether the connection was ever established: a failure after it is no longer a failure to connect. */
    public boolean wasEstablished() {
        return establishedAt >= 0;
    }

    /** When the response was complete, or -1 while it is not. */
    public long completedAt() {
        return completedAt;
    }

    public void completed(long now) {
        completedAt = now;
    }

    /** The transfer ended, well or not, at the last time it was seen. */
    public void done() {
        if (doneAt < 0) {
            doneAt = lastSeen;
        }
    }

    /** How long {@code phase} lasted in nanoseconds, or -1 when it never began. */
    long duration(Phase phase) {
        long from = start(phase);
        if (from < 0) {
            return -1;
        }
        long to = end(phase);
        return (to >= 0 ? to : lastSeen) - from;
    }

    /** False when the phase began but the transfer ended (or the report was made) before it did. */
    boolean finished(Phase phase) {
        return end(phase) >= 0;
    }

    long start(Phase phase) {
        return switch (phase) {
            case ARP -> startedAt;
            case HANDSHAKE -> resolvedAt;
            case TRANSFER -> establishedAt;
            case CLOSE -> completedAt;
        };
    }

    long end(Phase phase) {
        // A later phase's start ends this one, so a failure in the handshake leaves only the handshake unfinished.
        return switch (phase) {
            case ARP -> resolvedAt;
            case HANDSHAKE -> establishedAt;
            case TRANSFER -> completedAt;
            case CLOSE -> doneAt >= 0 && completedAt >= 0 ? doneAt : -1;
        };
    }
}
