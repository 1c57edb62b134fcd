package rawhttpget.tcp;

/**
 * The send half of a {@link TcpConnection}: the send sequence space, the peer's window, what the peer's
 * ACKs tell us (RFC 9293 §3.10.7.4 fifth check, RFC 5961 §5.2), RTT samples with Karn's rule (RFC 6298),
 * congestion control and loss recovery (RFC 5681, RFC 6582), and going back after a timeout. Which
 * segments leave, and when, is its {@link SendPath}'s; the state changes an ACK causes are the connection's.
 */
final class Sender {
    static final int DEFAULT_PEER_MSS = 536;
    /** Linux's floor for the send MSS (tcp_min_snd_mss): a peer announcing MSS 1 cannot make us send 1-byte segments. */
    static final int MIN_PEER_MSS = 48;

    private final TcpConnection c;
    private final SendBuffer buffer = new SendBuffer();

    // Send sequence space (RFC 9293 §3.3.1).
    private final int iss;
    private int sndUna;
    private int sndNxt;
    /** Highest sequence number sent so far: SND.NXT goes back to SND.UNA on a timeout, this does not. */
    private int sndMax;
    private long sndWnd;
    private long maxSndWnd;
    private int sndWl1;
    private int sndWl2;
    private int sndShift;
    private boolean finQueued;
    private boolean finSent;
    private int peerMss = DEFAULT_PEER_MSS;
    private final PathMtu pathMtu;

    private CongestionControl congestion;
    /** RFC 6675 recovery, used instead of NewReno's when the peer agreed to SACK. */
    private final SackRecovery sack = new SackRecovery();
    private int duplicateAcks;
    private boolean inRecovery;
    private int recoverSeq;
    /** A partial or third duplicate ACK showed a loss: the first unacknowledged segment leaves at the next poll. */
    private boolean retransmitFirst;

    /** Karn's rule: the sequence number being timed and when it left, or -1 when nothing is timed. */
    private int timedSeq;
    private long timedSentAt = -1;

    /** RFC 6298: resend from SND.UNA when this fires with data outstanding. */
    private final Timer retransmitTimer = new Timer();
    private final PersistTimer persistTimer = new PersistTimer();
    private final SendPath path;

    Sender(TcpConnection c, int iss) {
        this.c = c;
        this.iss = iss;
        this.pathMtu = new PathMtu(c.remote.isIpv6());
        this.sndUna = iss;
        this.sndNxt = iss;
        this.sndMax = iss;
        this.path = new SendPath(c, this);
    }

    // ---------------------------------------------------------------- what others may ask

    int iss() {
        return iss;
    }

    /** SND.UNA: the oldest sequence number not yet acknowledged. */
    int unacknowledged() {
        return sndUna;
    }

    /** SND.NXT: the sequence number the next new segment (or a pure ACK) carries. */
    int nextSequence() {
        return sndNxt;
    }

    /** SND.MAX: one past the highest sequence number ever sent. */
    int highestSent() {
        return sndMax;
    }

    /** The peer's window in bytes, scaled. */
    long peerWindow() {
        return sndWnd;
    }

    /** The shift the peer's window fields are scaled by (0 without window scaling). */
    int sendShift() {
        return sndShift;
    }

    int peerMss() {
        return peerMss;
    }

    CongestionControl congestion() {
        return congestion;
    }

    SackRecovery sack() {
        return sack;
    }

    SendBuffer buffer() {
        return buffer;
    }

    boolean finQueued() {
        return finQueued;
    }

    // ---------------------------------------------------------------- the application's side

    /** The SYN leaves at the next poll: congestion control for our own MSS until the peer's is known. */
    void startConnecting(long now) {
        congestion = new NewReno(c.config.mss());
        retransmitTimer.arm(now);
    }

    void queue(byte[] data, int offset, int length) {
        buffer.append(data, offset, length);
    }

    /** Our side is done sending: a FIN follows the queued data. */
    void queueFin() {
        finQueued = true;
    }

    // ---------------------------------------------------------------- arrivals

    /** The peer's SYN-ACK: its MSS and window, and the congestion state for that MSS. */
    void onSynAck(TcpSegment seg, TcpOptions opts, boolean scaling) {
        peerMss = opts.mss >= 0 ? Math.max(opts.mss, MIN_PEER_MSS) : DEFAULT_PEER_MSS;
        if (opts.mss >= 0 && opts.mss < MIN_PEER_MSS) {
            TcpConnection.log.info("{}: peer announced MSS {}; using {}", c.name(), opts.mss, MIN_PEER_MSS);
        }
        sndShift = scaling ? opts.windowScale : 0;
        sndWnd = seg.window(); // RFC 7323 §2.2: the window of a SYN is never scaled
        maxSndWnd = sndWnd;
        sndWl1 = seg.seq();
        sndWl2 = seg.ack();
    }

    /** Sets up congestion control once the MSS is known (the timestamp option shrinks it). */
    void startCongestionControl() {
        congestion = new NewReno(sendMss());
    }

    int sendMss() {
        int mss = pathMtu.clamp(Math.min(peerMss, c.config.mss()));
        return c.timestampsOn() ? mss - 12 : mss;
    }

    int finSequence() {
        return iss + 1 + (int) buffer.end();
    }

    long streamOffset(int seq) {
        return Integer.toUnsignedLong(seq - iss - 1);
    }

    /** The ACK field (RFC 9293 §3.10.7.4 fifth check, RFC 5961 §5.2). Returns false when the segment is dropped. */
    boolean onAck(TcpSegment seg, TcpOptions opts, long now) {
        int ack = seg.ack();
        // RFC 5961 §5.2: acceptable is SND.UNA - MAX.SND.WND <= SEG.ACK <= SND.NXT (SND.MAX here, since SND.NXT
        // steps back on a timeout); anything else is discarded and answered with a (rate-limited) ACK.
        if (SeqNum.gt(ack, sndMax)) {
            c.receiver.challengeAck(now, "ACK " + SeqNum.format(ack - iss) + " of data never sent");
            return false;
        }
        if (SeqNum.lt(ack, sndUna - (int) Math.min(maxSndWnd, Integer.MAX_VALUE))) {
            c.receiver.challengeAck(now, "ACK " + SeqNum.format(ack - iss) + " older than the largest window");
            return false;
        }
        long window = (long) seg.window() << sndShift;
        boolean newAck = SeqNum.gt(ack, sndUna);
        boolean duplicate = !newAck && ack == sndUna && seg.payloadLength() == 0 && !seg.has(TcpFlags.FIN)
                && window == sndWnd && sndMax != sndUna;
        if (SeqNum.lt(sndWl1, seg.seq()) || (sndWl1 == seg.seq() && SeqNum.le(sndWl2, ack))) {
            updateWindow(window, seg.seq(), ack);
        }
        long newlySacked = c.sackOn() ? sack.update(opts, unaOffset(), highData(), this) : 0;
        if (newAck) {
            acknowledge(ack, opts, now);
        } else if (c.sackOn()) {
            onSameAckWithSack(newlySacked, now);
        } else if (duplicate) {
            onDuplicateAck(now);
        }
        return true;
    }

    /** RFC 6675 §5: an ACK that did not advance SND.UNA, with SACK agreed. */
    private void onSameAckWithSack(long newlySacked, long now) {
        if (sack.inRecovery()) {
            if (newlySacked > 0) {
                sack.onSackInRecovery(unaOffset(), highData(), sendMss()); // step B
            }
        } else if (sack.onDuplicate(newlySacked, unaOffset(), sendMss())) {
            int flight = SeqNum.diff(sndMax, sndUna);
            congestion.onSackRecovery(flight, now);
            sack.enter(unaOffset(), highData(), sendMss());
            c.stats.fastRetransmits++;
            TcpConnection.log.info("{}: SACK shows loss at {}: recovery until {}, cwnd {}, scoreboard {}", c.name(),
                    SeqNum.format(sndUna - iss), SeqNum.format(sndMax - iss), congestion.window(), sack.scoreboard());
        }
    }

    /** Stream offset of SND.UNA: where the scoreboard starts. */
    long unaOffset() {
        return streamOffset(sndUna);
    }

    /** HighData + 1 of RFC 6675: one past the highest data byte sent (the FIN is not data). */
    long highData() {
        return Math.min(streamOffset(sndMax), buffer.end());
    }

    int sequenceOf(long offset) {
        return (int) (iss + 1 + offset);
    }

    /** RFC 6675 NextSeg(), for the writer: true when a segment may leave now; it is in {@link #sack}. */
    boolean nextRecoverySegment() {
        return sack.nextSegment(unaOffset(), highData(), buffer.end(), unaOffset() + sndWnd, sendMss(),
                congestion.window());
    }

    private void updateWindow(long window, int seq, int ack) {
        if (window != sndWnd && TcpConnection.log.isDebugEnabled()) {
            TcpConnection.log.debug("{}: peer window {} -> {}", c.name(), sndWnd, window);
        }
        if (window == 0 && sndWnd != 0) {
            c.stats.peerZeroWindows++;
        }
        sndWnd = window;
        maxSndWnd = Math.max(maxSndWnd, window);
        sndWl1 = seq;
        sndWl2 = ack;
        if (window > 0) {
            persistTimer.windowOpened();
        }
    }

    /** SND.UNA advances to {@code ack}: take an RTT sample, free the buffer, grow the window or recover. */
    void acknowledge(int ack, TcpOptions opts, long now) {
        int acked = SeqNum.diff(ack, sndUna);
        if (c.timestampsOn() && opts.hasTimestamp && opts.tsEcr != 0) {
            c.rtt.sample(((long) (c.tsClock(now) - opts.tsEcr)) * 1_000_000L);
        } else if (timedSentAt >= 0 && SeqNum.gt(ack, timedSeq)) {
            c.rtt.sample(now - timedSentAt);
        }
        if (timedSentAt >= 0 && SeqNum.gt(ack, timedSeq)) {
            timedSentAt = -1;
        }
        boolean synAcked = sndUna == iss;
        // Judged by sequence number, not finSent: a timeout clears finSent so the FIN can be resent, and the
        // ACK of the original FIN may arrive before the resend (only sent FINs can be covered: ack <= SND.MAX).
        boolean finAcked = finQueued && ack == finSequence() + 1;
        sndUna = ack;
        if (SeqNum.lt(sndNxt, sndUna)) {
            sndNxt = sndUna;
        }
        int dataAcked = acked - (synAcked ? 1 : 0) - (finAcked ? 1 : 0);
        buffer.acknowledge(streamOffset(ack));
        if (c.sackOn()) {
            onCumulativeAckWithSack(dataAcked, now);
        } else if (inRecovery) {
            boolean done = SeqNum.ge(ack, recoverSeq);
            congestion.onRecoveryAck(Math.max(dataAcked, 0), done, now);
            if (done) {
                inRecovery = false;
                TcpConnection.log.info("{}: fast recovery complete, cwnd {}", c.name(), congestion.window());
            } else {
                retransmitFirst = true; // RFC 6582 §3.2 step 5: a partial ACK shows the next loss
            }
        } else if (dataAcked > 0) {
            congestion.onAck(dataAcked, now);
        }
        duplicateAcks = 0;
        if (sndUna == sndMax) {
            retransmitTimer.cancel();
        } else {
            retransmitTimer.arm(now + c.rtt.rto());
        }
        if (finAcked) {
            finSent = true;
            c.onFinAcked(now);
        }
    }

    /**
     * RFC 6675 steps A and B: a cumulative ACK ends recovery once it covers the RecoveryPoint; a partial one
     * leaves the window alone (the pipe, recomputed, says what may leave). Outside recovery the window grows.
     */
    private void onCumulativeAckWithSack(int dataAcked, long now) {
        boolean wasInRecovery = sack.inRecovery();
        if (sack.onCumulativeAck(unaOffset(), highData(), sendMss())) {
            congestion.onRecoveryAck(Math.max(dataAcked, 0), true, now);
            TcpConnection.log.info("{}: SACK recovery complete, cwnd {}", c.name(), congestion.window());
        } else if (!wasInRecovery && dataAcked > 0) {
            congestion.onAck(dataAcked, now);
        }
    }

    private void onDuplicateAck(long now) {
        duplicateAcks++;
        if (inRecovery) {
            congestion.onDuplicateAckInRecovery(now);
        } else if (duplicateAcks == 3) {
            int flight = SeqNum.diff(sndMax, sndUna);
            inRecovery = true;
            recoverSeq = sndMax;
            congestion.onFastRetransmit(flight, now);
            c.stats.fastRetransmits++;
            TcpConnection.log.info("{}: 3 duplicate ACKs at {}: fast retransmit, cwnd {}", c.name(),
                    SeqNum.format(sndUna - iss), congestion.window());
            retransmitFirst = true;
        }
    }

    /** The retransmission timer expired: collapse the window (RFC 5681 §3.1) and go back to SND.UNA. */
    void onRetransmitTimeout(long now) {
        int flight = SeqNum.diff(sndMax, sndUna);
        // stats.retransmissions counts segments resent, in onSent, not timer expiries.
        if (c.state() == TcpState.SYN_SENT) {
            if (sndMax != iss) {
                c.stats.timeouts++;
                TcpConnection.log.info("{}: SYN timed out after {} ms; resending", c.name(), c.rtt.rto() / 1_000_000);
                c.rtt.backOff();
            }
        } else {
            c.stats.timeouts++;
            TcpConnection.log.info("{}: retransmission timeout at {} ({} bytes in flight, rto {} ms)", c.name(),
                    SeqNum.format(sndUna - iss), flight, c.rtt.rto() / 1_000_000);
            congestion.onTimeout(flight, now);
            sack.onTimeout(highData());
            inRecovery = false;
            duplicateAcks = 0;
            c.rtt.backOff();
        }
        goBackToUna();
        retransmitTimer.cancel();
    }

    /** Everything from SND.UNA is sent again as the windows allow; nothing resent gives an RTT sample (Karn). */
    void goBackToUna() {
        sndNxt = sndUna;
        if (finSent && SeqNum.le(sndNxt, finSequence())) {
            finSent = false;
        }
        timedSentAt = -1;
    }

    /**
     * Path MTU discovery (RFC 1191): segments shrink to fit {@code nextHopMtu} (or the plateau below the
     * quoted length when the router did not say), and what was sent at the old size is sent again at once.
     * A size problem, not congestion: the congestion window stays (as Linux's tcp_simple_retransmit).
     * Believed only when the quoted sequence number is data in flight (RFC 5927 §4.1), so a blind attacker
     * cannot shrink our segments. Returns true when the MSS changed.
     */
    boolean onFragmentationNeeded(int nextHopMtu, int quotedTotalLength, int quotedSeq) {
        if (SeqNum.lt(quotedSeq, sndUna) || SeqNum.ge(quotedSeq, sndMax)) {
            TcpConnection.log.debug("{}: fragmentation needed for seq {}, which is not in flight; ignored", c.name(),
                    SeqNum.format(quotedSeq - iss));
            return false;
        }
        int before = sendMss();
        if (!pathMtu.lower(nextHopMtu, quotedTotalLength, Math.min(peerMss, c.config.mss()))) {
            return false;
        }
        TcpConnection.log.info("{}: path MTU {}: segments now carry at most {} bytes (were {})", c.name(),
                pathMtu.mtu(), sendMss(), before);
        if (sndNxt != sndUna) {
            sack.onTimeout(highData()); // everything outstanding is resent at the new size, SACKed or not
            goBackToUna();
            retransmitTimer.cancel();
        }
        return true;
    }

    /** Bookkeeping for a segment that just left: SND.NXT, SND.MAX, the RTT sample to take, the RTO. */
    void onSent(int seq, int seqLength, boolean retransmission, long now) {
        if (retransmission) {
            c.stats.retransmissions++;
        } else if (timedSentAt < 0 && seqLength > 0) {
            timedSeq = seq;
            timedSentAt = now;
        }
        int end = seq + seqLength;
        if (SeqNum.gt(end, sndNxt)) {
            sndNxt = end;
        }
        if (SeqNum.gt(end, sndMax)) {
            sndMax = end;
        }
        if (seqLength > 0) {
            retransmitTimer.armUnlessRunning(now + c.rtt.rto());
        }
    }

    // ---------------------------------------------------------------- timers

    /** Runs the sender's timers: a retransmission timeout, then a zero-window probe if one is due. */
    void onTimers(long now, SegmentOutput out) {
        if (retransmitTimer.isExpired(now)) {
            onRetransmitTimeout(now);
        }
        if (persistTimer.isExpired(now)) {
            path.sendWindowProbe(now, out);
            // A probe's answer is what keeps the idle timeout (-T) from firing while the peer's window is shut: the
            // interval never grows past half of it, or a live peer that we merely stopped asking would time out.
            persistTimer.probeSent(now, c.rtt.rto(), Math.min(c.config.maxRtoNanos(), c.config.idleTimeoutNanos() / 2));
        }
    }

    /** The peer's window is shut with data waiting and nothing in flight: probe it until it opens. */
    void startPersistTimer(long now) {
        persistTimer.armUnlessRunning(now, c.rtt.rto());
    }

    long retransmitDeadline() {
        return retransmitTimer.deadline();
    }

    long persistDeadline() {
        return persistTimer.deadline();
    }

    /** TIME-WAIT: our FIN is acknowledged, nothing is resent any more. */
    void stopRetransmitTimer() {
        retransmitTimer.cancel();
    }

    /** The connection ended: neither a retransmission nor a probe fires any more. */
    void stopTimers() {
        retransmitTimer.cancel();
        persistTimer.cancel();
    }

    // ---------------------------------------------------------------- the send path

    /** True when {@link #transmit} would send something right now. */
    boolean hasSomethingToSend() {
        return path.hasSomethingToSend();
    }

    /** Sends what is due: the SYN, a retransmission, recovery segments, new data within the windows, the FIN. */
    void transmit(long now, SegmentOutput out) {
        path.transmit(now, out);
    }

    /** Takes the pending first-unacknowledged retransmission: true when one was due. */
    boolean takeRetransmitFirst() {
        boolean due = retransmitFirst;
        retransmitFirst = false;
        return due;
    }

    boolean retransmitFirstDue() {
        return retransmitFirst;
    }

    /** Our FIN has just left. */
    void onFinSent() {
        finSent = true;
    }

    boolean finSent() {
        return finSent;
    }
}
