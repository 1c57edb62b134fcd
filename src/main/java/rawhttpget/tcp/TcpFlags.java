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

    /**
     * tcpdump's letter for each bit, lowest first: tcpdump prints F S R P . U E W in that order (its
     * tcp_flag_values table), which is the order of the bits.
     */
    private static final String LETTERS = "FSRP.UEW";

    /**
     * tcpdump's notation: {@code S}, {@code S.}, {@code P.}, {@code F.}, {@code FP.}, {@code R}, {@code .} for a
     * bare ACK, {@code S.E} for an ECN-setup SYN-ACK, {@code none} for no flags.
     */
    public static String format(int flags) {
        StringBuilder s = new StringBuilder(8);
        for (int bit = 0; bit < 8; bit++) {
            if ((flags & (1 << bit)) != 0) {
                s.append(LETTERS.charAt(bit));
            }
        }
        return s.length() == 0 ? "none" : s.toString();
    }
}
