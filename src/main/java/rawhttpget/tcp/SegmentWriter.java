package rawhttpget.tcp;

/**
 * Turns a {@link TcpConnection}'s segments into bytes and hands them to the stack. What the sender sends (SYN,
 * data, retransmissions, FIN, probes) its {@link SendPath} decides; the ACKs and window updates the
 * {@link Receiver} asks for, and stray resets, are decided here. Every segment gets its options and the
 * advertised window (the receiver's) in {@link #emit}.
 */
final class SegmentWriter {
    private final TcpConnection c;
    private final TcpOptions options = new TcpOptions();
    /** A view over the segment just written, for its DEBUG line. */
    private final TcpSegment logged = new TcpSegment();
    private final String name;
    private boolean strayResetPending;
    private int strayResetSeq;

    SegmentWriter(TcpConnection c) {
        this.c = c;
        this.name = c.local + "." + c.localPort + " > " + c.remote + "." + c.remotePort;
    }

    String name() {
        return name;
    }

    void queueStrayReset(int seq) {
        strayResetPending = true;
        strayResetSeq = seq;
    }

    /** True when {@link #transmit} would send something right now. */
    boolean hasSomethingToSend() {
        return strayResetPending || c.sender.hasSomethingToSend()
                || c.state().isSynchronized() && c.receiver.windowUpdateDue();
    }

    void transmit(long now, SegmentOutput out) {
        if (strayResetPending) {
            strayResetPending = false;
            sendReset(strayResetSeq, out);
        }
        c.sender.transmit(now, out);
        if (!c.state().isSynchronized()) {
            return;
        }
        if (c.receiver.ackDue()) {
            c.stats.pureAcksSent++;
            emit(TcpFlags.ACK, c.sender.nextSequence(), 0, 0, now, out);
        }
    }

    void sendReset(int seq, SegmentOutput out) {
        emit(TcpFlags.RST, seq, 0, 0, -1, out);
    }

    /** Writes one segment into the lent buffer and hands it to the stack. {@code now} < 0: no timestamp. */
    void emit(int flags, int seq, long dataOffset, int length, long now, SegmentOutput out) {
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
                options.tsVal = c.tsClock(now);
            }
            if (c.config.windowScaling()) {
                options.windowScale = c.receiver.windowShift();
            }
            window = c.receiver.synWindow();
        } else {
            if (c.timestampsOn() && (flags & TcpFlags.RST) == 0) {
                options.hasTimestamp = true;
                options.tsVal = c.tsClock(Math.max(now, 0));
                options.tsEcr = c.receiver.tsRecent();
            }
            if (c.sackOn() && ack) {
                c.receiver.addSackBlocks(options);
            }
            window = (flags & TcpFlags.RST) != 0 ? 0 : c.receiver.windowField();
        }
        int ackNumber = ack ? c.receiver.rcvNxt() : 0;
        int payloadAt = TcpSegment.emitHeader(b, at, c.localPort, c.remotePort, seq, ackNumber, flags, window, options);
        if (length > 0) {
            c.sender.buffer().copy(dataOffset, b, payloadAt, length);
        }
        int tcpLength = payloadAt - at + length;
        TcpSegment.fillChecksum(b, at, tcpLength, c.addressWords);
        if (TcpConnection.log.isDebugEnabled()) {
            logged.wrap(b, at, tcpLength);
            TcpConnection.log.debug("Out {}", TcpdumpNotation.segment(c.local, c.remote, logged, c.receiver.irsKnown(),
                    c.sender.iss(), c.receiver.irs()));
        }
        out.transmit(c, tcpLength);
        c.stats.segmentsOut++;
        c.stats.payloadBytesOut += length;
        if (ack) {
            c.receiver.onAckSent();
        }
    }
}
