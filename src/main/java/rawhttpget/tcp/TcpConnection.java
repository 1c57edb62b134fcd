package rawhttpget.tcp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One actively opened TCP connection (RFC 9293), driven by its owner: {@link #onSegment} for each segment
 * that arrives, {@link #poll} to let it transmit and run its timers, {@link #pollAt} to learn when it next
 * needs to run. Time is always an argument; nothing here reads a clock, blocks or starts a thread.
 *
 * <p>The receive side (acceptance, reassembly, ACK policy, advertised window) is what a downloader lives
 * on; the send side carries the request with retransmission, RTO and congestion control. Both follow the
 * RFCs named at each rule.
 */
public final class TcpConnection {
    static final Logger log = LoggerFactory.getLogger("rawhttpget.tcp");
    static final long NEVER = Long.MAX_VALUE;
    /** RFC 5961 §7: at most this many challenge ACKs a second. */
    private static final int CHALLENGE_ACKS_PER_SECOND = 100;
    private static final int DEFAULT_PEER_MSS = 536;
    /** Linux's floor for the send MSS (tcp_min_snd_mss): a peer announcing MSS 1 cannot make us send 1-byte segments. */
    static final int MIN_PEER_MSS = 48;
    /**
     * The smallest path MTU a fragmentation-needed message can make us use: Linux's min_pmtu (552), so a
     * forged or broken ICMP cannot shrink our segments to a few bytes (RFC 5927 §4.4).
     */
    static final int MIN_PATH_MTU = 552;
    /** RFC 1191 §7: likely MTUs, for routers that do not say the next-hop MTU. */
    private static final int[] MTU_PLATEAUS = {32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68};

    final TcpConfig config;
    final int localIp;
    final int localPort;
    final int remoteIp;
    final int remotePort;
    final TcpStats stats = new TcpStats();
    final RttEstimator rtt;
    final ReceiveBuffer receiveBuffer;
    final SendBuffer sendBuffer = new SendBuffer();
    private final SegmentWriter writer;

    TcpState state = TcpState.CLOSED;
    private TcpFailure failure;

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
    private int duplicateAcks;
    private boolean inRecovery;
    private int recoverSeq;

    // Receive sequence space.
    int irs;
    /** The peer's SYN has been accepted: {@link #irs} means something (log lines count from it). */
    boolean irsKnown;
    /** Stream offset at which the peer's FIN sits, once seen; -1 before. */
    private long peerFinOffset = -1;
    boolean finReceived;
    final int rcvShift;
    /** Stream offset of the right edge of the window we last advertised; it never moves left. */
    long advertisedEdge;
    /** The window (in bytes, scaled) our last segment advertised. */
    long advertisedWindow = -1;
    /**
     * The right edge as the peer computes it from our window fields, which are rounded up to the scale
     * unit: less than one unit past {@link #advertisedEdge}, which the buffer's slack holds. Segments up to
     * it are acceptable (RFC 7323 §2.4); it never moves left either.
     */
    long announcedEdge;

    // Options agreed on the handshake.
    boolean timestampsOn;
    boolean sackOn;
    int tsRecent;
    /** RCV.NXT carried by the last ACK we sent (RFC 7323 Last.ACK.sent). */
    int lastAckSent;

    // ACK policy (RFC 5681 §4.2, RFC 9293 §3.8.6.3).
    boolean ackNow;
    long ackDueAt = NEVER;
    private int bytesSinceAck;

    // Timers.
    long retransmitAt = NEVER;
    private long persistAt = NEVER;
    /** Probes sent since the peer's window closed: each doubles the interval to the next. */
    private int persistBackoff;
    private long timeWaitUntil = NEVER;
    private long lastHeardAt;
    /** Karn's rule: the sequence number being timed and when it left, or -1 when nothing is timed. */
    private int timedSeq;
    private long timedSentAt = -1;
    private long challengeWindowStart;
    private int challengeAcksInWindow;
    private boolean rstPending;

    public TcpConnection(TcpConfig config, int localIp, int localPort, int remoteIp, int remotePort, int iss) {
        this.config = config;
        this.localIp = localIp;
        this.localPort = localPort;
        this.remoteIp = remoteIp;
        this.remotePort = remotePort;
        this.iss = iss;
        this.rcvShift = config.windowShift();
        // Slack of one window unit: advertised windows are rounded up so the right edge never moves left.
        this.receiveBuffer = new ReceiveBuffer(config.receiveBuffer() + (1 << rcvShift));
        this.rtt = new RttEstimator(config.minRtoNanos(), config.maxRtoNanos());
        this.writer = new SegmentWriter(this);
        this.windowLog = new WindowLog(log, writer.name());
    }

    private final WindowLog windowLog;

    // ---------------------------------------------------------------- application side

    /** Starts the three-way handshake: the SYN leaves at the next {@link #poll}. */
    public void connect(long now) {
        if (state != TcpState.CLOSED || failure != null) {
            throw new IllegalStateException("connect in state " + state);
        }
        sndUna = iss;
        sndNxt = iss;
        sndMax = iss;
        lastHeardAt = now;
        congestion = new NewReno(config.mss());
        retransmitAt = now;
        setState(TcpState.SYN_SENT);
    }

    /** Queues bytes to send; they leave as the windows allow. */
    public void write(byte[] data, int offset, int length) {
        if (finQueued || !(state == TcpState.SYN_SENT || state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT)) {
            throw new IllegalStateException("cannot send in state " + state + (finQueued ? " after close" : ""));
        }
        sendBuffer.append(data, offset, length);
    }

    /** Our side is done sending: a FIN follows the queued data. */
    public void close() {
        if (state == TcpState.CLOSED || finQueued) {
            return;
        }
        finQueued = true;
    }

    /** Gives up at once: a RST goes to the peer at the next poll, so it frees the connection too. */
    public void abort() {
        if (state == TcpState.CLOSED) {
            return;
        }
        rstPending = state != TcpState.TIME_WAIT;
        fail(TcpFailure.ABORTED);
    }

    /** Hands in-order received bytes to {@code consumer}; returns how many it took. */
    public long drainTo(ReceiveBuffer.Consumer consumer) {
        return receiveBuffer.drainTo(consumer);
    }

    public int readable() {
        return receiveBuffer.readable();
    }

    /** Data is held beyond a hole: ACKs now carry SACK news the sender needs at once. */
    public boolean hasReceiveHoles() {
        return receiveBuffer.hasHoles();
    }

    /** The peer has finished sending and the application has read everything. */
    public boolean isReceiveFinished() {
        return finReceived && receiveBuffer.readable() == 0;
    }

    public TcpState state() {
        return state;
    }

    /** Why the connection failed, or null. */
    public TcpFailure failure() {
        return failure;
    }

    public TcpStats stats() {
        return stats;
    }

    public RttEstimator rtt() {
        return rtt;
    }

    public int localPort() {
        return localPort;
    }

    public int remoteIp() {
        return remoteIp;
    }

    public int remotePort() {
        return remotePort;
    }

    /**
     * A router could not forward one of our segments without fragmenting it, and we set DF (path MTU
     * discovery, RFC 1191): segments shrink to fit {@code nextHopMtu}, and what was sent at the old size is
     * sent again at once. A size problem, not congestion: the congestion window stays (as Linux's
     * tcp_simple_retransmit). Believed only when the quoted sequence number is data in flight (RFC 5927
     * §4.1), so a blind attacker cannot shrink our segments. Returns true when the MSS changed.
     *
     * @param nextHopMtu  the MTU the router reported, or 0 (old routers): then the plateau below the
     *                    quoted packet's length is used
     * @param quotedTotalLength the IPv4 total length of our packet, as quoted
     * @param quotedSeq   the sequence number of our segment, as quoted
     */
    public boolean onFragmentationNeeded(int nextHopMtu, int quotedTotalLength, int quotedSeq, long now) {
        if (!state.isSynchronized() || state == TcpState.TIME_WAIT) {
            return false;
        }
        if (SeqNum.lt(quotedSeq, sndUna) || SeqNum.ge(quotedSeq, sndMax)) {
            log.debug("{}: fragmentation needed for seq {}, which is not in flight; ignored", writer.name(),
                    SeqNum.format(quotedSeq - iss));
            return false;
        }
        int mtu = nextHopMtu != 0 ? nextHopMtu : plateauBelow(quotedTotalLength);
        mtu = Math.max(mtu, MIN_PATH_MTU);
        int before = sendMss();
        if (pathMtu != 0 && mtu >= pathMtu || mtu - 40 >= Math.min(peerMss, config.mss())) {
            return false;
        }
        pathMtu = mtu;
        log.info("{}: path MTU {}: segments now carry at most {} bytes (were {})", writer.name(), mtu, sendMss(), before);
        if (sndNxt != sndUna) {
            sndNxt = sndUna;
            if (finSent && SeqNum.le(sndNxt, finSequence())) {
                finSent = false;
            }
            timedSentAt = -1;
            retransmitAt = NEVER;
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

    /** Ends the connection because the network said the peer cannot be reached (ICMP). */
    public void onUnreachable(String why) {
        if (state == TcpState.CLOSED) {
            return;
        }
        log.info("{}: {}", writer.name(), why);
        fail(TcpFailure.UNREACHABLE);
    }

    // ---------------------------------------------------------------- arrivals

    /** Processes one segment addressed to this connection, already checksum-verified, options parsed. */
    public void onSegment(TcpSegment seg, TcpOptions opts, long now) {
        stats.segmentsIn++;
        stats.payloadBytesIn += seg.payloadLength();
        if (log.isDebugEnabled()) {
            log.debug("In  {}", TcpdumpNotation.segment(remoteIp, localIp, seg, irsKnown, irs, iss));
        }
        switch (state) {
            case CLOSED -> {
                // A late segment after we finished; the owner answers it, if at all.
                log.debug("{}: connection is closed; segment dropped", writer.name());
            }
            case SYN_SENT -> onSegmentInSynSent(seg, opts, now);
            default -> onSegmentSynchronized(seg, opts, now);
        }
    }

    private void onSegmentInSynSent(TcpSegment seg, TcpOptions opts, long now) {
        boolean hasAck = seg.has(TcpFlags.ACK);
        if (hasAck && (SeqNum.le(seg.ack(), iss) || SeqNum.gt(seg.ack(), sndNxt))) {
            // RFC 9293 §3.10.7.3: an ACK for something we never sent; answer a non-RST with a RST.
            log.info("{}: SYN-ACK acknowledges {} but we sent {}; resetting it", writer.name(),
                    SeqNum.format(seg.ack() - iss), SeqNum.format(sndNxt - iss));
            if (!seg.has(TcpFlags.RST)) {
                writer.queueStrayReset(seg.ack());
            }
            return;
        }
        if (seg.has(TcpFlags.RST)) {
            if (hasAck) {
                fail(TcpFailure.REFUSED);
            } else {
                log.debug("{}: RST without ACK in SYN_SENT dropped (RFC 9293 §3.10.7.3)", writer.name());
            }
            return;
        }
        if (!seg.has(TcpFlags.SYN)) {
            log.debug("{}: segment without SYN in SYN_SENT dropped", writer.name());
            return;
        }
        if (!hasAck) {
            log.debug("{}: SYN without ACK (simultaneous open) ignored", writer.name());
            return;
        }
        lastHeardAt = now;
        irs = seg.seq();
        irsKnown = true;
        negotiate(opts);
        sndWnd = seg.window(); // RFC 7323 §2.2: the window of a SYN is never scaled
        maxSndWnd = sndWnd;
        sndWl1 = seg.seq();
        sndWl2 = seg.ack();
        if (timestampsOn) {
            tsRecent = opts.tsVal;
        }
        acknowledge(seg.ack(), opts, now);
        setState(TcpState.ESTABLISHED);
        ackNow = true;
        if (seg.payloadLength() > 0 || seg.has(TcpFlags.FIN)) {
            receiveData(seg, now);
        }
    }

    private void negotiate(TcpOptions opts) {
        peerMss = opts.mss >= 0 ? Math.max(opts.mss, MIN_PEER_MSS) : DEFAULT_PEER_MSS;
        if (opts.mss >= 0 && opts.mss < MIN_PEER_MSS) {
            log.info("{}: peer announced MSS {}; using {}", writer.name(), opts.mss, MIN_PEER_MSS);
        }
        boolean scaling = config.windowScaling() && opts.windowScale >= 0;
        sndShift = scaling ? opts.windowScale : 0;
        if (!scaling && rcvShift != 0) {
            // Without the peer's agreement our window is not scaled; the buffer simply holds more than we offer.
            log.debug("{}: peer does not scale windows", writer.name());
        }
        receiveShiftActive = scaling;
        sackOn = config.sack() && opts.sackPermitted;
        timestampsOn = config.timestamps() && opts.hasTimestamp;
        congestion = new NewReno(sendMss());
        log.info("{}: options agreed: mss {} (ours {}), wscale {}/{}, sack {}, timestamps {}", writer.name(), peerMss,
                config.mss(), scaling ? sndShift : "off", scaling ? rcvShift : "off", sackOn, timestampsOn);
    }

    boolean receiveShiftActive;

    /** The shift that applies to the window fields we send now. */
    int activeReceiveShift() {
        return receiveShiftActive ? rcvShift : 0;
    }

    private void onSegmentSynchronized(TcpSegment seg, TcpOptions opts, long now) {
        boolean rst = seg.has(TcpFlags.RST);
        // RFC 7323 §5.3 PAWS: an old timestamp marks an old duplicate; acknowledge and drop it.
        if (timestampsOn && opts.hasTimestamp && !rst && SeqNum.lt(opts.tsVal, tsRecent)) {
            stats.pawsRejected++;
            log.debug("{}: PAWS: TSval {} older than {}; dropped", writer.name(), Integer.toUnsignedString(opts.tsVal),
                    Integer.toUnsignedString(tsRecent));
            ackNow = true;
            return;
        }
        if (!acceptable(seg)) {
            stats.unacceptableSegments++;
            if (log.isDebugEnabled()) {
                log.debug("{}: segment at {} (+{}) is outside the window ({} at {}); dropped{}", writer.name(),
                        SeqNum.format(seg.seq() - irs), seg.sequenceLength(),
                        Math.max(0, announcedEdge - receiveBuffer.contiguousEnd()), SeqNum.format(rcvNxt() - irs),
                        rst ? "" : ", ACK follows");
            }
            if (!rst) {
                if (seg.payloadLength() > 0 && SeqNum.le(seg.seq() + seg.payloadLength(), rcvNxt())) {
                    stats.duplicateSegments++;
                    long end = receiveBuffer.contiguousEnd() - SeqNum.diff(rcvNxt(), seg.seq() + seg.payloadLength());
                    noteDuplicate(end - seg.payloadLength(), end);
                }
                if (state == TcpState.TIME_WAIT && seg.has(TcpFlags.FIN)) {
                    // RFC 9293 §3.10.7.4: the peer resent its FIN, so our ACK was lost: acknowledge it
                    // and restart the 2 MSL timeout, so a further loss is answered too.
                    timeWaitUntil = now + config.timeWaitNanos();
                }
                ackNow = true;
            }
            return;
        }
        if (rst) {
            onReset(seg, now);
            return;
        }
        if (seg.has(TcpFlags.SYN)) {
            // RFC 5961 §4.2: a SYN in a synchronized state gets a challenge ACK, never a reset.
            challengeAck(now, "SYN in " + state);
            return;
        }
        if (!seg.has(TcpFlags.ACK)) {
            return;
        }
        if (!onAck(seg, opts, now)) {
            return;
        }
        lastHeardAt = now;
        if (timestampsOn && opts.hasTimestamp && SeqNum.le(seg.seq(), lastAckSent)) {
            // RFC 7323 §4.3: remember the newest timestamp of a segment that reached the left window edge.
            if (SeqNum.ge(opts.tsVal, tsRecent)) {
                tsRecent = opts.tsVal;
            }
        }
        if (seg.payloadLength() > 0 || seg.has(TcpFlags.FIN)) {
            receiveData(seg, now);
        }
    }

    /** The acceptance test of RFC 9293 §3.10.7.4, against the window we advertised. */
    private boolean acceptable(TcpSegment seg) {
        int rcvNxt = rcvNxt();
        long wnd = Math.max(0, announcedEdge - receiveBuffer.contiguousEnd());
        int len = seg.sequenceLength();
        int seq = seg.seq();
        if (len == 0) {
            return wnd == 0 ? seq == rcvNxt : inWindow(seq, rcvNxt, wnd);
        }
        if (wnd == 0) {
            return false;
        }
        return inWindow(seq, rcvNxt, wnd) || inWindow(seq + len - 1, rcvNxt, wnd);
    }

    private static boolean inWindow(int seq, int left, long wnd) {
        long d = Integer.toUnsignedLong(seq - left);
        return d < wnd;
    }

    /** RFC 5961 §3.2: only a RST at exactly RCV.NXT resets; one elsewhere in the window is challenged. */
    private void onReset(TcpSegment seg, long now) {
        if (seg.seq() == rcvNxt()) {
            log.info("{}: reset by peer in {}", writer.name(), state);
            // After the peer's FIN everything it sent has arrived: its RST only ends our half.
            fail(finReceived ? null : TcpFailure.RESET);
            return;
        }
        challengeAck(now, "RST at seq " + SeqNum.format(seg.seq() - irs) + ", expected "
                + SeqNum.format(rcvNxt() - irs));
    }

    private void challengeAck(long now, String why) {
        if (now - challengeWindowStart >= 1_000_000_000L) {
            challengeWindowStart = now;
            challengeAcksInWindow = 0;
        }
        if (challengeAcksInWindow >= CHALLENGE_ACKS_PER_SECOND) {
            log.debug("{}: {}; challenge ACK suppressed by rate limit", writer.name(), why);
            return;
        }
        challengeAcksInWindow++;
        stats.challengeAcks++;
        log.info("{}: {}; sending challenge ACK", writer.name(), why);
        ackNow = true;
    }

    /** The ACK field (RFC 9293 §3.10.7.4 fifth check, RFC 5961 §5.2). Returns false when the segment is dropped. */
    private boolean onAck(TcpSegment seg, TcpOptions opts, long now) {
        int ack = seg.ack();
        // RFC 5961 §5.2: acceptable is SND.UNA - MAX.SND.WND <= SEG.ACK <= SND.NXT (SND.MAX here, since SND.NXT
        // steps back on a timeout); anything else is discarded and answered with a (rate-limited) ACK.
        if (SeqNum.gt(ack, sndMax)) {
            challengeAck(now, "ACK " + SeqNum.format(ack - iss) + " of data never sent");
            return false;
        }
        if (SeqNum.lt(ack, sndUna - (int) Math.min(maxSndWnd, Integer.MAX_VALUE))) {
            challengeAck(now, "ACK " + SeqNum.format(ack - iss) + " older than the largest window");
            return false;
        }
        long window = (long) seg.window() << sndShift;
        boolean newAck = SeqNum.gt(ack, sndUna);
        boolean duplicate = !newAck && ack == sndUna && seg.payloadLength() == 0 && !seg.has(TcpFlags.FIN)
                && window == sndWnd && sndMax != sndUna;
        if (SeqNum.lt(sndWl1, seg.seq()) || (sndWl1 == seg.seq() && SeqNum.le(sndWl2, ack))) {
            if (window != sndWnd && log.isDebugEnabled()) {
                log.debug("{}: peer window {} -> {}", writer.name(), sndWnd, window);
            }
            if (window == 0 && sndWnd != 0) {
                stats.peerZeroWindows++;
            }
            sndWnd = window;
            maxSndWnd = Math.max(maxSndWnd, window);
            sndWl1 = seg.seq();
            sndWl2 = ack;
            if (window > 0) {
                persistAt = NEVER;
                persistBackoff = 0;
            }
        }
        if (newAck) {
            acknowledge(ack, opts, now);
        } else if (duplicate) {
            onDuplicateAck(now);
        }
        return true;
    }

    private void acknowledge(int ack, TcpOptions opts, long now) {
        int acked = SeqNum.diff(ack, sndUna);
        if (timestampsOn && opts.hasTimestamp && opts.tsEcr != 0) {
            rtt.sample(((long) (writer.tsClock(now) - opts.tsEcr)) * 1_000_000L);
        } else if (timedSentAt >= 0 && SeqNum.gt(ack, timedSeq)) {
            rtt.sample(now - timedSentAt);
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
        sendBuffer.acknowledge(streamOffsetOfSend(ack));
        if (inRecovery) {
            boolean done = SeqNum.ge(ack, recoverSeq);
            congestion.onRecoveryAck(Math.max(dataAcked, 0), done);
            if (done) {
                inRecovery = false;
                log.info("{}: fast recovery complete, cwnd {}", writer.name(), congestion.window());
            } else {
                writer.retransmitFirstUnacked(); // RFC 6582 §3.2 step 5: a partial ACK shows the next loss
            }
        } else if (dataAcked > 0) {
            congestion.onAck(dataAcked);
        }
        duplicateAcks = 0;
        retransmitAt = sndUna == sndMax ? NEVER : now + rtt.rto();
        if (finAcked) {
            finSent = true;
            onFinAcked(now);
        }
    }

    private void onDuplicateAck(long now) {
        duplicateAcks++;
        if (inRecovery) {
            congestion.onDuplicateAckInRecovery();
        } else if (duplicateAcks == 3) {
            int flight = SeqNum.diff(sndMax, sndUna);
            inRecovery = true;
            recoverSeq = sndMax;
            congestion.onFastRetransmit(flight);
            stats.fastRetransmits++;
            log.info("{}: 3 duplicate ACKs at {}: fast retransmit, cwnd {}", writer.name(),
                    SeqNum.format(sndUna - iss), congestion.window());
            writer.retransmitFirstUnacked();
        }
    }

    private void onFinAcked(long now) {
        switch (state) {
            case FIN_WAIT_1 -> setState(TcpState.FIN_WAIT_2);
            case CLOSING -> enterTimeWait(now);
            case LAST_ACK -> setState(TcpState.CLOSED);
            default -> {
            }
        }
    }

    private void receiveData(TcpSegment seg, long now) {
        int payload = seg.payloadLength();
        // The SYN occupies SEG.SEQ; data in a SYN-ACK starts one after it (RFC 9293 §3.10.7.3).
        int firstDataSeq = seg.seq() + (seg.has(TcpFlags.SYN) ? 1 : 0);
        long offset = receiveBuffer.contiguousEnd() + SeqNum.diff(firstDataSeq, rcvNxt());
        if (payload > 0 && state.acceptsData()) {
            ReceiveBuffer.Outcome outcome = receiveBuffer.write(offset, seg.buffer(), seg.payloadOffset(), payload);
            switch (outcome) {
                case IN_ORDER -> {
                    bytesSinceAck += payload;
                    // RFC 5681 §4.2: ACK at least every second full-sized segment.
                    if (bytesSinceAck >= 2 * receiveMss()) {
                        ackNow = true;
                    } else if (ackDueAt == NEVER) {
                        ackDueAt = now + config.delayedAckNanos();
                    }
                }
                case FILLED_HOLE -> ackNow = true;
                case OUT_OF_ORDER -> {
                    stats.outOfOrderSegments++;
                    ackNow = true;
                }
                case DUPLICATE -> {
                    stats.duplicateSegments++;
                    ackNow = true;
                    pendingDuplicateStart = -1; // the buffer holds the newest duplicate: one D-SACK block only
                }
                case NO_ROOM -> ackNow = true;
            }
        }
        if (seg.has(TcpFlags.FIN) && peerFinOffset < 0) {
            peerFinOffset = offset + payload;
        }
        if (peerFinOffset >= 0 && !finReceived && receiveBuffer.contiguousEnd() == peerFinOffset) {
            onFinReceived(now);
        }
    }

    private void onFinReceived(long now) {
        finReceived = true;
        ackNow = true;
        log.info("{}: FIN received after {} bytes", writer.name(), peerFinOffset);
        switch (state) {
            case ESTABLISHED -> setState(TcpState.CLOSE_WAIT);
            case FIN_WAIT_1 -> setState(TcpState.CLOSING);
            case FIN_WAIT_2 -> enterTimeWait(now);
            default -> {
            }
        }
    }

    private void noteDuplicate(long start, long end) {
        if (start >= 0 && sackOn) {
            pendingDuplicateStart = start;
            pendingDuplicateEnd = end;
            receiveBuffer.clearDuplicate(); // only the newest duplicate is reported, as the first block
        }
    }

    long pendingDuplicateStart = -1;
    long pendingDuplicateEnd = -1;

    // ---------------------------------------------------------------- timers and transmission

    /** Runs due timers and sends whatever is due: SYN, data, FIN, ACKs, window updates, RST. */
    public void poll(long now, SegmentOutput out) {
        if (rstPending) {
            rstPending = false;
            writer.sendReset(sndNxt, out);
            return;
        }
        if (state == TcpState.CLOSED) {
            return;
        }
        if (state == TcpState.TIME_WAIT) {
            if (now - timeWaitUntil >= 0) {
                setState(TcpState.CLOSED);
                return;
            }
        } else if (now - lastHeardAt >= config.idleTimeoutNanos()) {
            log.info("{}: nothing from the peer for {} s; giving up", writer.name(), config.idleTimeoutNanos() / 1_000_000_000L);
            rstPending = state.isSynchronized();
            fail(TcpFailure.TIMED_OUT);
            if (rstPending) {
                rstPending = false;
                writer.sendReset(sndNxt, out);
            }
            return;
        }
        if (retransmitAt != NEVER && now - retransmitAt >= 0) {
            onRetransmitTimeout(now);
        }
        if (persistAt != NEVER && now - persistAt >= 0) {
            writer.sendWindowProbe(now, out);
            // RFC 9293 §3.8.6.1: the interval between probes SHOULD grow exponentially (Linux: RTO << n).
            persistBackoff = Math.min(persistBackoff + 1, 16);
            persistAt = now + Math.min(rtt.rto() << persistBackoff, config.maxRtoNanos());
        }
        if (ackDueAt != NEVER && now - ackDueAt >= 0) {
            ackNow = true;
        }
        writer.transmit(now, out);
        if (state.isSynchronized()) {
            windowLog.observe(now, congestion.window(), sndWnd, Math.max(advertisedWindow, 0), stats.peerZeroWindows,
                    stats.zeroWindowEvents);
        }
    }

    private void onRetransmitTimeout(long now) {
        int flight = SeqNum.diff(sndMax, sndUna);
        // stats.retransmissions counts segments resent, in onSent, not timer expiries.
        if (state == TcpState.SYN_SENT) {
            if (sndMax != iss) {
                stats.timeouts++;
                log.info("{}: SYN timed out after {} ms; resending", writer.name(), rtt.rto() / 1_000_000);
                rtt.backOff();
            }
        } else {
            stats.timeouts++;
            log.info("{}: retransmission timeout at {} ({} bytes in flight, rto {} ms)", writer.name(),
                    SeqNum.format(sndUna - iss), flight, rtt.rto() / 1_000_000);
            congestion.onTimeout(flight);
            inRecovery = false;
            duplicateAcks = 0;
            rtt.backOff();
        }
        // Go back: everything from SND.UNA is sent again as the congestion window allows (RFC 5681 §3.1).
        sndNxt = sndUna;
        if (finSent && SeqNum.le(sndNxt, finSequence())) {
            finSent = false;
        }
        timedSentAt = -1; // Karn: a retransmitted segment gives no RTT sample
        retransmitAt = NEVER;
    }

    /** The earliest time {@link #poll} has something to do; {@link #NEVER} when idle for good. */
    public long pollAt() {
        if (rstPending) {
            return 0;
        }
        if (state == TcpState.CLOSED) {
            return NEVER;
        }
        if (ackNow || writer.hasSomethingToSend()) {
            return 0;
        }
        long at = state == TcpState.TIME_WAIT ? timeWaitUntil : lastHeardAt + config.idleTimeoutNanos();
        at = min(at, retransmitAt);
        at = min(at, ackDueAt);
        at = min(at, persistAt);
        return at;
    }

    private static long min(long a, long b) {
        if (a == NEVER) {
            return b;
        }
        if (b == NEVER) {
            return a;
        }
        return a - b <= 0 ? a : b;
    }

    // ---------------------------------------------------------------- helpers shared with SegmentWriter

    int rcvNxt() {
        return irs + 1 + (int) receiveBuffer.contiguousEnd() + (finReceived ? 1 : 0);
    }

    int finSequence() {
        return iss + 1 + (int) sendBuffer.end();
    }

    long streamOffsetOfSend(int seq) {
        return Integer.toUnsignedLong(seq - iss - 1);
    }

    /**
     * The payload of a full-sized segment from the peer: neither side's MSS counts the options, so with
     * timestamps a full segment carries 12 bytes less (1448 on Ethernet), and a peer announcing a smaller
     * MSS has a smaller MTU on its side, which bounds what it sends too.
     */
    int receiveMss() {
        int mss = Math.min(peerMss, config.mss());
        return timestampsOn ? mss - 12 : mss;
    }

    int sendMss() {
        int mss = Math.min(peerMss, config.mss());
        if (pathMtu != 0) {
            mss = Math.min(mss, pathMtu - 40); // 20 bytes of IPv4 and 20 of TCP header: the MSS counts neither
        }
        return timestampsOn ? mss - 12 : mss;
    }

    void onSent(int seq, int seqLength, boolean retransmission, long now) {
        if (retransmission) {
            stats.retransmissions++;
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
        if (seqLength > 0 && retransmitAt == NEVER) {
            retransmitAt = now + rtt.rto();
        }
    }

    void onAckSent(long now) {
        ackNow = false;
        ackDueAt = NEVER;
        bytesSinceAck = 0;
        lastAckSent = rcvNxt();
        // RFC 2883 §4: a duplicate is reported in one ACK only; later ACKs carry plain SACK blocks.
        pendingDuplicateStart = -1;
        pendingDuplicateEnd = -1;
        receiveBuffer.clearDuplicate();
    }

    void armPersist(long now) {
        if (persistAt == NEVER) {
            persistAt = now + rtt.rto();
        }
    }

    void onFinSent() {
        finSent = true;
        switch (state) {
            case ESTABLISHED -> setState(TcpState.FIN_WAIT_1);
            case CLOSE_WAIT -> setState(TcpState.LAST_ACK);
            default -> {
            }
        }
    }

    private void enterTimeWait(long now) {
        setState(TcpState.TIME_WAIT);
        timeWaitUntil = now + config.timeWaitNanos();
        retransmitAt = NEVER;
    }

    private void fail(TcpFailure why) {
        if (why != null && failure == null) {
            failure = why;
            log.info("{}: {}", writer.name(), why.message());
        }
        retransmitAt = NEVER;
        ackDueAt = NEVER;
        persistAt = NEVER;
        ackNow = false;
        setState(TcpState.CLOSED);
    }

    void setState(TcpState next) {
        if (next != state) {
            log.info("{}: {} -> {}", writer.name(), state, next);
            state = next;
        }
    }

    SegmentWriter writer() {
        return writer;
    }
}
