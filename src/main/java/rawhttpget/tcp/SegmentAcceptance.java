package rawhttpget.tcp;

/**
 * The acceptance test of RFC 9293 §3.10.7.4, as its table states it, and nothing else: a pure function of
 * RCV.NXT, RCV.WND, SEG.SEQ and SEG.LEN, so each of the table's four rows can be checked on its own. PAWS,
 * RST and SYN handling come after it and are the {@link Receiver}'s and the connection's.
 *
 * <pre>
 * SEG.LEN  RCV.WND  test
 *    0        0     SEG.SEQ = RCV.NXT
 *    0       >0     RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND
 *   >0        0     not acceptable
 *   >0       >0     RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND
 *                   or RCV.NXT =< SEG.SEQ+SEG.LEN-1 < RCV.NXT+RCV.WND
 * </pre>
 */
final class SegmentAcceptance {
    private SegmentAcceptance() {
    }

    /**
     * @param rcvNxt the next sequence number expected
     * @param rcvWnd the receive window in bytes (not a window field: already scaled), never negative
     * @param segSeq the segment's first sequence number
     * @param segLen the sequence space it occupies: payload, plus one each for SYN and FIN
     */
    static boolean acceptable(int rcvNxt, long rcvWnd, int segSeq, int segLen) {
        if (segLen == 0) {
            return rcvWnd == 0 ? segSeq == rcvNxt : inWindow(segSeq, rcvNxt, rcvWnd);
        }
        if (rcvWnd == 0) {
            return false;
        }
        return inWindow(segSeq, rcvNxt, rcvWnd) || inWindow(segSeq + segLen - 1, rcvNxt, rcvWnd);
    }

    /** {@code left =< seq < left + wnd} modulo 2^32; a window can exceed what an int holds once scaled. */
    private static boolean inWindow(int seq, int left, long wnd) {
        return Integer.toUnsignedLong(seq - left) < wnd;
    }
}
