package rawhttpget.tcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static rawhttpget.tcp.TcpFlags.ACK;
import static rawhttpget.tcp.TcpFlags.CWR;
import static rawhttpget.tcp.TcpFlags.ECE;
import static rawhttpget.tcp.TcpFlags.FIN;
import static rawhttpget.tcp.TcpFlags.PSH;
import static rawhttpget.tcp.TcpFlags.RST;
import static rawhttpget.tcp.TcpFlags.SYN;
import static rawhttpget.tcp.TcpFlags.URG;

class TcpFlagsTest {

    @Test
    void hasTheBitValuesOfTheHeader() {
        assertThat(new int[] {FIN, SYN, RST, PSH, ACK, URG, ECE, CWR}).containsExactly(1, 2, 4, 8, 16, 32, 64, 128);
    }

    @Test
    void spellsTheEverydaySegmentsLikeTcpdump() {
        assertThat(TcpFlags.format(SYN)).isEqualTo("S");
        assertThat(TcpFlags.format(SYN | ACK)).isEqualTo("S.");
        assertThat(TcpFlags.format(ACK)).isEqualTo(".");
        assertThat(TcpFlags.format(PSH | ACK)).isEqualTo("P.");
        assertThat(TcpFlags.format(FIN | ACK)).isEqualTo("F.");
        assertThat(TcpFlags.format(FIN | PSH | ACK)).isEqualTo("FP.");
        assertThat(TcpFlags.format(RST)).isEqualTo("R");
        assertThat(TcpFlags.format(RST | ACK)).isEqualTo("R.");
        assertThat(TcpFlags.format(0)).isEqualTo("none");
    }

    @Test
    void spellsRarerCombinationsInTcpdumpsOrder() {
        // tcpdump (print-tcp.c, tcp_flag_values) prints F S R P . U E W in that order.
        assertThat(TcpFlags.format(SYN | ACK | ECE)).isEqualTo("S.E");
        assertThat(TcpFlags.format(SYN | ECE | CWR)).isEqualTo("SEW");
        assertThat(TcpFlags.format(ACK | URG)).isEqualTo(".U");
        assertThat(TcpFlags.format(PSH | ACK | CWR)).isEqualTo("P.W");
        assertThat(TcpFlags.format(FIN | SYN)).isEqualTo("FS");
        assertThat(TcpFlags.format(RST | PSH)).isEqualTo("RP");
        assertThat(TcpFlags.format(0xFF)).isEqualTo("FSRP.UEW");
    }

    @Test
    void spellsEveryCombinationOneLetterPerFlagInTcpdumpsOrder() {
        String[] letters = {"F", "S", "R", "P", ".", "U", "E", "W"};
        for (int flags = 1; flags < 256; flags++) {
            StringBuilder expected = new StringBuilder();
            for (int bit = 0; bit < 8; bit++) {
                if ((flags & (1 << bit)) != 0) {
                    expected.append(letters[bit]);
                }
            }
            assertThat(TcpFlags.format(flags)).as("flags 0x%02x", flags).isEqualTo(expected.toString());
        }
    }
}
