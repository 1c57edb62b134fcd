package rawhttpget.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Ipv4TextTest {

    @Test
    void formatsAndParsesDottedQuads() {
        assertThat(Ipv4Text.parse("198.18.0.1")).isEqualTo(0xC6120001);
        assertThat(Ipv4Text.format(0xC6120001)).isEqualTo("198.18.0.1");
        assertThat(Ipv4Text.format(0xFFFFFFFF)).isEqualTo("255.255.255.255");
    }

    @Test
    void rejectsWhatIsNotADottedQuad() {
        for (String bad : new String[] {"198.18.0", "198.18.0.256", "198.18..1", "a.b.c.d", "1.2.3.4.5", "-1.2.3.4"}) {
            assertThatThrownBy(() -> Ipv4Text.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void buildsNetmasksFromPrefixLengths() {
        assertThat(Ipv4Text.netmask(0)).isZero();
        assertThat(Ipv4Text.netmask(24)).isEqualTo(0xFFFFFF00);
        assertThat(Ipv4Text.netmask(32)).isEqualTo(0xFFFFFFFF);
    }
}
