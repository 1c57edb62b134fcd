package rawhttpget.testing;

import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IllegalRawDataException;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Conversions between our long/int addresses and Pcap4J's objects, for tests that use Pcap4J as an oracle. */
public final class Pcap4jValues {
    private Pcap4jValues() {
    }

    public static org.pcap4j.util.MacAddress mac(long bits) {
        byte[] b = new byte[6];
        for (int i = 5; i >= 0; i--) {
            b[i] = (byte) bits;
            bits >>>= 8;
        }
        return org.pcap4j.util.MacAddress.getByAddress(b);
    }

    public static long bits(org.pcap4j.util.MacAddress mac) {
        long v = 0;
        for (byte x : mac.getAddress()) {
            v = (v << 8) | (x & 0xFF);
        }
        return v;
    }

    public static Inet4Address inet(int bits) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {
                    (byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    public static int bits(InetAddress address) {
        byte[] b = address.getAddress();
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    /** Pcap4J's reading of a whole Ethernet frame. */
    public static EthernetPacket parseFrame(byte[] frame, int offset, int length) {
        try {
            return EthernetPacket.newPacket(frame, offset, length);
        } catch (IllegalRawDataException e) {
            throw new AssertionError("Pcap4J cannot parse the frame", e);
        }
    }

    public static EthernetPacket parseFrame(byte[] frame) {
        return parseFrame(frame, 0, frame.length);
    }
}
