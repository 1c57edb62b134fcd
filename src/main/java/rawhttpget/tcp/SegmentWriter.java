package rawhttpget.tcp;

import rawhttpget.inet.Ipv4Address;

/**
 * The transmitting half of a {@link TcpConnection}: decides which segments leave now (SYN, data within the
 * congestion and peer windows, FIN, ACKs, window updates, probes, resets), fills in options and the
 * advertised window (the {@link Receiver}'s), and writes them.
 */
final class SegmentWriter {
    private final TcpConnection c;
    private final TcpOptions options = new TcpOptions();
    /** A view over the segment just written, for its DEBUG line. */
    private final TcpSegment logged = new TcpSegment();
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

    /** Our timestamp clock: milliseconds, plus an offset so it reveals nothing of our uptime (IsnGenerator). */
    int tsClock(long now) {
        return (int) (now / 1_000_000L) + c.timestampOffset;
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
            return c.sender.sndNxt == c.sender.iss;
        }
        if (!c.state.isSynchronized()) {
            return false;
        }
        if (c.sender.sack.inRecovery()) {
            return c.sender.nextRecoverySegment() || finDue() || c.receiver.windowUpdateDue();
        }
        return retransmitFirst && c.sender.sndUna != c.sender.sndMax || dataAllowed() > 0 || finDue()
                || c.receiver.windowUpdateDue();
    }

    void transmit(long now, SegmentOutput out) {
        if (strayResetPending) {
            strayResetPending = false;
            sendReset(strayResetSeq, out);
        }
        if (c.state == TcpState.SYN_SENT) {
            if (c.sender.sndNxt == c.sender.iss) {
                emit(TcpFlags.SYN, c.sender.iss, 0, 0, now, out);
                c.sender.onSent(c.sender.iss, 1, c.sender.sndMax != c.sender.iss, now);
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
        if (c.sender.sack.inRecovery()) {
            sendSackRecovery(now, out);
        }
        int allowed;
        while (!c.sender.sack.inRecovery() && (allowed = dataAllowed()) > 0) {
            long offset = c.sender.streamOffset(c.sender.sndNxt);
            int len = (int) Math.min(allowed, c.sender.sendMss());
            boolean last = offset + len == c.sender.buffer.end();
            boolean again = SeqNum.lt(c.sender.sndNxt, c.sender.sndMax);
            int seq = c.sender.sndNxt;
            emit(TcpFlags.ACK | (last ? TcpFlags.PSH : 0), seq, offset, len, now, out);
            c.sender.onSent(seq, len, again, now);
        }
        if (c.sender.sndWnd == 0 && c.sender.streamOffset(c.sender.sndNxt) < c.sender.buffer.end() && c.sender.sndNxt == c.sender.sndUna) {
            c.timers.armPersist(now, c.rtt.rto());
        }
        if (finDue()) {
            int seq = c.sender.sndNxt;
            emit(TcpFlags.FIN | TcpFlags.ACK, seq, 0, 0, now, out);
            c.sender.onSent(seq, 1, SeqNum.lt(seq, c.sender.sndMax), now);
            c.onFinSent();
        }
        if (c.receiver.windowUpdateDue()) {
            c.stats.windowUpdates++;
            c.receiver.ackNow = true;
        }
        if (c.receiver.ackNow) {
            c.stats.pureAcksSent++;
            emit(TcpFlags.ACK, c.sender.sndNxt, 0, 0, now, out);
        }
    }

    /** RFC 6675 step C: what NextSeg() chooses, while the congestion window exceeds the pipe. */
    private void sendSackRecovery(long now, SegmentOutput out) {
        Sender s = c.sender;
        while (s.nextRecoverySegment()) {
            long offset = s.sack.nextOffset;
            int len = s.sack.nextLength;
            long highDataBefore = s.highData();
            int seq = s.sequenceOf(offset);
            boolean last = offset + len == s.buffer.end();
            emit(TcpFlags.ACK | (last ? TcpFlags.PSH : 0), seq, offset, len, now, out);
            s.onSent(seq, len, offset < highDataBefore, now);
            s.sack.onSent(highDataBefore, s.unaOffset(), s.highData(), s.sendMss());
        }
    }

    /** Bytes of queued data that may leave now under the congestion and peer windows. */
    private int dataAllowed() {
        long unsent = c.sender.buffer.end() - c.sender.streamOffset(c.sender.sndNxt);
        if (unsent <= 0 || c.state == TcpState.SYN_SENT) {
            return 0;
        }
        long inFlight = Integer.toUnsignedLong(c.sender.sndNxt - c.sender.sndUna);
        long room = Math.min(c.sender.congestion.window(), c.sender.sndWnd) - inFlight;
        return (int) Math.max(0, Math.min(unsent, room));
    }

    private boolean finDue() {
        return c.sender.finQueued && !c.sender.finSent && c.sender.streamOffset(c.sender.sndNxt) == c.sender.buffer.end()
                && c.state != TcpState.TIME_WAIT;
    }

    private void resendFirstUnacked(long now, SegmentOutput out) {
        long offset = c.sender.streamOffset(c.sender.sndUna);
        long unacked = c.sender.buffer.end() - offset;
        if (unacked > 0) {
            int len = (int) Math.min(unacked, c.sender.sendMss());
            emit(TcpFlags.ACK | TcpFlags.PSH, c.sender.sndUna, offset, len, now, out);
            c.sender.onSent(c.sender.sndUna, len, true, now);
        } else if (c.sender.finSent && c.sender.sndUna == c.sender.finSequence()) {
            emit(TcpFlags.FIN | TcpFlags.ACK, c.sender.sndUna, 0, 0, now, out);
            c.sender.onSent(c.sender.sndUna, 1, true, now);
        }
    }

    /**
     * A zero-window probe in Linux's style: an ACK one below SND.UNA, which the peer must answer. It carries
     * the current timestamp: an old TSval would make the peer's PAWS check drop it (RFC 7323 §5.3).
     */
    void sendWindowProbe(long now, SegmentOutput out) {
        emit(TcpFlags.ACK, c.sender.sndUna - 1, 0, 0, now, out);
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
                options.windowScale = c.receiver.rcvShift;
            }
            window = c.receiver.synWindow();
        } else {
            if (c.timestampsOn && (flags & TcpFlags.RST) == 0) {
                options.hasTimestamp = true;
                options.tsVal = tsClock(Math.max(now, 0));
                options.tsEcr = c.receiver.tsRecent;
            }
            if (c.sackOn && ack) {
                c.receiver.addSackBlocks(options);
            }
            window = (flags & TcpFlags.RST) != 0 ? 0 : c.receiver.windowField();
        }
        int ackNumber = ack ? c.receiver.rcvNxt() : 0;
        int payloadAt = TcpSegment.emitHeader(b, at, c.localPort, c.remotePort, seq, ackNumber, flags, window, options);
        if (length > 0) {
            c.sender.buffer.copy(dataOffset, b, payloadAt, length);
        }
        int tcpLength = payloadAt - at + length;
        TcpSegment.fillChecksum(b, at, tcpLength, c.localIp, c.remoteIp);
        if (TcpConnection.log.isDebugEnabled()) {
            logged.wrap(b, at, tcpLength);
            TcpConnection.log.debug("Out {}", TcpdumpNotation.segment(c.localIp, c.remoteIp, logged, c.receiver.irsKnown,
                    c.sender.iss, c.receiver.irs));
        }
        out.transmit(c.localIp, c.remoteIp, tcpLength);
        c.stats.segmentsOut++;
        c.stats.payloadBytesOut += length;
        if (ack) {
            c.receiver.onAckSent();
        }
    }
}
