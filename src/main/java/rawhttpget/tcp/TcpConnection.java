package rawhttpget.tcp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rawhttpget.inet.IpAddress;
import rawhttpget.inet.Ipv4Address;

/**
 * One actively opened TCP connection (RFC 9293), driven by its owner: {@link #onSegment} for each segment
 * that arrives, {@link #poll} to let it transmit and run its timers, {@link #pollAt} to learn when it next
 * needs to run. Time is always an argument; nothing here reads a clock, blocks or starts a thread.
 *
 * <p>This class is the state machine: it checks an arriving segment in the order RFC 9293 §3.10.7 gives,
 * hands each part to its owner and makes the state changes. The rules live in the parts: {@link Receiver}
 * (acceptance, reassembly, ACK policy and the delayed-ACK timer, advertised window, SACK blocks), {@link Sender}
 * (send sequence space, ACK processing, congestion control, loss recovery, what leaves through its
 * {@link SendPath}, the retransmission and persist timers) and {@link SegmentWriter} (segment bytes, ACKs
 * and resets). The connection itself keeps only TIME-WAIT and the idle clock.
 */
public final class TcpConnection {
    static final Logger log = LoggerFactory.getLogger("rawhttpget.tcp");
    static final long NEVER = Timer.NEVER;

    final TcpConfig config;
    /** IPv4 bits, 0 over IPv6; {@link #local} and {@link #remote} are of either family. */
    final int localIp;
    final int localPort;
    final int remoteIp;
    final int remotePort;
    final IpAddress local;
    final IpAddress remote;
    final long addressWords; // both addresses' pseudo-header words, summed once for every segment
    final TcpStats stats = new TcpStats();
    final RttEstimator rtt;
    final Receiver receiver;
    final Sender sender;
    final int timestampOffset;
    private final SegmentWriter writer;
    private final WindowLog windowLog;
    private final TcpReportView report;
    /** End of TIME-WAIT. */
    private final Timer timeWait = new Timer();
    /** When the peer last sent something acceptable: the idle timeout counts from here. */
    private long lastHeardAt;

    private TcpState state = TcpState.CLOSED;
    private TcpFailure failure;
    /** A RST is owed to the peer (abort, idle timeout): it leaves at the next poll. */
    private boolean rstPending;

    // Options agreed on the handshake; both halves follow them.
    private boolean timestampsOn;
    private boolean sackOn;

    /** {@code timestampOffset}: added to our millisecond clock for the TSval (IsnGenerator#timestampOffset). */
    public TcpConnection(TcpConfig config, int localIp, int localPort, int remoteIp, int remotePort, int iss,
                         int timestampOffset) {
        this(config, new Ipv4Address(localIp), localPort, new Ipv4Address(remoteIp), remotePort, iss, timestampOffset);
    }

    /** Between two addresses of one family; {@code config}'s MSS already counts that family's header. */
    public TcpConnection(TcpConfig config, IpAddress local, int localPort, IpAddress remote, int remotePort, int iss,
                         int timestampOffset) {
        this.config = config;
        this.timestampOffset = timestampOffset;
        this.local = local;
        this.remote = remote;
        this.localIp = local instanceof Ipv4Address a ? a.bits() : 0;
        this.localPort = localPort;
        this.remoteIp = remote instanceof Ipv4Address a ? a.bits() : 0;
        this.remotePort = remotePort;
        this.addressWords = local.checksumWords() + remote.checksumWords();
        this.receiver = new Receiver(this, config.windowShift(), config.receiveBuffer());
        this.sender = new Sender(this, iss);
        this.rtt = new RttEstimator(config.minRtoNanos(), config.maxRtoNanos());
        this.writer = new SegmentWriter(this);
        this.windowLog = new WindowLog(log, writer.name());
        this.report = new TcpReportView(receiver, sender);
    }

    // ---------------------------------------------------------------- application side

    /** Starts the three-way handshake: the SYN leaves at the next {@link #poll}. */
    public void connect(long now) {
        if (state != TcpState.CLOSED || failure != null) {
            throw new IllegalStateException("connect in state " + state);
        }
        lastHeardAt = now;
        sender.startConnecting(now);
        setState(TcpState.SYN_SENT);
    }

    /** Queues bytes to send; they leave as the windows allow. */
    public void write(byte[] data, int offset, int length) {
        if (sender.finQueued()
                || !(state == TcpState.SYN_SENT || state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT)) {
            throw new IllegalStateException("cannot send in state " + state + (sender.finQueued() ? " after close" : ""));
        }
        sender.queue(data, offset, length);
    }

    /** Our side is done sending: a FIN follows the queued data. */
    public void close() {
        if (state == TcpState.CLOSED || sender.finQueued()) {
            return;
        }
        sender.queueFin();
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
        return receiver.drainTo(consumer);
    }

    /**
     * Paces the application's reads to {@code pacer} (--limit-rate): bytes it does not allow stay in the receive
     * buffer, so the advertised window throttles the peer. Null lifts the limit.
     */
    public void paceReads(ReadPacer pacer) {
        receiver.paceReads(pacer);
    }

    public int readable() {
        return receiver.readable();
    }

    /** Data is held beyond a hole: ACKs now carry SACK news the sender needs at once. */
    public boolean hasReceiveHoles() {
        return receiver.hasHoles();
    }

    /** In-order bytes received that no ACK of ours has covered yet (RCV.NXT - Last.ACK.sent, RFC 7323). */
    public long unacknowledgedBytes() {
        return state.isSynchronized() ? receiver.unacknowledgedBytes() : 0;
    }

    /** The peer has finished sending and the application has read everything. */
    public boolean isReceiveFinished() {
        return receiver.finReceived() && receiver.readable() == 0;
    }

    /** What --report shows of the windows and the receive queue. */
    public TcpReportView report() {
        return report;
    }

    public TcpConfig config() {
        return config;
    }

    public TcpState state() {
        return state;
    }

    /** The peer agreed to timestamps (RFC 7323): every segment but a RST carries one. */
    boolean timestampsOn() {
        return timestampsOn;
    }

    /** The peer agreed to SACK (RFC 2018): our ACKs carry blocks and loss recovery follows RFC 6675. */
    boolean sackOn() {
        return sackOn;
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

    public IpAddress remoteAddress() {
        return remote;
    }

    public IpAddress localAddress() {
        return local;
    }

    public int remotePort() {
        return remotePort;
    }

    /**
     * A router could not forward one of our segments without fragmenting it, and we set DF: see
     * {@link Sender#onFragmentationNeeded}. Returns true when the MSS changed.
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
        return sender.onFragmentationNeeded(nextHopMtu, quotedTotalLength, quotedSeq);
    }

    /** Ends the connection because the network said the peer cannot be reached (ICMP). */
    public void onUnreachable(String why) {
        if (state == TcpState.CLOSED) {
            return;
        }
        log.info("{}: {}", name(), why);
        fail(TcpFailure.UNREACHABLE);
    }

    // ---------------------------------------------------------------- arrivals

    /** Processes one segment addressed to this connection, already checksum-verified, options parsed. */
    public void onSegment(TcpSegment seg, TcpOptions opts, long now) {
        stats.segmentsIn++;
        stats.payloadBytesIn += seg.payloadLength();
        if (log.isDebugEnabled()) {
            log.debug("In  {}", TcpdumpNotation.segment(remote, local, seg, receiver.irsKnown(), receiver.irs(),
                    sender.iss()));
        }
        switch (state) {
            case CLOSED -> {
                // A late segment after we finished; the owner answers it, if at all.
                log.debug("{}: connection is closed; segment dropped", name());
            }
            case SYN_SENT -> onSegmentInSynSent(seg, opts, now);
            default -> onSegmentSynchronized(seg, opts, now);
        }
    }

    /** RFC 9293 §3.10.7.3. */
    private void onSegmentInSynSent(TcpSegment seg, TcpOptions opts, long now) {
        boolean hasAck = seg.has(TcpFlags.ACK);
        int iss = sender.iss();
        if (hasAck && (SeqNum.le(seg.ack(), iss) || SeqNum.gt(seg.ack(), sender.nextSequence()))) {
            // An ACK for something we never sent; answer a non-RST with a RST.
            log.info("{}: SYN-ACK acknowledges {} but we sent {}; resetting it", name(),
                    SeqNum.format(seg.ack() - iss), SeqNum.format(sender.nextSequence() - iss));
            if (!seg.has(TcpFlags.RST)) {
                writer.queueStrayReset(seg.ack());
            }
            return;
        }
        if (seg.has(TcpFlags.RST)) {
            if (hasAck) {
                fail(TcpFailure.REFUSED);
            } else {
                log.debug("{}: RST without ACK in SYN_SENT dropped (RFC 9293 §3.10.7.3)", name());
            }
            return;
        }
        if (!seg.has(TcpFlags.SYN)) {
            log.debug("{}: segment without SYN in SYN_SENT dropped", name());
            return;
        }
        if (!hasAck) {
            log.debug("{}: SYN without ACK (simultaneous open) ignored", name());
            return;
        }
        lastHeardAt = now;
        receiver.synchronize(seg.seq());
        negotiate(seg, opts);
        if (timestampsOn) {
            receiver.acceptSynTimestamp(opts.tsVal);
        }
        sender.acknowledge(seg.ack(), opts, now);
        setState(TcpState.ESTABLISHED);
        receiver.requestAck();
        if (seg.payloadLength() > 0 || seg.has(TcpFlags.FIN)) {
            receiveData(seg, now);
        }
    }

    private void negotiate(TcpSegment seg, TcpOptions opts) {
        boolean scaling = config.windowScaling() && opts.windowScale >= 0;
        if (!scaling && receiver.windowShift() != 0) {
            // Without the peer's agreement our window is not scaled; the buffer simply holds more than we offer.
            log.debug("{}: peer does not scale windows", name());
        }
        receiver.agreeWindowScaling(scaling);
        sackOn = config.sack() && opts.sackPermitted;
        timestampsOn = config.timestamps() && opts.hasTimestamp;
        sender.onSynAck(seg, opts, scaling);
        sender.startCongestionControl();
        log.info("{}: options agreed: mss {} (ours {}), wscale {}/{}, sack {}, timestamps {}", name(), sender.peerMss(),
                config.mss(), scaling ? sender.sendShift() : "off", scaling ? receiver.windowShift() : "off", sackOn,
                timestampsOn);
    }

    /** RFC 9293 §3.10.7.4, in its order: sequence number (with PAWS), RST, SYN, ACK, then the data and FIN. */
    private void onSegmentSynchronized(TcpSegment seg, TcpOptions opts, long now) {
        if (receiver.failsPaws(seg, opts)) {
            return;
        }
        if (!receiver.acceptable(seg)) {
            if (receiver.advertisedWindow() == 0 && !seg.has(TcpFlags.RST)) {
                // A zero-window probe: the peer is there, waiting for our window (a paced reader holds it shut
                // for as long as its rate needs), so the idle timeout must not count this as silence.
                lastHeardAt = now;
            }
            receiver.onUnacceptable(seg, now);
            return;
        }
        if (seg.has(TcpFlags.RST)) {
            onReset(seg, now);
            return;
        }
        if (seg.has(TcpFlags.SYN)) {
            // RFC 5961 §4.2: a SYN in a synchronized state gets a challenge ACK, never a reset.
            receiver.challengeAck(now, "SYN in " + state);
            return;
        }
        if (!seg.has(TcpFlags.ACK)) {
            return;
        }
        if (!sender.onAck(seg, opts, now)) {
            return;
        }
        lastHeardAt = now;
        receiver.rememberTimestamp(seg, opts);
        if (seg.payloadLength() > 0 || seg.has(TcpFlags.FIN)) {
            receiveData(seg, now);
        }
    }

    /** RFC 5961 §3.2: only a RST at exactly RCV.NXT resets; one elsewhere in the window is challenged. */
    private void onReset(TcpSegment seg, long now) {
        if (seg.seq() == receiver.rcvNxt()) {
            log.info("{}: reset by peer in {}", name(), state);
            // After the peer's FIN everything it sent has arrived: its RST only ends our half.
            fail(receiver.finReceived() ? null : TcpFailure.RESET);
            return;
        }
        receiver.challengeAck(now, "RST at seq " + SeqNum.format(seg.seq() - receiver.irs()) + ", expected "
                + SeqNum.format(receiver.rcvNxt() - receiver.irs()));
    }

    private void receiveData(TcpSegment seg, long now) {
        if (receiver.receive(seg, now)) {
            onFinReceived(now);
        }
    }

    private void onFinReceived(long now) {
        log.info("{}: FIN received after {} bytes", name(), receiver.finOffset());
        moveTo(state.afterFinReceived(), now);
    }

    /** The peer acknowledged our FIN. */
    void onFinAcked(long now) {
        moveTo(state.afterFinAcked(), now);
    }

    private void moveTo(TcpState next, long now) {
        if (next == TcpState.TIME_WAIT && state != TcpState.TIME_WAIT) {
            enterTimeWait(now);
        } else {
            setState(next);
        }
    }

    // ---------------------------------------------------------------- timers and transmission

    /** Runs due timers and sends whatever is due: SYN, data, FIN, ACKs, window updates, RST. */
    public void poll(long now, SegmentOutput out) {
        if (rstPending) {
            rstPending = false;
            writer.sendReset(sender.nextSequence(), out);
            return;
        }
        if (state == TcpState.CLOSED) {
            return;
        }
        if (state == TcpState.TIME_WAIT) {
            if (timeWait.isExpired(now)) {
                // The ACK of the FIN that brought us here may still be due (a TIME-WAIT of 0 ends in the
                // same poll): it leaves before the connection is gone, or the server never hears it.
                writer.transmit(now, out);
                setState(TcpState.CLOSED);
                return;
            }
        } else if (now - lastHeardAt >= timeoutNanos()) {
            log.info("{}: nothing from the peer for {} s; giving up", name(), timeoutNanos() / 1_000_000_000L);
            rstPending = state.isSynchronized();
            fail(TcpFailure.TIMED_OUT);
            if (rstPending) {
                rstPending = false;
                writer.sendReset(sender.nextSequence(), out);
            }
            return;
        }
        sender.onTimers(now, out);
        receiver.onTimers(now);
        writer.transmit(now, out);
        if (state.isSynchronized()) {
            windowLog.observe(now, sender.congestion().window(), sender.peerWindow(),
                    Math.max(receiver.advertisedWindow(), 0),
                    stats.peerZeroWindows, stats.zeroWindowEvents);
        }
    }

    /** The earliest time {@link #poll} has something to do; {@link #NEVER} when idle for good. */
    public long pollAt() {
        if (rstPending) {
            return 0;
        }
        if (state == TcpState.CLOSED) {
            return NEVER;
        }
        if (receiver.owesAck() || writer.hasSomethingToSend()) {
            return 0;
        }
        // TIME-WAIT ends on its own timer; otherwise the idle timeout counts from the peer's last segment.
        long at = state == TcpState.TIME_WAIT ? timeWait.deadline() : lastHeardAt + timeoutNanos();
        at = Timer.earliest(at, sender.retransmitDeadline());
        at = Timer.earliest(at, receiver.delayedAckDeadline());
        return Timer.earliest(at, sender.persistDeadline());
    }

    /** --connect-timeout ran out while the stack held the SYN for its next hop: it times out, having sent nothing. */
    public void connectTimedOut() {
        fail(TcpFailure.TIMED_OUT);
    }

    /** How long the peer may stay silent: until the handshake completes --connect-timeout's, then --read-timeout's. */
    private long timeoutNanos() {
        return state == TcpState.SYN_SENT ? config.connectTimeoutNanos() : config.idleTimeoutNanos();
    }

    // ---------------------------------------------------------------- state changes

    void onFinSent() {
        setState(state.afterFinSent());
    }

    private void enterTimeWait(long now) {
        setState(TcpState.TIME_WAIT);
        timeWait.arm(now + config.timeWaitNanos());
        sender.stopRetransmitTimer();
    }

    /** RFC 9293 §3.10.7.4: the peer resent its FIN in TIME-WAIT, so our ACK was lost: wait 2 MSL again. */
    void restartTimeWait(long now) {
        timeWait.arm(now + config.timeWaitNanos());
    }

    private void fail(TcpFailure why) {
        if (why != null && failure == null) {
            failure = why;
            log.info("{}: {}", name(), why.message());
        }
        sender.stopTimers();
        receiver.stop();
        setState(TcpState.CLOSED);
    }

    void setState(TcpState next) {
        if (next != state) {
            log.info("{}: {} -> {}", name(), state, next);
            state = next;
        }
    }

    /** The connection as log lines name it: {@code 198.18.0.1.40000 > 198.18.1.2.80}. */
    String name() {
        return writer.name();
    }

    SegmentWriter writer() {
        return writer;
    }

    /** Our timestamp clock: milliseconds, plus an offset so it reveals nothing of our uptime (IsnGenerator). */
    int tsClock(long now) {
        return (int) (now / 1_000_000L) + timestampOffset;
    }
}
