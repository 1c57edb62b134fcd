package rawhttpget.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rawhttpget.host.LinkReadiness.Carrier;

class LinkReadinessTest {
    @ParameterizedTest(name = "up={0} carrier={1} operstate={2}: {3}")
    @CsvSource({
            // Carrier on: usable whatever operstate says (it lags "ip link set up" by a second or two).
            "true,  ON,      up,             USABLE",
            "true,  ON,      down,           USABLE",
            "true,  ON,      unknown,        USABLE",
            "true,  ON,      dormant,        USABLE",
            // No carrier: wait, whatever operstate says.
            "true,  OFF,     down,           NO_LINK",
            "true,  OFF,     lowerlayerdown, NO_LINK",
            "true,  OFF,     up,             NO_LINK",
            "true,  OFF,     unknown,        NO_LINK",
            // Carrier unreadable: operstate decides; virtual devices without link detection say "unknown".
            "true,  UNKNOWN, up,             USABLE",
            "true,  UNKNOWN, unknown,        USABLE",
            "true,  UNKNOWN, down,           NO_LINK",
            "true,  UNKNOWN, lowerlayerdown, NO_LINK",
            // IFF_UP not set: down, whatever else sysfs says.
            "false, ON,      up,             ADMIN_DOWN",
            "false, OFF,     down,           ADMIN_DOWN",
            "false, UNKNOWN, down,           ADMIN_DOWN",
    })
    void carrierDecidesOnceTheInterfaceIsUp(boolean adminUp, Carrier carrier, String operState,
                                            LinkReadiness expected) {
        assertThat(LinkReadiness.of(adminUp, carrier, operState)).isEqualTo(expected);
    }
}
