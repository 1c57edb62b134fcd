package rawhttpget.tcp;

/**
 * The send half of a {@link TcpConnection}: the send sequence space, the peer's window, what the peer's
 * ACKs tell us (RFC 9293 §3.10.7.4 fifth check, RFC 5961 §5.2), RTT samples with Karn's rule (RFC 6298),
 * congestion control and loss recovery (RFC 5681, RFC 6582), and going back after a timeout. Which
 * segments leave, and when, is {@link SegmentWriter}'s; the state changes an ACK causes are the connection's.
 */
final class Sender {
    static final int DEFAULT_PEER_MSS = 536;
    /** Linux's floor for the send MSS (tcp_min_snd_mss): a peer announcing MSS 1 cannot make us send 1-byte segments. */
    static final int MIN_PEER_MSS = 48;
    /**
     * The smallest path MTU a fragmentation-needed message can make us use: Linux's min_pmtu (552), so a
     * forged or broken ICMP cannot shrink our segments to a few bytes (RFC 5927 §4.4).
     */
    static final int MIN_PATH_MTU = 552;
    /** RFC 1191 §7: likely MTUs, for routers that do not say the next-hop MTU. */
    private static final int[] MTU_PLATEAUS = {32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68};

    private final TcpConnection c;
    final SendBuffer buffer = new SendBuffer();

    // Send sequence space (RFC 9293 §3.3.1).
    final int iss;
    int sndUna;
    int sndNxt;
    /** Highest sequence number sent so far: SND.NXT goes back to SND.UNA on a timeout, this does not. */
    int sndMax;
    long sndWnd;
    long maxSndWnd;
    private int sndWl1;
    private int sndWl2;
    int sndShift;
    boolean finQueued;
    boolean finSent;
    int peerMss = DEFAULT_PEER_MSS;
    /** The largest segment (IP and TCP headers included) the path carries, from ICMP; 0 until one says. */
    int pathMtu;

    CongestionControl congestion;
    /** RFC 6675 recovery, used instead of NewReno's when the peer agreed to SACK. */
    final SackRecovery sack = new SackRecovery();
    private int duplicateAcks;
    private boolean inRecovery;
    private int recoverSeq;

    /** Karn's rule: the sequence number being timed and when it left, or -1 when nothing is timed. */
    private int timedSeq;
    private long timedSentAt = -1;

    Sender(TcpConnection c, int iss) {
        this.c = c;
        this.iss = iss;
        this.sndUna = iss;
        this.sndNxt = iss;
        this.sndMax = iss;
    }

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
        int mss = Math.min(peerMss, c.config.mss());
        if (pathMtu != 0) {
            mss = Math.min(mss, pathMtu - 40); // 20 bytes of IPv4 and 20 of TCP header: the MSS counts neither
        }
        return c.timestampsOn ? mss - 12 : mss;
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
        long newlySacked = c.sackOn ? sack.update(opts, unaOffset(), highData(), this) : 0;
        if (newAck) {
            acknowledge(ack, opts, now);
        } else if (c.sackOn) {
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
                    SeqNum.format(sndUna - iss), SeqNum.format(sndMax - iss), congestion.window(), sack.scoreboard);
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
            c.timers.stopPersist();
        }
    }

    /** SND.UNA advances to {@code ack}: take an RTT sample, free the buffer, grow the window or recover. */
    void acknowledge(int ack, TcpOptions opts, long now) {
        int acked = SeqNum.diff(ack, sndUna);
        if (c.timestampsOn && opts.hasTimestamp && opts.tsEcr != 0) {
            c.rtt.sample(((long) (c.writer().tsClock(now) - opts.tsEcr)) * 1_000_000L);
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
        if (c.sackOn) {
            onCumulativeAckWithSack(dataAcked, now);
        } else if (inRecovery) {
            boolean done = SeqNum.ge(ack, recoverSeq);
            congestion.onRecoveryAck(Math.max(dataAcked, 0), done, now);
            if (done) {
                inRecovery = false;
                TcpConnection.log.info("{}: fast recovery complete, cwnd {}", c.name(), congestion.window());
            } else {
                c.writer().retransmitFirstUnacked(); // RFC 6582 §3.2 step 5: a partial ACK shows the next loss
            }
        } else if (dataAcked > 0) {
            congestion.onAck(dataAcked, now);
        }
        duplicateAcks = 0;
        c.timers.retransmitAt = sndUna == sndMax ? Timers.NEVER : now + c.rtt.rto();
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
            c.writer().retransmitFirstUnacked();
        }
    }

    /** The retransmission timer expired: collapse the window (RFC 5681 §3.1) and go back to SND.UNA. */
    void onRetransmitTimeout(long now) {
        int flight = SeqNum.diff(sndMax, sndUna);
        // stats.retransmissions counts segments resent, in onSent, not timer expiries.
        if (c.state == TcpState.SYN_SENT) {
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
        c.timers.retransmitAt = Timers.NEVER;
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
        int mtu = nextHopMtu != 0 ? nextHopMtu : plateauBelow(quotedTotalLength);
        mtu = Math.max(mtu, MIN_PATH_MTU);
        int before = sendMss();
        if (pathMtu != 0 && mtu >= pathMtu || mtu - 40 >= Math.min(peerMss, c.config.mss())) {
            return false;
        }
        pathMtu = mtu;
        TcpConnection.log.info("{}: path MTU {}: segments now carry at most {} bytes (were {})", c.name(), mtu,
                sendMss(), before);
        if (sndNxt != sndUna) {
            sack.onTimeout(highData()); // everything outstanding is resent at the new size, SACKed or not
            goBackToUna();
            c.timers.retransmitAt = Timers.NEVER;
        }
        return true;
    }

    private static int plateauBelow(int length) {
        for (int plateau : MTU_PLATEAUS) {
            if (plateau < length) {
                return plateau;
            }
        }
        return MTU_PLATEAUS[MTU_PLATEAUS.length - 1];
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
        if (seqLength > 0 && c.timers.retransmitAt == Timers.NEVER) {
            c.timers.retransmitAt = now + c.rtt.rto();
        }
    }
}
