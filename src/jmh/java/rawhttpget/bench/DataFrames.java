package rawhttpget.bench;

import java.util.Random;
import rawhttpget.ethernet.EthernetFrame;
import rawhttpget.ipv4.Ipv4Packet;
import rawhttpget.tcp.TcpFlags;
import rawhttpget.tcp.TcpOptions;
import rawhttpget.tcp.TcpSegment;

/** Full-sized data frames as a Linux sender puts them on a 1500-byte Ethernet: timestamps, 1448-byte payload. */
final class DataFrames {
    static final int SERVER = 0xC6120101; // 198.18.1.1
    static final int CLIENT = 0xC6120102; // 198.18.1.2
    static final long SERVER_MAC = 0x02_00_00_00_00_01L;
    static final long CLIENT_MAC = 0x02_00_00_00_00_02L;
    static final int PAYLOAD = 1448;
    static final int TCP_AT = EthernetFrame.HEADER_LENGTH + Ipv4Packet.MIN_HEADER_LENGTH;
    static final int FRAME = TCP_AT + 32 + PAYLOAD;

    private DataFrames() {
    }

    /** One frame carrying random bytes at sequence number {@code seq}, every checksum valid. */
    static byte[] frame(int seq, long randomSeed) {
        byte[] f = new byte[FRAME];
        EthernetFrame.emitHeader(f, 0, CLIENT_MAC, SERVER_MAC, EthernetFrame.TYPE_IPV4);
        Ipv4Packet.emitHeader(f, EthernetFrame.HEADER_LENGTH, SERVER, CLIENT, Ipv4Packet.PROTOCOL_TCP, 32 + PAYLOAD,
                0x1234, 64);
        TcpOptions options = new TcpOptions();
        options.hasTimestamp = true;
        options.tsVal = 0x01020304;
        options.tsEcr = 0x05060708;
        int payloadAt = TcpSegment.emitHeader(f, TCP_AT, 80, 40000, seq, 1, TcpFlags.ACK, 501, options);
        byte[] payload = new byte[PAYLOAD];
        new Random(randomSeed).nextBytes(payload);
        System.arraycopy(payload, 0, f, payloadAt, PAYLOAD);
        TcpSegment.fillChecksum(f, TCP_AT, FRAME - TCP_AT, SERVER, CLIENT);
        return f;
    }
}
