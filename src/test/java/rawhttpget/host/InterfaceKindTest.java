package rawhttpget.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which interfaces carry only frames a kernel on this machine built, read from a fake sysfs and driver names. */
class InterfaceKindTest {
    @TempDir
    Path sys;

    private final Map<String, String> drivers = new java.util.HashMap<>();
    private final Function<String, Optional<String>> driverOf = name -> Optional.ofNullable(drivers.get(name));

    private void device(String name, String driver, int type) throws IOException {
        Files.createDirectories(sys.resolve(name));
        Files.writeString(sys.resolve(name).resolve("type"), type + "\n");
        if (driver != null) {
            drivers.put(name, driver);
        }
    }

    private void port(String bridge, String port) throws IOException {
        Files.createDirectories(sys.resolve(bridge).resolve("brif").resolve(port));
    }

    private void lower(String upper, String lower) throws IOException {
        Files.createDirectories(sys.resolve(upper).resolve("lower_" + lower));
    }

    private InterfaceKind kind(String name) {
        return InterfaceKind.classify(sys, name, driverOf);
    }

    @Test
    void loopbackByItsHardwareType() throws IOException {
        device("lo", null, 772);
        assertThat(kind("lo")).isEqualTo(InterfaceKind.LOOPBACK);
    }

    @Test
    void tunAndRawIpDevicesAreL3() throws IOException {
        device("tun0", "tun", 65534);
        device("rmnet0", null, 519);
        assertThat(kind("tun0")).isEqualTo(InterfaceKind.L3);
        assertThat(kind("rmnet0")).isEqualTo(InterfaceKind.L3);
    }

    @Test
    void aVethIsLocalANicIsNot() throws IOException {
        device("veth0", "veth", 1);
        device("eth0", "e1000e", 1);
        device("mystery0", null, 1);
        assertThat(kind("veth0")).isEqualTo(InterfaceKind.LOCAL);
        assertThat(kind("eth0")).isEqualTo(InterfaceKind.WIRE);
        assertThat(kind("mystery0")).isEqualTo(InterfaceKind.WIRE);
        assertThat(kind("gone0")).isEqualTo(InterfaceKind.WIRE);
    }

    @Test
    void aBridgeIsLocalOnlyWhenEveryPortIs() throws IOException {
        device("br0", "bridge", 1);
        device("veth1", "veth", 1);
        device("veth2", "veth", 1);
        port("br0", "veth1");
        port("br0", "veth2");
        assertThat(kind("br0")).isEqualTo(InterfaceKind.LOCAL);

        device("eth0", "igb", 1);
        port("br0", "eth0");
        assertThat(kind("br0")).isEqualTo(InterfaceKind.WIRE);
    }

    @Test
    void aMacvlanIsLocalOnlyOnALocalLowerDevice() throws IOException {
        device("br0", "bridge", 1);
        device("veth1", "veth", 1);
        port("br0", "veth1");
        device("mv0", "macvlan", 1);
        lower("mv0", "br0");
        device("eth0", "igb", 1);
        device("mv1", "macvlan", 1);
        lower("mv1", "eth0");
        device("mv2", "macvlan", 1); // its lower device is in another namespace: not visible here

        assertThat(kind("mv0")).isEqualTo(InterfaceKind.LOCAL);
        assertThat(kind("mv1")).isEqualTo(InterfaceKind.WIRE);
        assertThat(kind("mv2")).isEqualTo(InterfaceKind.WIRE);
    }

    @Test
    void aCycleOfBridgesEndsAsWire() throws IOException {
        device("br0", "bridge", 1);
        device("br1", "bridge", 1);
        port("br0", "br1");
        port("br1", "br0");
        assertThat(kind("br0")).isEqualTo(InterfaceKind.WIRE);
    }

    @Test
    void readsThisMachinesLoopback() {
        assertThat(InterfaceKind.of("lo")).isEqualTo(InterfaceKind.LOOPBACK);
    }
}
