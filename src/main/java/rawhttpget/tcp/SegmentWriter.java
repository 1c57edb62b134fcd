package rawhttpget.tcp;

import rawhttpget.inet.Ipv4Address;

/**
 * The transmitting half of a {@link TcpConnection}: decides which segments leave now (SYN, data within the
 * congestion and peer windows, FIN, ACKs, window updates, probes, resets), fills in options and the
 * advertised window, and writes them. Kept apart so the arrival rules in TcpConnection read on their own.
 */
final class SegmentWriter {
    private final TcpConnection c;
    private final TcpOptions options = new TcpOptions();
    /** A view over the segment just written, for its DEBUG line. */
    private final TcpSegment logged = new TcpSegment();
    private final long[] sackScratch = new long[2 * TcpOptions.MAX_SACK_BLOCKS];
    private final String name;
    private boolean retransmitFirst;
    private boolean strayResetPending;
    private int strayResetSeq;

    SegmentWriter(TcpConnection c) {
        this.c = c;
        this.name = Ipv4Address.format(c.localIp) + "." + c.localPort + " > " + Ipv4Address.format(c.remoteIp) + "."
                + c.remotePort;
    }

    String name() {
        return name;
    }

    /** Our timestamp clock: milliseconds, offset by the ISS so it reveals nothing of our uptime. */
    int tsClock(long now) {
        return (int) (now / 1_000_000L) + c.iss;
    }

    void retransmitFirstUnacked() {
        retransmitFirst = true;
    }

    void queueStrayReset(int seq) {
        strayResetPending = true;
        strayResetSeq = seq;
    }

    /** True when {@link #transmit} would send something right now. */
    boolean hasSomethingToSend() {
        if (strayResetPending) {
            return true;
        }
        if (c.state == TcpState.SYN_SENT) {
            return c.sndNxt == c.iss;
        }
        if (!c.state.isSynchronized()) {
            return false;
        }
        return retransmitFirst && c.sndUna != c.sndMax || dataAllowed() > 0 || finDue() || windowUpdateDue();
    }

    void transmit(long now, SegmentOutput out) {
        if (strayResetPending) {
            strayResetPending = false;
            sendReset(strayResetSeq, out);
        }
        if (c.state == TcpState.SYN_SENT) {
            if (c.sndNxt == c.iss) {
                emit(TcpFlags.SYN, c.iss, 0, 0, now, out);
                c.onSent(c.iss, 1, c.sndMax != c.iss, now);
            }
            return;
        }
        if (!c.state.isSynchronized()) {
            return;
        }
        if (retransmitFirst) {
            retransmitFirst = false;
            resendFirstUnacked(now, out);
        }
        int allowed;
        while ((allowed = dataAllowed()) > 0) {
            long offset = c.streamOffsetOfSend(c.sndNxt);
            int len = (int) Math.min(allowed, c.sendMss());
            boolean last = offset + len == c.sendBuffer.end();
            boolean again = SeqNum.lt(c.sndNxt, c.sndMax);
            int seq = c.sndNxt;
            emit(TcpFlags.ACK | (last ? TcpFlags.PSH : 0), seq, offset, len, now, out);
            c.onSent(seq, len, again, now);
        }
        if (c.sndWnd == 0 && c.streamOffsetOfSend(c.sndNxt) < c.sendBuffer.end() && c.sndNxt == c.sndUna) {
            c.armPersist(now);
        }
        if (finDue()) {
            int seq = c.sndNxt;
            emit(TcpFlags.FIN | TcpFlags.ACK, seq, 0, 0, now, out);
            c.onSent(seq, 1, SeqNum.lt(seq, c.sndMax), now);
            c.onFinSent();
        }
        if (windowUpdateDue()) {
            c.stats.windowUpdates++;
            c.ackNow = true;
        }
        if (c.ackNow) {
            c.stats.pureAcksSent++;
            emit(TcpFlags.ACK, c.sndNxt, 0, 0, now, out);
        }
    }

    /** Bytes of queued data that may leave now under the congestion and peer windows. */
    private int dataAllowed() {
        long unsent = c.sendBuffer.end() - c.streamOffsetOfSend(c.sndNxt);
        if (unsent <= 0 || c.state == TcpState.SYN_SENT) {
            return 0;
        }
        long inFlight = Integer.toUnsignedLong(c.sndNxt - c.sndUna);
        long room = Math.min(c.congestion.window(), c.sndWnd) - inFlight;
        return (int) Math.max(0, Math.min(unsent, room));
    }

    private boolean finDue() {
        return c.finQueued && !c.finSent && c.streamOffsetOfSend(c.sndNxt) == c.sendBuffer.end()
                && c.state != TcpState.TIME_WAIT;
    }

    /**
     * The application has drained enough that the peer, who may be stalled on a small window, should hear
     * of the new room (RFC 9293 §3.8.6.2.2, receiver side of silly-window avoidance).
     */
    private boolean windowUpdateDue() {
        if (!c.state.acceptsData() || c.finReceived) {
            return false;
        }
        long nextOffset = c.receiveBuffer.contiguousEnd();
        long candidate = nextOffset + freeSpace();
        long offered = c.advertisedEdge - nextOffset;
        return candidate - c.advertisedEdge >= updateThreshold() && offered < c.config.receiveBuffer() / 2;
    }

    private long freeSpace() {
        return Math.max(0, (long) c.config.receiveBuffer() - c.receiveBuffer.readable());
    }

    private long updateThreshold() {
        return Math.min(c.config.receiveBuffer() / 2, c.config.mss());
    }

    /** The window field for a non-SYN segment; moves the advertised right edge right only in useful steps. */
    private int windowField() {
        long nextOffset = c.receiveBuffer.contiguousEnd();
        long candidate = nextOffset + freeSpace();
        int shift = c.activeReceiveShift();
        candidate = Math.min(candidate, nextOffset + (65535L << shift));
        if (candidate - c.advertisedEdge >= updateThreshold() || c.advertisedEdge < nextOffset) {
            c.advertisedEdge = Math.max(c.advertisedEdge, candidate);
        }
        long window = Math.max(0, c.advertisedEdge - nextOffset);
        // Rounded up so the right edge never moves left; the buffer has one unit of slack for it. The
        // rounding must not feed back into advertisedEdge: rounded again from the next RCV.NXT, the edge
        // would creep right by up to a unit per ACK, past the buffer, and the window would never close.
        long field = Math.min(65535, (window + (1L << shift) - 1) >> shift);
        c.announcedEdge = Math.max(c.announcedEdge, nextOffset + (field << shift));
        if (field == 0) {
            c.stats.zeroWindowsAdvertised++;
            if (c.advertisedWindow != 0) {
                c.stats.zeroWindowEvents++;
            }
        }
        c.advertisedWindow = field << shift;
        c.stats.largestWindowAdvertised = Math.max(c.stats.largestWindowAdvertised, field << shift);
        return (int) field;
    }

    private void resendFirstUnacked(long now, SegmentOutput out) {
        long offset = c.streamOffsetOfSend(c.sndUna);
        long unacked = c.sendBuffer.end() - offset;
        if (unacked > 0) {
            int len = (int) Math.min(unacked, c.sendMss());
            emit(TcpFlags.ACK | TcpFlags.PSH, c.sndUna, offset, len, now, out);
            c.onSent(c.sndUna, len, true, now);
        } else if (c.finSent && c.sndUna == c.finSequence()) {
            emit(TcpFlags.FIN | TcpFlags.ACK, c.sndUna, 0, 0, now, out);
            c.onSent(c.sndUna, 1, true, now);
        }
    }

    /**
     * A zero-window probe in Linux's style: an ACK one below SND.UNA, which the peer must answer. It carries
     * the current timestamp: an old TSval would make the peer's PAWS check drop it (RFC 7323 §5.3).
     */
    void sendWindowProbe(long now, SegmentOutput out) {
        emit(TcpFlags.ACK, c.sndUna - 1, 0, 0, now, out);
    }

    void sendReset(int seq, SegmentOutput out) {
        emit(TcpFlags.RST, seq, 0, 0, -1, out);
    }

    /** Writes one segment into the lent buffer and hands it to the stack. {@code now} < 0: no timestamp. */
    private void emit(int flags, int seq, long dataOffset, int length, long now, SegmentOutput out) {
        byte[] b = out.buffer();
        int at = out.tcpOffset();
        boolean syn = (flags & TcpFlags.SYN) != 0;
        boolean ack = (flags & TcpFlags.ACK) != 0;
        options.clear();
        int window;
        if (syn) {
            options.mss = c.config.mss();
            options.sackPermitted = c.config.sack();
            if (c.config.timestamps()) {
                options.hasTimestamp = true;
                options.tsVal = tsClock(now);
            }
            if (c.config.windowScaling()) {
                options.windowScale = c.rcvShift;
            }
            // RFC 7323 §2.2: the window in a SYN is never scaled.
            window = (int) Math.min(65535, c.config.receiveBuffer());
            c.advertisedEdge = window;
            c.announcedEdge = window;
        } else {
            if (c.timestampsOn && (flags & TcpFlags.RST) == 0) {
                options.hasTimestamp = true;
                options.tsVal = tsClock(Math.max(now, 0));
                options.tsEcr = c.tsRecent;
            }
            if (c.sackOn && ack) {
                addSackBlocks();
            }
            window = (flags & TcpFlags.RST) != 0 ? 0 : windowField();
        }
        int ackNumber = ack ? c.rcvNxt() : 0;
        int payloadAt = TcpSegment.emitHeader(b, at, c.localPort, c.remotePort, seq, ackNumber, flags, window, options);
        if (length > 0) {
            c.sendBuffer.copy(dataOffset, b, payloadAt, length);
        }
        int tcpLength = payloadAt - at + length;
        TcpSegment.fillChecksum(b, at, tcpLength, c.localIp, c.remoteIp);
        if (TcpConnection.log.isDebugEnabled()) {
            logged.wrap(b, at, tcpLength);
            TcpConnection.log.debug("Out {}", TcpdumpNotation.segment(c.localIp, c.remoteIp, logged, c.irsKnown, c.iss, c.irs));
        }
        out.transmit(c.localIp, c.remoteIp, tcpLength);
        c.stats.segmentsOut++;
        c.stats.payloadBytesOut += length;
        if (ack) {
            c.onAckSent(now);
        }
    }

    private void addSackBlocks() {
        int max = c.timestampsOn ? 3 : 4;
        int n = 0;
        long base = c.irs + 1L;
        if (c.pendingDuplicateStart >= 0) {
            // RFC 2883: the duplicate range goes first, as a D-SACK block.
            options.sackBlocks[0] = (int) (base + c.pendingDuplicateStart);
            options.sackBlocks[1] = (int) (base + c.pendingDuplicateEnd);
            n = 1;
            c.stats.dsackBlocksSent++;
        }
        int blocks = c.receiveBuffer.sackBlocks(sackScratch, max - n);
        for (int i = 0; i < blocks; i++) {
            options.sackBlocks[2 * n] = (int) (base + sackScratch[2 * i]);
            options.sackBlocks[2 * n + 1] = (int) (base + sackScratch[2 * i + 1]);
            n++;
        }
        options.sackBlockCount = n;
        c.stats.sackBlocksSent += blocks;
    }
}
