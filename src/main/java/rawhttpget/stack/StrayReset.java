package rawhttpget.stack;

import org.slf4j.Logger;
import rawhttpget.tcp.TcpFlags;
import rawhttpget.tcp.TcpSegment;
import rawhttpget.tcp.TcpdumpNotation;

/** RFC 9293 §3.10.7.1: the RST that answers a segment for no connection (own-address mode only). */
final class StrayReset {
    private StrayReset() {
    }

    /**
     * Writes the reset for {@code stray} at {@code at} of {@code tx} and returns its TCP length; says it at DEBUG
     * on {@code log} when not null.
     */
    static int emit(byte[] tx, int at, TcpSegment stray, int localIp, int remoteIp, Logger log) {
        boolean hasAck = stray.has(TcpFlags.ACK);
        int seq = hasAck ? stray.ack() : 0;
        int ack = stray.seq() + stray.sequenceLength();
        int flags = hasAck ? TcpFlags.RST : TcpFlags.RST | TcpFlags.ACK;
        int end = TcpSegment.emitHeader(tx, at, stray.destinationPort(), stray.sourcePort(), seq, hasAck ? 0 : ack, flags,
                0, null);
        TcpSegment.fillChecksum(tx, at, end - at, localIp, remoteIp);
        if (log != null) {
            TcpSegment sent = new TcpSegment();
            sent.wrap(tx, at, end - at);
            log.debug("Out {}", TcpdumpNotation.segment(localIp, remoteIp, sent, false, 0, 0));
        }
        return end - at;
    }
}
