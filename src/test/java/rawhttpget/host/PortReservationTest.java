package rawhttpget.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** Binding on loopback only: nothing is sent anywhere. */
class PortReservationTest {
    private static final int LOOPBACK = 0x7f000001;

    @Test
    void holdsAnEphemeralPortThatNobodyElseCanBind() throws IOException {
        try (PortReservation reservation = PortReservation.reserve(LOOPBACK)) {
            assertThat(reservation.port()).isBetween(1024, 65535);
            for (boolean reuseAddress : new boolean[] {false, true}) {
                try (Socket other = new Socket()) {
                    other.setReuseAddress(reuseAddress);
                    assertThatThrownBy(() -> other.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                            reservation.port()))).isInstanceOf(BindException.class);
                }
            }
        }
    }

    @Test
    void givesThePortBackOnClose() throws IOException {
        int port;
        try (PortReservation reservation = PortReservation.reserve(LOOPBACK)) {
            port = reservation.port();
        }
        try (Socket other = new Socket()) {
            other.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(other.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void anAddressThatIsNotOursCannotBeReserved() {
        assertThatThrownBy(() -> PortReservation.reserve(0xC0000201)) // 192.0.2.1, TEST-NET-1
                .isInstanceOf(HostException.class)
                .hasMessageStartingWith("cannot reserve a local TCP port on 192.0.2.1: ");
    }

    @Test
    void reservesTheAskedPortOrSaysItIsTaken() throws IOException {
        int port;
        try (PortReservation any = PortReservation.reserve(LOOPBACK)) {
            port = any.port();
        }
        try (PortReservation asked = PortReservation.reserve(LOOPBACK, port)) {
            assertThat(asked.port()).isEqualTo(port);
            assertThatThrownBy(() -> PortReservation.reserve(LOOPBACK, port))
                    .isInstanceOf(HostException.class)
                    .hasMessageStartingWith("cannot use local port " + port + " on 127.0.0.1: ");
        }
    }
}
