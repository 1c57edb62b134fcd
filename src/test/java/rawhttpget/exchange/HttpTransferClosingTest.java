package rawhttpget.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rawhttpget.tcp.TcpState;

/** When a transfer whose body is committed stops waiting for its connection to close. */
class HttpTransferClosingTest {

    @ParameterizedTest(name = "{0} after {1} ns: over {2}")
    @CsvSource({
            "CLOSED,      0,             true",
            // TIME-WAIT is ended by the connection's own --time-wait timer, however long that is.
            "TIME_WAIT,   0,             false",
            "TIME_WAIT,   3600000000000, false",
            // Waiting for the server's FIN or for the ACK of ours: one second, then the connection is aborted.
            "FIN_WAIT_2,  1000000000,    false",
            "FIN_WAIT_2,  1000000001,    true",
            "LAST_ACK,    0,             false",
            "LAST_ACK,    1000000001,    true",
            "CLOSE_WAIT,  1000000001,    true",
    })
    void closingIsOverAtClosedInTimeWaitOnlyByItsTimerElseAfterTheGrace(TcpState state, long closingFor,
                                                                         boolean over) {
        assertThat(HttpTransfer.closingOver(state, closingFor)).isEqualTo(over);
    }
}
