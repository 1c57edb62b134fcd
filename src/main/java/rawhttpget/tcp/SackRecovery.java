package rawhttpget.tcp;

/**
 * SACK-based loss recovery (RFC 6675), used when the peer agreed to SACK. All positions are stream offsets
 * of our data (byte 0 follows the SYN); "End" names are one past the RFC's octet (HighRxt + 1 and so on).
 *
 * <p>Outside recovery it keeps the scoreboard and counts duplicate ACKs (those bringing new SACK news,
 * RFC 6675 §2). A loss is declared at the third, or as soon as the first unacknowledged byte IsLost; from
 * then until the cumulative ACK passes the RecoveryPoint, what leaves is chosen by {@link #nextSegment}
 * while cwnd - pipe allows a full segment. The congestion window itself is {@link CongestionControl}'s.
 */
final class SackRecovery {
    private final SackScoreboard scoreboard = new SackScoreboard();

    private boolean inRecovery;
    private int dupAcks;
    /** RecoveryPoint + 1: HighData when the loss was found (or at the last timeout); -1 before any loss. */
    private long recoveryPointEnd = -1;
    /** HighRxt + 1: everything below it was retransmitted in this recovery (or is acknowledged). */
    private long highRxtEnd;
    /** RescueRxt + 1, or -1 while undefined. */
    private long rescueRxtEnd = -1;
    /** Bytes believed in the network (SetPipe, plus what left since). */
    private long pipe;
    /** Entry step 3: the segment at SND.UNA is resent first, whatever the window. */
    private boolean firstRetransmissionDue;

    // The segment NextSeg() chose; valid after it returned true.
    private long nextOffset;
    private int nextLength;
    /** The chosen segment is rule (4)'s rescue retransmission: it does not move HighRxt. */
    private boolean nextIsRescue;

    SackScoreboard scoreboard() {
        return scoreboard;
    }

    /** Where the segment NextSeg() chose starts (a stream offset); valid after {@link #nextSegment} said true. */
    long nextOffset() {
        return nextOffset;
    }

    int nextLength() {
        return nextLength;
    }

    boolean nextIsRescue() {
        return nextIsRescue;
    }

    boolean inRecovery() {
        return inRecovery;
    }

    long pipe() {
        return pipe;
    }

    long recoveryPointEnd() {
        return recoveryPointEnd;
    }

    long highRxtEnd() {
        return highRxtEnd;
    }

    /**
     * Records the SACK blocks of an arriving ACK (RFC 6675 Update()), clipped to what is outstanding: a
     * block below {@code una} is a D-SACK (RFC 2883) and says nothing about what is missing. Returns the
     * bytes newly SACKed.
     */
    long update(TcpOptions opts, long una, long highData, Sender sender) {
        scoreboard.advanceTo(una);
        long fresh = 0;
        for (int i = 0; i < opts.sackBlockCount; i++) {
            int startSeq = opts.sackBlocks[2 * i];
            int endSeq = opts.sackBlocks[2 * i + 1];
            if (!SeqNum.lt(startSeq, endSeq) || SeqNum.lt(startSeq, sender.unacknowledged())
                    || SeqNum.gt(endSeq, sender.highestSent())) {
                continue; // a D-SACK, or nonsense: the scoreboard keeps only what a SACK can truthfully say
            }
            long start = sender.streamOffset(startSeq);
            long end = Math.min(sender.streamOffset(endSeq), highData);
            fresh += scoreboard.add(start, end);
        }
        return fresh;
    }

    /**
     * An ACK that did not advance SND.UNA. Returns true when it starts loss recovery (RFC 6675 §5 steps
     * 1-2): a duplicate ACK (new SACK news) that is the third, or after which the first byte IsLost.
     */
    boolean onDuplicate(long newlySacked, long una, int smss) {
        if (inRecovery || newlySacked == 0) {
            return false;
        }
        dupAcks++;
        boolean lossSeen = dupAcks >= SackScoreboard.DUP_THRESH || scoreboard.isLost(una, smss);
        // RFC 6675 §5: not again for losses among what was outstanding at the last loss or timeout.
        return lossSeen && (recoveryPointEnd < 0 || una >= recoveryPointEnd);
    }

    /** RFC 6675 §5 step 4: RecoveryPoint = HighData; the segment at SND.UNA goes first. */
    void enter(long una, long highData, int smss) {
        inRecovery = true;
        recoveryPointEnd = highData;
        highRxtEnd = una;
        rescueRxtEnd = -1;
        firstRetransmissionDue = true;
        pipe = scoreboard.pipe(una, highData, highRxtEnd, smss);
    }

    /**
     * A cumulative ACK advanced SND.UNA. Returns true when it ends recovery (step A: it covers the
     * RecoveryPoint); otherwise, in recovery, the pipe is computed again (step B.2).
     */
    boolean onCumulativeAck(long una, long highData, int smss) {
        dupAcks = 0;
        scoreboard.advanceTo(una);
        if (!inRecovery) {
            return false;
        }
        if (una >= recoveryPointEnd) {
            inRecovery = false;
            firstRetransmissionDue = false;
            return true;
        }
        highRxtEnd = Math.max(highRxtEnd, una);
        pipe = scoreboard.pipe(una, highData, highRxtEnd, smss);
        return false;
    }

    /** More SACK news in recovery without a cumulative advance (step B). */
    void onSackInRecovery(long una, long highData, int smss) {
        pipe = scoreboard.pipe(una, highData, highRxtEnd, smss);
    }

    /** RFC 6675 §5.1: a timeout ends recovery, forgets the scoreboard and holds off re-entry to HighData. */
    void onTimeout(long highData) {
        if (inRecovery || recoveryPointEnd >= 0 || !scoreboard.isEmpty()) {
            recoveryPointEnd = highData;
        }
        inRecovery = false;
        firstRetransmissionDue = false;
        dupAcks = 0;
        scoreboard.clear();
    }

    /**
     * RFC 6675 NextSeg(): which segment to send next in recovery, in {@link #nextOffset}/{@link #nextLength};
     * false when nothing may leave. Step (C): only while cwnd - pipe is at least one segment, except the
     * first retransmission on entry. Retransmissions stop at the next SACKed range, so SACKed data is never
     * sent again.
     *
     * @param dataEnd   stream offset one past the data the application has written
     * @param windowEnd stream offset one past what the peer's window allows
     */
    boolean nextSegment(long una, long highData, long dataEnd, long windowEnd, int smss, int cwnd) {
        if (!inRecovery) {
            return false;
        }
        nextIsRescue = false;
        if (firstRetransmissionDue) {
            return choose(una, smss);
        }
        if (cwnd - pipe < smss) {
            return false;
        }
        long highestSackedEnd = scoreboard.highestSackedEnd();
        // Rule 1: the first unSACKed byte above HighRxt and below the highest SACK, if it IsLost. IsLost only
        // weakens going up (fewer SACKed bytes lie above), so no later hole can qualify if this one does not.
        long s2 = scoreboard.firstUnsacked(Math.max(highRxtEnd, una));
        boolean belowSacks = s2 < highestSackedEnd;
        if (belowSacks && scoreboard.isLost(s2, smss)) {
            return choose(s2, smss);
        }
        // Rule 2: new data, as the peer's window allows.
        long room = Math.min(dataEnd, windowEnd) - highData;
        if (room > 0) {
            nextOffset = highData;
            nextLength = (int) Math.min(room, smss);
            return true;
        }
        // Rule 3: an unSACKed byte above HighRxt and below the highest SACK, lost or not.
        if (belowSacks) {
            return choose(s2, smss);
        }
        // Rule 4: one rescue retransmission per recovery, ending at the highest unSACKed byte.
        long top = scoreboard.highestUnsacked(una, highData);
        if (top >= 0 && (rescueRxtEnd < 0 || una > rescueRxtEnd)) {
            long start = Math.max(top + 1 - smss, una);
            long sacked = scoreboard.highestSackedEndBelow(top);
            nextOffset = Math.max(start, sacked);
            nextLength = (int) (top + 1 - nextOffset);
            nextIsRescue = true;
            return true;
        }
        return false;
    }

    /** One segment from {@code offset}, at most SMSS and not into the next SACKed range. */
    private boolean choose(long offset, int smss) {
        long end = offset + smss;
        long holeEnd = scoreboard.holeEnd(offset);
        if (holeEnd >= 0) {
            end = Math.min(end, holeEnd);
        }
        nextOffset = offset;
        nextLength = (int) Math.min(end - offset, recoveryPointEnd - offset);
        return nextLength > 0;
    }

    /** Steps C.2-C.4 for the segment {@link #nextSegment} chose, now sent. */
    void onSent(long highDataBefore, long una, long highData, int smss) {
        long end = nextOffset + nextLength;
        if (firstRetransmissionDue) {
            // Entry step 3, then step 4: HighRxt and RescueRxt at its end, and the pipe from scratch.
            firstRetransmissionDue = false;
            highRxtEnd = end;
            rescueRxtEnd = end;
            pipe = scoreboard.pipe(una, highData, highRxtEnd, smss);
            return;
        }
        if (nextIsRescue) {
            rescueRxtEnd = recoveryPointEnd;
        } else if (nextOffset < highDataBefore) {
            highRxtEnd = Math.max(highRxtEnd, end);
        }
        pipe += nextLength;
    }
}
