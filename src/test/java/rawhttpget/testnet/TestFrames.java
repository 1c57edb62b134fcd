package rawhttpget.testnet;

import java.nio.ByteBuffer;

/**
 * Just enough frame building and reading for tests of the host link: ARP requests and bare TCP segments,
 * written by hand here so these tests do not depend on the stack's codecs, which they would then share
 * bugs with.
 */
public final class TestFrames {
    public static final int ARP_REQUEST = 1;
    public static final int ARP_REPLY = 2;
    public static final int TCP_RST = 0x04;
    public static final int TCP_ACK = 0x10;

    private TestFrames() {
    }

    public static byte[] arpRequest(byte[] senderMac, int senderIp, int targetIp) {
        ByteBuffer f = ByteBuffer.allocate(42);
        f.put(new byte[] {-1, -1, -1, -1, -1, -1}).put(senderMac).putShort((short) 0x0806);
        f.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) ARP_REQUEST);
        f.put(senderMac).putInt(senderIp).put(new byte[6]).putInt(targetIp);
        return f.array();
    }

    public static boolean isArp(byte[] frame, int off) {
        return (frame[off + 12] & 0xff) == 0x08 && (frame[off + 13] & 0xff) == 0x06;
    }

    public static int arpOperation(byte[] frame, int off) {
        return ByteBuffer.wrap(frame, off + 20, 2).getShort() & 0xffff;
    }

    public static int arpSenderIp(byte[] frame, int off) {
        return ByteBuffer.wrap(frame, off + 28, 4).getInt();
    }

    public static byte[] arpSenderMac(byte[] frame, int off) {
        byte[] mac = new byte[6];
        System.arraycopy(frame, off + 22, mac, 0, 6);
        return mac;
    }

    public static byte[] sourceMac(byte[] frame, int off) {
        byte[] mac = new byte[6];
        System.arraycopy(frame, off + 6, mac, 0, 6);
        return mac;
    }

    /** A 20-byte TCP header without payload inside IPv4 inside Ethernet, checksums filled in. */
    public static byte[] tcpSegment(byte[] srcMac, byte[] dstMac, int srcIp, int srcPort, int dstIp, int dstPort,
            long seq, long ack, int flags) {
        ByteBuffer f = ByteBuffer.allocate(14 + 20 + 20);
        f.put(dstMac).put(srcMac).putShort((short) 0x0800);
        f.put((byte) 0x45).put((byte) 0).putShort((short) 40).putShort((short) 0x1234).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).putInt(srcIp).putInt(dstIp);
        f.putShort(24, checksum(f.array(), 14, 20, 0));
        f.position(34);
        f.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack)
                .put((byte) 0x50).put((byte) flags).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
        long pseudo = (srcIp >>> 16) + (srcIp & 0xffff) + (dstIp >>> 16) + (dstIp & 0xffff) + 6 + 20;
        f.putShort(34 + 16, checksum(f.array(), 34, 20, pseudo));
        return f.array();
    }

    public static boolean isTcp(byte[] frame, int off) {
        return (frame[off + 12] & 0xff) == 0x08 && frame[off + 13] == 0 && frame[off + 23] == 6;
    }

    public static int tcpFlags(byte[] frame, int off) {
        int ipHeader = (frame[off + 14] & 0x0f) * 4;
        return frame[off + 14 + ipHeader + 13] & 0xff;
    }

    public static int tcpSourcePort(byte[] frame, int off) {
        int ipHeader = (frame[off + 14] & 0x0f) * 4;
        return ByteBuffer.wrap(frame, off + 14 + ipHeader, 2).getShort() & 0xffff;
    }

    private static short checksum(byte[] bytes, int off, int len, long initial) {
        long sum = initial;
        for (int i = 0; i < len; i += 2) {
            sum += (bytes[off + i] & 0xff) << 8 | (i + 1 < len ? bytes[off + i + 1] & 0xff : 0);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }

    public static byte[] parseMac(String text) {
        String[] parts = text.split(":");
        byte[] mac = new byte[6];
        for (int i = 0; i < 6; i++) {
            mac[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return mac;
    }
}
