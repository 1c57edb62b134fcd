package rawhttpget.stack;

import rawhttpget.tcp.SegmentOutput;
import rawhttpget.tcp.TcpConnection;

/**
 * The stack's {@link SegmentOutput}: connections write their segments into the stack's transmit buffer, and the
 * stack frames each by the connection's family and sends it; --report's observer is told of what left.
 */
final class FramingOutput implements SegmentOutput {
    private final NetworkStack stack;
    private final byte[] tx;
    private final int tcpAt;
    private final SentSegmentView sent = new SentSegmentView();

    FramingOutput(NetworkStack stack, byte[] tx, int tcpAt) {
        this.stack = stack;
        this.tx = tx;
        this.tcpAt = tcpAt;
    }

    @Override
    public byte[] buffer() {
        return tx;
    }

    @Override
    public int tcpOffset() {
        return tcpAt;
    }

    @Override
    public void transmit(int sourceIp, int destinationIp, int tcpLength) {
        throw new UnsupportedOperationException("the stack's connections transmit by connection");
    }

    @Override
    public void transmit(TcpConnection from, int tcpLength) {
        if (stack.frame(from, tcpLength)) {
            stack.observeSent(sent, from, tcpLength);
        }
    }
}
