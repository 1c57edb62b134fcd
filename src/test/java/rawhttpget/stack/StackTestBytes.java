package rawhttpget.stack;

import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.inet.NetworkBytes;
import rawhttpget.ipv4.Ipv4Packet;
import rawhttpget.tcp.TcpConnection;

import java.io.ByteArrayOutputStream;

/** Bytes the stack tests build and read back: a recognisable payload, what a connection delivered, a sent seq. */
final class StackTestBytes {
    private StackTestBytes() {
    }

    /** {@code length} bytes of a pattern that repeats only every 256, so a misplaced byte shows. */
    static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    /** Everything the connection has for the application, read as the CLI reads it. */
    static byte[] drain(TcpConnection c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.drainTo((b, off, len) -> {
            out.write(b, off, len);
            return len;
        });
        return out.toByteArray();
    }

    /** The sequence number of a frame we sent (Ethernet, a 20-byte IPv4 header, TCP). */
    static int sequenceOf(byte[] frame) {
        return NetworkBytes.i32(frame, EthernetFrame.HEADER_LENGTH + Ipv4Packet.MIN_HEADER_LENGTH + 4);
    }
}
