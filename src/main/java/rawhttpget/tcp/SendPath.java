package rawhttpget.tcp;

/**
 * Which of the {@link Sender}'s segments leave now, owned by the sender: the SYN, the first unacknowledged
 * segment after a loss shows, RFC 6675 recovery segments, new data within the congestion and peer windows,
 * the FIN, and zero-window probes. It decides through the sender's methods and records each segment with
 * {@link Sender#onSent}; the {@link SegmentWriter} turns them into bytes.
 */
final class SendPath {
    private final TcpConnection c;
    private final Sender s;

    SendPath(TcpConnection c, Sender sender) {
        this.c = c;
        this.s = sender;
    }

    boolean hasSomethingToSend() {
        if (c.state() == TcpState.SYN_SENT) {
            return s.nextSequence() == s.iss();
        }
        if (!c.state().isSynchronized()) {
            return false;
        }
        if (s.sack().inRecovery()) {
            return s.nextRecoverySegment() || finDue();
        }
        return s.retransmitFirstDue() && s.unacknowledged() != s.highestSent() || dataAllowed() > 0 || finDue();
    }

    void transmit(long now, SegmentOutput out) {
        if (c.state() == TcpState.SYN_SENT) {
            if (s.nextSequence() == s.iss()) {
                c.writer().emit(TcpFlags.SYN, s.iss(), 0, 0, now, out);
                s.onSent(s.iss(), 1, s.highestSent() != s.iss(), now);
            }
            return;
        }
        if (!c.state().isSynchronized()) {
            return;
        }
        if (s.takeRetransmitFirst()) {
            resendFirstUnacked(now, out);
        }
        if (s.sack().inRecovery()) {
            sendSackRecovery(now, out);
        }
        int allowed;
        while (!s.sack().inRecovery() && (allowed = dataAllowed()) > 0) {
            long offset = s.streamOffset(s.nextSequence());
            int len = (int) Math.min(allowed, s.sendMss());
            boolean last = offset + len == s.buffer().end();
            boolean again = SeqNum.lt(s.nextSequence(), s.highestSent());
            int seq = s.nextSequence();
            c.writer().emit(TcpFlags.ACK | (last ? TcpFlags.PSH : 0), seq, offset, len, now, out);
            s.onSent(seq, len, again, now);
        }
        if (s.peerWindow() == 0 && s.streamOffset(s.nextSequence()) < s.buffer().end()
                && s.nextSequence() == s.unacknowledged()) {
            s.startPersistTimer(now);
        }
        if (finDue()) {
            int seq = s.nextSequence();
            c.writer().emit(TcpFlags.FIN | TcpFlags.ACK, seq, 0, 0, now, out);
            s.onSent(seq, 1, SeqNum.lt(seq, s.highestSent()), now);
            s.onFinSent();
            c.onFinSent();
        }
    }

    /** RFC 6675 step C: what NextSeg() chooses, while the congestion window exceeds the pipe. */
    private void sendSackRecovery(long now, SegmentOutput out) {
        SackRecovery sack = s.sack();
        while (s.nextRecoverySegment()) {
            long offset = sack.nextOffset();
            int len = sack.nextLength();
            long highDataBefore = s.highData();
            int seq = s.sequenceOf(offset);
            boolean last = offset + len == s.buffer().end();
            c.writer().emit(TcpFlags.ACK | (last ? TcpFlags.PSH : 0), seq, offset, len, now, out);
            s.onSent(seq, len, offset < highDataBefore, now);
            sack.onSent(highDataBefore, s.unaOffset(), s.highData(), s.sendMss());
        }
    }

    /** Bytes of queued data that may leave now under the congestion and peer windows. */
    private int dataAllowed() {
        long unsent = s.buffer().end() - s.streamOffset(s.nextSequence());
        if (unsent <= 0 || c.state() == TcpState.SYN_SENT) {
            return 0;
        }
        long inFlight = Integer.toUnsignedLong(s.nextSequence() - s.unacknowledged());
        long room = Math.min(s.congestion().window(), s.peerWindow()) - inFlight;
        return (int) Math.max(0, Math.min(unsent, room));
    }

    private boolean finDue() {
        return s.finQueued() && !s.finSent() && s.streamOffset(s.nextSequence()) == s.buffer().end()
                && c.state() != TcpState.TIME_WAIT;
    }

    private void resendFirstUnacked(long now, SegmentOutput out) {
        int una = s.unacknowledged();
        long offset = s.streamOffset(una);
        long unacked = s.buffer().end() - offset;
        if (unacked > 0) {
            int len = (int) Math.min(unacked, s.sendMss());
            c.writer().emit(TcpFlags.ACK | TcpFlags.PSH, una, offset, len, now, out);
            s.onSent(una, len, true, now);
        } else if (s.finSent() && una == s.finSequence()) {
            c.writer().emit(TcpFlags.FIN | TcpFlags.ACK, una, 0, 0, now, out);
            s.onSent(una, 1, true, now);
        }
    }

    /**
     * A zero-window probe in Linux's style: an ACK one below SND.UNA, which the peer must answer. It carries
     * the current timestamp: an old TSval would make the peer's PAWS check drop it (RFC 7323 §5.3).
     */
    void sendWindowProbe(long now, SegmentOutput out) {
        c.writer().emit(TcpFlags.ACK, s.unacknowledged() - 1, 0, 0, now, out);
    }
}
