package rawhttpget.tcp;

import rawhttpget.inet.NetworkBytes;
import rawhttpget.inet.IpAddress;
import rawhttpget.inet.Ipv4Address;

/**
 * A TCP segment as {@code tcpdump -n} prints it (checked against tcpdump 4.99.3 on the same frames), so a DEBUG
 * log can be read side by side with a capture:
 * <pre>
 * IP 198.18.1.2.40000 > 198.18.1.1.80: Flags [S], seq 2477924941, win 65535, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0
 * IP 198.18.1.1.80 > 198.18.1.2.40000: Flags [P.], seq 1:231, ack 108, win 64, options [nop,nop,TS val 5 ecr 1], length 230
 * IP 198.18.1.2.40000 > 198.18.1.1.80: Flags [.], ack 238, win 501, options [nop,nop,TS val 7 ecr 5,nop,nop,sack 1 {300:400}], length 0
 * </pre>
 * tcpdump's rules, which this follows: sequence and acknowledgement numbers are relative to each side's initial
 * sequence number in segments with ACK set, and absolute in those with SYN or without ACK (a SYN, a bare RST), as
 * tcpdump 4.99 prints them once it has seen the handshake; the sequence number appears
 * only when the segment has payload, SYN, FIN or RST; SACK edges are relative like the ACK field; the window is
 * the raw field, unscaled; options are read from the bytes in the order they were sent. What tcpdump adds after
 * {@code length} (its decoding of HTTP) is not ours to print.
 */
public final class TcpdumpNotation {
    private TcpdumpNotation() {
    }

    /**
     * @param relative  whether the conversation's initial sequence numbers are known (after the SYN-ACK)
     * @param senderIsn the initial sequence number of the side that sent {@code seg}
     * @param receiverIsn the other side's
     */
    public static String segment(int sourceIp, int destinationIp, TcpSegment seg, boolean relative, int senderIsn,
                                 int receiverIsn) {
        return segment("IP ", Ipv4Address.format(sourceIp), Ipv4Address.format(destinationIp), seg, relative, senderIsn,
                receiverIsn);
    }

    /** The same between addresses of either family: an IPv6 segment's line starts "IP6 ", as tcpdump's does. */
    public static String segment(IpAddress source, IpAddress destination, TcpSegment seg, boolean relative,
                                 int senderIsn, int receiverIsn) {
        return segment(source.isIpv6() ? "IP6 " : "IP ", source.toString(), destination.toString(), seg, relative,
                senderIsn, receiverIsn);
    }

    private static String segment(String family, String source, String destination, TcpSegment seg, boolean relative,
                                  int senderIsn, int receiverIsn) {
        int flags = seg.flags();
        boolean rel = relative && (flags & (TcpFlags.ACK | TcpFlags.SYN)) == TcpFlags.ACK;
        int seqBase = rel ? senderIsn : 0;
        int ackBase = rel ? receiverIsn : 0;
        int length = seg.payloadLength();
        StringBuilder s = new StringBuilder(160).append(family).append(source).append('.')
                .append(seg.sourcePort()).append(" > ").append(destination).append('.')
                .append(seg.destinationPort()).append(": Flags [").append(TcpFlags.format(flags)).append(']');
        if (length > 0 || (flags & (TcpFlags.SYN | TcpFlags.FIN | TcpFlags.RST)) != 0) {
            int seq = seg.seq() - seqBase;
            s.append(", seq ").append(Integer.toUnsignedString(seq));
            if (length > 0) {
                s.append(':').append(Integer.toUnsignedString(seq + length));
            }
        }
        if ((flags & TcpFlags.ACK) != 0) {
            s.append(", ack ").append(Integer.toUnsignedString(seg.ack() - ackBase));
        }
        s.append(", win ").append(seg.window());
        if ((flags & TcpFlags.URG) != 0) {
            s.append(", urg ").append(seg.urgentPointer());
        }
        if (seg.headerLength() > TcpSegment.MIN_HEADER_LENGTH) {
            s.append(", options [");
            int start = seg.payloadOffset() - seg.headerLength() + TcpSegment.MIN_HEADER_LENGTH;
            if (!options(s, seg.buffer(), start, seg.headerLength() - TcpSegment.MIN_HEADER_LENGTH, ackBase)) {
                // tcpdump stops the whole line at an option it cannot walk.
                return s.append("[bad opt]]").toString();
            }
            s.append(']');
        }
        return s.append(", length ").append(length).toString();
    }

    /**
     * Appends the options area in tcpdump's words, comma-separated; returns false at an option whose length byte
     * is missing, below 2, or runs past the area (tcpdump's "[bad opt]").
     */
    static boolean options(StringBuilder s, byte[] b, int off, int len, int sackBase) {
        TcpOptionWalker option = new TcpOptionWalker().reset(b, off, len);
        int end = option.end();
        boolean first = true;
        while (option.next()) {
            if (!first) {
                s.append(',');
            }
            first = false;
            int kind = option.kind();
            int optLen = option.length();
            int data = option.dataOffset();
            s.append(name(kind));
            // How many data bytes tcpdump reads for this kind; it flags a length that disagrees with "[len N]".
            int expected;
            switch (kind) {
                case TcpOptions.KIND_EOL, TcpOptions.KIND_NOP, TcpOptions.KIND_SACK_PERMITTED -> expected = 0;
                case TcpOptions.KIND_MSS -> {
                    expected = 2;
                    if (data + expected > end) {
                        return false;
                    }
                    s.append(' ').append(NetworkBytes.u16(b, data));
                }
                case TcpOptions.KIND_WINDOW_SCALE -> {
                    expected = 1;
                    if (data + expected > end) {
                        return false;
                    }
                    s.append(' ').append(b[data] & 0xFF);
                }
                case TcpOptions.KIND_TIMESTAMP -> {
                    expected = 8;
                    if (data + expected > end) {
                        return false;
                    }
                    s.append(" val ").append(Integer.toUnsignedString(NetworkBytes.i32(b, data)))
                            .append(" ecr ").append(Integer.toUnsignedString(NetworkBytes.i32(b, data + 4)));
                }
                case TcpOptions.KIND_SACK -> {
                    expected = optLen - 2;
                    if (expected % 8 != 0) {
                        s.append(" invalid sack");
                    } else {
                        s.append(' ').append(expected / 8).append(' ');
                        for (int k = data; k < data + expected; k += 8) {
                            s.append('{').append(Integer.toUnsignedString(NetworkBytes.i32(b, k) - sackBase)).append(':')
                                    .append(Integer.toUnsignedString(NetworkBytes.i32(b, k + 4) - sackBase)).append('}');
                        }
                    }
                }
                default -> {
                    // Options we do not speak: their bytes in hex, as tcpdump shows an option it has no decoder for.
                    expected = optLen - 2;
                    if (expected > 0) {
                        s.append(" 0x");
                        for (int k = data; k < data + expected; k++) {
                            s.append(Character.forDigit((b[k] >> 4) & 0xF, 16)).append(Character.forDigit(b[k] & 0xF, 16));
                        }
                    }
                }
            }
            int consumed = (data - option.start()) + expected;
            if (consumed != optLen) {
                s.append("[len ").append(optLen).append(']');
            }
            option.resumeAt(option.start() + consumed);
        }
        if (option.malformed() != null) {
            if (!first) {
                s.append(','); // tcpdump has already separated the option it then fails to walk
            }
            return false;
        }
        return true;
    }

    private static String name(int kind) {
        return switch (kind) {
            case 0 -> "eol";
            case 1 -> "nop";
            case 2 -> "mss";
            case 3 -> "wscale";
            case 4 -> "sackOK";
            case 5 -> "sack";
            case 6 -> "echo";
            case 7 -> "echoreply";
            case 8 -> "TS";
            case 11 -> "cc";
            case 12 -> "ccnew";
            case 13 -> "";
            case 19 -> "md5";
            case 20 -> "scps";
            case 28 -> "uto";
            case 29 -> "tcp-ao";
            case 30 -> "mptcp";
            case 34 -> "tfo";
            case 254 -> "exp";
            default -> "unknown-" + kind;
        };
    }
}
