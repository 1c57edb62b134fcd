package rawhttpget.tcp;

/**
 * The receive half of a {@link TcpConnection}: which segments are acceptable (RFC 9293 §3.10.7.4, PAWS of
 * RFC 7323, the RFC 5961 challenge ACK), handing their data to the reassembly buffer, deciding when an ACK
 * is due (RFC 5681 §4.2), and what that ACK says: the window we advertise and the SACK and D-SACK blocks
 * (RFC 2018, RFC 2883). State changes (a FIN arriving, a RST) are the connection's; this class tells it.
 */
final class Receiver {
    /** RFC 5961 §7: at most this many challenge ACKs a second. */
    private static final int CHALLENGE_ACKS_PER_SECOND = 100;

    private final TcpConnection c;
    private final ReceiveBuffer buffer;
    private final long[] sackScratch = new long[2 * TcpOptions.MAX_SACK_BLOCKS];

    // Receive sequence space (RFC 9293 §3.3.1).
    private int irs;
    /** The peer's SYN has been accepted: {@link #irs} means something (log lines count from it). */
    private boolean irsKnown;
    /** Stream offset at which the peer's FIN sits, once seen; -1 before. */
    private long peerFinOffset = -1;
    private boolean finReceived;

    // The window we advertise (RFC 7323 §2).
    private final int rcvShift;
    /** The peer agreed to window scaling: our window fields are shifted by {@link #rcvShift}. */
    private boolean shiftActive;
    /** Stream offset of the right edge of the window we last advertised; it never moves left. */
    private long advertisedEdge;
    /** The window (in bytes, scaled) our last segment advertised. */
    private long advertisedWindow = -1;
    /**
     * The right edge as the peer computes it from our window fields, which are rounded up to the scale
     * unit: less than one unit past {@link #advertisedEdge}, which the buffer's slack holds. Segments up to
     * it are acceptable (RFC 7323 §2.4); it never moves left either.
     */
    private long announcedEdge;

    // Timestamps (RFC 7323 §4.3).
    private int tsRecent;
    /** RCV.NXT carried by the last ACK we sent (RFC 7323 Last.ACK.sent). */
    private int lastAckSent;

    // ACK policy (RFC 5681 §4.2, RFC 9293 §3.8.6.3).
    private boolean ackNow;
    /** Delayed ACK (RFC 5681 §4.2, at most the configured 40 ms). */
    private final Timer delayedAck = new Timer();
    /** In-order payload received since our last ACK: two full segments make an ACK due. */
    private int bytesSinceAck;
    /** A duplicate that arrived outside the window, to report as a D-SACK block; -1 when none. */
    private long pendingDuplicateStart = -1;
    private long pendingDuplicateEnd = -1;

    /** Limits how fast the application drains the buffer, and so how fast the window opens; null for none. */
    private ReadPacer pacer;

    private long challengeWindowStart;
    private int challengeAcksInWindow;

    Receiver(TcpConnection c, int rcvShift, int receiveBufferBytes) {
        this.c = c;
        this.rcvShift = rcvShift;
        // Slack of one window unit: advertised windows are rounded up so the right edge never moves left.
        this.buffer = new ReceiveBuffer(receiveBufferBytes + (1 << rcvShift));
    }

    // ---------------------------------------------------------------- what others may ask

    int irs() {
        return irs;
    }

    /** The peer's SYN has been accepted: {@link #irs} means something. */
    boolean irsKnown() {
        return irsKnown;
    }

    int tsRecent() {
        return tsRecent;
    }

    /** The shift we offer for our window fields (RFC 7323 §2.2), in force once the peer agrees. */
    int windowShift() {
        return rcvShift;
    }

    /** The peer's FIN has arrived, and everything before it. */
    boolean finReceived() {
        return finReceived;
    }

    /** Stream offset of the peer's FIN: how many bytes it sent. */
    long finOffset() {
        return peerFinOffset;
    }

    /** The window (in bytes, scaled) our last segment advertised; -1 before any. */
    long advertisedWindow() {
        return advertisedWindow;
    }

    long drainTo(ReceiveBuffer.Consumer consumer) {
        if (pacer == null) {
            return buffer.drainTo(consumer);
        }
        long taken = pacer.drain(buffer, consumer);
        c.stats.pacedReads = pacer.pauses();
        return taken;
    }

    /** From now on the application reads at the pacer's rate (--limit-rate); null: as fast as it likes. */
    void paceReads(ReadPacer readPacer) {
        pacer = readPacer;
        if (readPacer != null) {
            c.stats.readRateLimit = readPacer.bytesPerSecond();
        }
    }

    ReadPacer pacer() {
        return pacer;
    }

    int readable() {
        return buffer.readable();
    }

    long outOfOrderBytes() {
        return buffer.outOfOrderBytes();
    }

    /** Bytes the application has taken so far. */
    long bytesRead() {
        return buffer.readOffset();
    }

    boolean hasHoles() {
        return buffer.hasHoles();
    }

    /** In-order bytes received that no ACK of ours has covered yet (RCV.NXT - Last.ACK.sent, RFC 7323). */
    long unacknowledgedBytes() {
        return irsKnown ? Math.max(0, SeqNum.diff(rcvNxt(), lastAckSent)) : 0;
    }

    // ---------------------------------------------------------------- the handshake

    /** The peer's SYN-ACK was accepted: its sequence numbers count from {@code peerIss}. */
    void synchronize(int peerIss) {
        irs = peerIss;
        irsKnown = true;
    }

    /** Whether the peer agreed to scale windows: only then are our window fields shifted. */
    void agreeWindowScaling(boolean agreed) {
        shiftActive = agreed;
    }

    /** The SYN-ACK's timestamp is the first TS.Recent (RFC 7323 §4.3). */
    void acceptSynTimestamp(int tsVal) {
        tsRecent = tsVal;
    }

    // ---------------------------------------------------------------- arrivals

    int rcvNxt() {
        return irs + 1 + (int) buffer.contiguousEnd() + (finReceived ? 1 : 0);
    }

    /** The shift that applies to the window fields we send now. */
    int activeShift() {
        return shiftActive ? rcvShift : 0;
    }

    /**
     * The payload of a full-sized segment from the peer: neither side's MSS counts the options, so with
     * timestamps a full segment carries 12 bytes less (1448 on Ethernet), and a peer announcing a smaller
     * MSS has a smaller MTU on its side, which bounds what it sends too.
     */
    int fullSegment() {
        int mss = Math.min(c.sender.peerMss(), c.config.mss());
        return c.timestampsOn() ? mss - 12 : mss;
    }

    /** RFC 7323 §5.3 PAWS: an old timestamp marks an old duplicate; it is acknowledged and dropped. */
    boolean failsPaws(TcpSegment seg, TcpOptions opts) {
        if (!c.timestampsOn() || !opts.hasTimestamp || seg.has(TcpFlags.RST) || !SeqNum.lt(opts.tsVal, tsRecent)) {
            return false;
        }
        c.stats.pawsRejected++;
        TcpConnection.log.debug("{}: PAWS: TSval {} older than {}; dropped", c.name(),
                Integer.toUnsignedString(opts.tsVal), Integer.toUnsignedString(tsRecent));
        ackNow = true;
        return true;
    }

    /** The acceptance test of RFC 9293 §3.10.7.4, against the window we advertised. */
    boolean acceptable(TcpSegment seg) {
        return SegmentAcceptance.acceptable(rcvNxt(), window(), seg.seq(), seg.sequenceLength());
    }

    private long window() {
        return Math.max(0, announcedEdge - buffer.contiguousEnd());
    }

    /**
     * A segment failed {@link #acceptable}: it is dropped and, unless a RST, answered with an ACK. A copy of
     * data we already hold is reported as a D-SACK, so the peer learns its retransmission was needless.
     */
    void onUnacceptable(TcpSegment seg, long now) {
        c.stats.unacceptableSegments++;
        boolean rst = seg.has(TcpFlags.RST);
        if (TcpConnection.log.isDebugEnabled()) {
            TcpConnection.log.debug("{}: segment at {} (+{}) is outside the window ({} at {}); dropped{}", c.name(),
                    SeqNum.format(seg.seq() - irs), seg.sequenceLength(), window(), SeqNum.format(rcvNxt() - irs),
                    rst ? "" : ", ACK follows");
        }
        if (rst) {
            return;
        }
        if (seg.payloadLength() > 0 && SeqNum.le(seg.seq() + seg.payloadLength(), rcvNxt())) {
            c.stats.duplicateSegments++;
            long end = buffer.contiguousEnd() - SeqNum.diff(rcvNxt(), seg.seq() + seg.payloadLength());
            noteDuplicate(end - seg.payloadLength(), end);
        }
        if (c.state() == TcpState.TIME_WAIT && seg.has(TcpFlags.FIN)) {
            // RFC 9293 §3.10.7.4: the peer resent its FIN, so our ACK was lost: acknowledge it and restart
            // the 2 MSL timeout, so a further loss is answered too.
            c.restartTimeWait(now);
        }
        ackNow = true;
    }

    private void noteDuplicate(long start, long end) {
        if (start >= 0 && c.sackOn()) {
            pendingDuplicateStart = start;
            pendingDuplicateEnd = end;
            buffer.clearDuplicate(); // only the newest duplicate is reported, as the first block
        }
    }

    /** RFC 7323 §4.3: remember the newest timestamp of a segment that reached the left window edge. */
    void rememberTimestamp(TcpSegment seg, TcpOptions opts) {
        if (c.timestampsOn() && opts.hasTimestamp && SeqNum.le(seg.seq(), lastAckSent)
                && SeqNum.ge(opts.tsVal, tsRecent)) {
            tsRecent = opts.tsVal;
        }
    }

    /** RFC 5961 §7: a challenge ACK, unless this second's allowance is spent (they can be forced by anyone). */
    void challengeAck(long now, String why) {
        if (now - challengeWindowStart >= 1_000_000_000L) {
            challengeWindowStart = now;
            challengeAcksInWindow = 0;
        }
        if (challengeAcksInWindow >= CHALLENGE_ACKS_PER_SECOND) {
            TcpConnection.log.debug("{}: {}; challenge ACK suppressed by rate limit", c.name(), why);
            return;
        }
        challengeAcksInWindow++;
        c.stats.challengeAcks++;
        TcpConnection.log.info("{}: {}; sending challenge ACK", c.name(), why);
        ackNow = true;
    }

    /**
     * Hands an acceptable segment's data to reassembly and decides how soon to acknowledge it. Returns true
     * when the peer's FIN has just become in order: everything it will send has arrived.
     */
    boolean receive(TcpSegment seg, long now) {
        int payload = seg.payloadLength();
        // The SYN occupies SEG.SEQ; data in a SYN-ACK starts one after it (RFC 9293 §3.10.7.3).
        int firstDataSeq = seg.seq() + (seg.has(TcpFlags.SYN) ? 1 : 0);
        long offset = buffer.contiguousEnd() + SeqNum.diff(firstDataSeq, rcvNxt());
        if (payload > 0 && c.state().acceptsData()) {
            decideAck(buffer.write(offset, seg.buffer(), seg.payloadOffset(), payload), payload, now);
        }
        if (seg.has(TcpFlags.FIN) && peerFinOffset < 0) {
            peerFinOffset = offset + payload;
        }
        if (peerFinOffset >= 0 && !finReceived && buffer.contiguousEnd() == peerFinOffset) {
            finReceived = true;
            ackNow = true;
            return true;
        }
        return false;
    }

    /**
     * RFC 5681 §4.2: ACK at least every second full-sized segment, and at once for anything the sender
     * should hear of without delay (data out of order, a hole filled, a duplicate, no room); otherwise
     * within the delayed-ACK time.
     */
    private void decideAck(ReceiveBuffer.Outcome outcome, int payload, long now) {
        switch (outcome) {
            case IN_ORDER -> {
                bytesSinceAck += payload;
                if (bytesSinceAck >= 2 * fullSegment()) {
                    ackNow = true;
                } else {
                    delayedAck.armUnlessRunning(now + c.config.delayedAckNanos());
                }
            }
            case FILLED_HOLE -> ackNow = true;
            case OUT_OF_ORDER -> {
                c.stats.outOfOrderSegments++;
                ackNow = true;
            }
            case DUPLICATE -> {
                c.stats.duplicateSegments++;
                ackNow = true;
                pendingDuplicateStart = -1; // the buffer holds the newest duplicate: one D-SACK block only
            }
            case NO_ROOM -> ackNow = true;
        }
    }

    // ---------------------------------------------------------------- the ACK decision

    /** Something arrived that must be acknowledged at once (the SYN-ACK, for one). */
    void requestAck() {
        ackNow = true;
    }

    /** An ACK is owed now (without counting a window update that may also be due). */
    boolean owesAck() {
        return ackNow;
    }

    /**
     * Whether an ACK must leave now: one is owed, or the window has opened enough that the peer should hear
     * of it, which counts as a window update.
     */
    boolean ackDue() {
        if (windowUpdateDue()) {
            c.stats.windowUpdates++;
            ackNow = true;
        }
        return ackNow;
    }

    /** The delayed-ACK timer: once it fires, the ACK it held back is owed. */
    void onTimers(long now) {
        if (delayedAck.isExpired(now)) {
            ackNow = true;
        }
    }

    long delayedAckDeadline() {
        return delayedAck.deadline();
    }

    /** The connection ended: no ACK is owed and none will be. */
    void stop() {
        delayedAck.cancel();
        ackNow = false;
    }

    /** An ACK has left: nothing is owed until more data arrives. */
    void onAckSent() {
        ackNow = false;
        delayedAck.cancel();
        bytesSinceAck = 0;
        lastAckSent = rcvNxt();
        // RFC 2883 §4: a duplicate is reported in one ACK only; later ACKs carry plain SACK blocks.
        pendingDuplicateStart = -1;
        pendingDuplicateEnd = -1;
        buffer.clearDuplicate();
    }

    // ---------------------------------------------------------------- what our ACKs say

    /**
     * The application has drained enough that the peer, who may be stalled on a small window, should hear
     * of the new room (RFC 9293 §3.8.6.2.2, receiver side of silly-window avoidance).
     */
    boolean windowUpdateDue() {
        if (!c.state().acceptsData() || finReceived) {
            return false;
        }
        long nextOffset = buffer.contiguousEnd();
        long offered = advertisedEdge - nextOffset;
        return edgeWeCouldOffer(nextOffset) - advertisedEdge >= updateThreshold() && offered < largestWindow() / 2;
    }

    private long freeSpace() {
        return Math.max(0, (long) c.config.receiveBuffer() - buffer.readable());
    }

    /**
     * The right edge the free buffer allows, as far as a window field can say it: without window scaling (the
     * peer offered none) 65535 bytes past RCV.NXT at most. Against the unclamped free space a 4 MiB buffer
     * looked like room for an update after every update, and every poll sent one: an ACK every ~43 µs for as
     * long as a peer that had offered no scaling kept its own window shut (HostileTcpEndToEndTest).
     */
    private long edgeWeCouldOffer(long nextOffset) {
        return nextOffset + Math.min(freeSpace(), 65535L << activeShift());
    }

    /** The most our window can be: the buffer, or what the window field can say. */
    private long largestWindow() {
        return Math.min(c.config.receiveBuffer(), 65535L << activeShift());
    }

    private long updateThreshold() {
        return Math.min(c.config.receiveBuffer() / 2, c.config.mss());
    }

    /** The window field for a non-SYN segment; moves the advertised right edge right only in useful steps. */
    int windowField() {
        long nextOffset = buffer.contiguousEnd();
        long candidate = edgeWeCouldOffer(nextOffset);
        int shift = activeShift();
        if (candidate - advertisedEdge >= updateThreshold() || advertisedEdge < nextOffset) {
            advertisedEdge = Math.max(advertisedEdge, candidate);
        }
        long window = Math.max(0, advertisedEdge - nextOffset);
        // Rounded up so the right edge never moves left; the buffer has one unit of slack for it. The
        // rounding must not feed back into advertisedEdge: rounded again from the next RCV.NXT, the edge
        // would creep right by up to a unit per ACK, past the buffer, and the window would never close.
        long field = Math.min(65535, (window + (1L << shift) - 1) >> shift);
        announcedEdge = Math.max(announcedEdge, nextOffset + (field << shift));
        if (field == 0) {
            c.stats.zeroWindowsAdvertised++;
            if (advertisedWindow != 0) {
                c.stats.zeroWindowEvents++;
            }
        }
        advertisedWindow = field << shift;
        c.stats.largestWindowAdvertised = Math.max(c.stats.largestWindowAdvertised, field << shift);
        c.stats.smallestWindowAdvertised = Math.min(c.stats.smallestWindowAdvertised, field << shift);
        return (int) field;
    }

    /** The window of our SYN: never scaled (RFC 7323 §2.2); both edges start there. */
    int synWindow() {
        int window = (int) Math.min(65535, c.config.receiveBuffer());
        advertisedEdge = window;
        announcedEdge = window;
        return window;
    }

    /** SACK blocks for an ACK: a pending D-SACK first (RFC 2883), then the reassembly queue's (RFC 2018). */
    void addSackBlocks(TcpOptions options) {
        int max = c.timestampsOn() ? 3 : 4;
        int n = 0;
        long base = irs + 1L;
        if (pendingDuplicateStart >= 0) {
            options.sackBlocks[0] = (int) (base + pendingDuplicateStart);
            options.sackBlocks[1] = (int) (base + pendingDuplicateEnd);
            n = 1;
            c.stats.dsackBlocksSent++;
        }
        int blocks = buffer.sackBlocks(sackScratch, max - n);
        for (int i = 0; i < blocks; i++) {
            options.sackBlocks[2 * n] = (int) (base + sackScratch[2 * i]);
            options.sackBlocks[2 * n + 1] = (int) (base + sackScratch[2 * i + 1]);
            n++;
        }
        options.sackBlockCount = n;
        c.stats.sackBlocksSent += blocks;
    }
}
