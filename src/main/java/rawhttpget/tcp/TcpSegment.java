package rawhttpget.tcp;

import rawhttpget.inet.NetworkBytes;
import rawhttpget.ipv4.InternetChecksum;
import rawhttpget.ipv4.Ipv4Packet;

/**
 * A view over a TCP segment (RFC 9293 §3.1): {@link #wrap} checks the header length once; accessors read
 * fixed offsets. {@link #emitHeader} writes a header and {@link #fillChecksum} completes it once the
 * payload is in place.
 */
public final class TcpSegment {
    public static final int MIN_HEADER_LENGTH = 20;

    private byte[] buf;
    private int off;
    private int len;
    private int headerLength;

    /** Returns null when the header is usable, else why the segment is dropped. */
    public String wrap(byte[] buffer, int offset, int length) {
        if (length < MIN_HEADER_LENGTH) {
            return "tcp: " + length + " bytes, shorter than a header";
        }
        int dataOffset = ((buffer[offset + 12] & 0xFF) >>> 4) * 4;
        if (dataOffset < MIN_HEADER_LENGTH || dataOffset > length) {
            return "tcp: bad data offset " + dataOffset + " in " + length + " bytes";
        }
        this.buf = buffer;
        this.off = offset;
        this.len = length;
        this.headerLength = dataOffset;
        return null;
    }

    /** Verifies the checksum over the pseudo-header, header and payload. */
    public boolean checksumValid(int source, int destination) {
        long sum = InternetChecksum.pseudoHeader(source, destination, Ipv4Packet.PROTOCOL_TCP, len);
        return InternetChecksum.fold(InternetChecksum.add(sum, buf, off, len)) == 0xFFFF;
    }

    /** The same given the pseudo-header's whole running sum (an IPv6 packet's, {@code Ipv6Packet#pseudoHeaderSum}). */
    public boolean checksumValid(long pseudoHeaderSum) {
        return InternetChecksum.fold(InternetChecksum.add(pseudoHeaderSum, buf, off, len)) == 0xFFFF;
    }

    public int sourcePort() {
        return NetworkBytes.u16(buf, off);
    }

    public int destinationPort() {
        return NetworkBytes.u16(buf, off + 2);
    }

    public int seq() {
        return NetworkBytes.i32(buf, off + 4);
    }

    public int ack() {
        return NetworkBytes.i32(buf, off + 8);
    }

    public int headerLength() {
        return headerLength;
    }

    public int flags() {
        return buf[off + 13] & 0xFF;
    }

    public boolean has(int flag) {
        return (flags() & flag) != 0;
    }

    /** The window field as sent, before any scaling. */
    public int window() {
        return NetworkBytes.u16(buf, off + 14);
    }

    public int checksum() {
        return NetworkBytes.u16(buf, off + 16);
    }

    public int urgentPointer() {
        return NetworkBytes.u16(buf, off + 18);
    }

    /** Parses the options into {@code into}; returns null or why they are malformed. */
    public String parseOptions(TcpOptions into) {
        return into.parse(buf, off + MIN_HEADER_LENGTH, headerLength - MIN_HEADER_LENGTH);
    }

    public byte[] buffer() {
        return buf;
    }

    public int payloadOffset() {
        return off + headerLength;
    }

    public int payloadLength() {
        return len - headerLength;
    }

    /** Sequence space the segment occupies: payload plus one each for SYN and FIN. */
    public int sequenceLength() {
        return payloadLength() + (has(TcpFlags.SYN) ? 1 : 0) + (has(TcpFlags.FIN) ? 1 : 0);
    }

    /** Writes a header with options and a zero checksum; returns the offset where the payload goes. */
    public static int emitHeader(byte[] out, int offset, int sourcePort, int destinationPort, int seq, int ack,
                                 int flags, int window, TcpOptions options) {
        int optLen = options == null ? 0 : options.length();
        int hl = MIN_HEADER_LENGTH + optLen;
        out[offset] = (byte) (sourcePort >>> 8);
        out[offset + 1] = (byte) sourcePort;
        out[offset + 2] = (byte) (destinationPort >>> 8);
        out[offset + 3] = (byte) destinationPort;
        NetworkBytes.put32(out, offset + 4, seq);
        NetworkBytes.put32(out, offset + 8, ack);
        out[offset + 12] = (byte) ((hl / 4) << 4);
        out[offset + 13] = (byte) flags;
        out[offset + 14] = (byte) (window >>> 8);
        out[offset + 15] = (byte) window;
        out[offset + 16] = 0;
        out[offset + 17] = 0;
        out[offset + 18] = 0;
        out[offset + 19] = 0;
        if (optLen > 0) {
            options.emit(out, offset + MIN_HEADER_LENGTH);
        }
        return offset + hl;
    }

    /** Computes and stores the checksum of the segment at {@code offset} of {@code length} bytes. */
    public static void fillChecksum(byte[] out, int offset, int length, int source, int destination) {
        fillChecksum(out, offset, length, (source >>> 16) + (source & 0xFFFF) + (destination >>> 16)
                + (destination & 0xFFFF));
    }

    /**
     * The same for either family: {@code addressWords} is the sum of both addresses' 16-bit words
     * ({@code IpAddress#checksumWords}); the pseudo-header's protocol and length are added here (RFC 8200 §8.1
     * takes the same sum over a 32-bit length, whose upper half is 0 for a segment).
     */
    public static void fillChecksum(byte[] out, int offset, int length, long addressWords) {
        out[offset + 16] = 0;
        out[offset + 17] = 0;
        long sum = addressWords + Ipv4Packet.PROTOCOL_TCP + length;
        int c = InternetChecksum.finish(InternetChecksum.add(sum, out, offset, length));
        out[offset + 16] = (byte) (c >>> 8);
        out[offset + 17] = (byte) c;
    }

}
