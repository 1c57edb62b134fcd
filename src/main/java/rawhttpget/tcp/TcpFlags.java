package rawhttpget.tcp;

/** TCP header flag bits and their tcpdump spelling. */
public final class TcpFlags {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    private TcpFlags() {
    }

    /** tcpdump's notation: {@code S}, {@code S.}, {@code P.}, {@code F.}, {@code R}, {@code .} for a bare ACK. */
    public static String format(int flags) {
        StringBuilder s = new StringBuilder(6);
        if ((flags & SYN) != 0) {
            s.append('S');
        }
        if ((flags & FIN) != 0) {
            s.append('F');
        }
        if ((flags & PSH) != 0) {
            s.append('P');
        }
        if ((flags & RST) != 0) {
            s.append('R');
        }
        if ((flags & URG) != 0) {
            s.append('U');
        }
        if ((flags & ECE) != 0) {
            s.append('E');
        }
        if ((flags & CWR) != 0) {
            s.append('W');
        }
        if ((flags & ACK) != 0) {
            s.append('.');
        }
        return s.length() == 0 ? "none" : s.toString();
    }
}
