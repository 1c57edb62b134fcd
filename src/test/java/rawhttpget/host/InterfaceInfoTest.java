package rawhttpget.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterfaceInfoTest {
    @TempDir
    Path sys;

    private void fakeInterface(String name, String mac, int mtu, String flags, String operState, int type)
            throws IOException {
        Path dir = Files.createDirectories(sys.resolve(name));
        Files.writeString(dir.resolve("address"), mac + "\n");
        Files.writeString(dir.resolve("mtu"), mtu + "\n");
        Files.writeString(dir.resolve("flags"), flags + "\n");
        Files.writeString(dir.resolve("operstate"), operState + "\n");
        Files.writeString(dir.resolve("type"), type + "\n");
    }

    @Test
    void readsMacMtuStateAndTypeFromSysfs() throws IOException {
        fakeInterface("eth0", "02:fc:00:00:00:01", 1500, "0x1003", "up", 1);
        InterfaceInfo info = InterfaceInfo.readSysfs(sys, "eth0");
        assertThat(info).isEqualTo(new InterfaceInfo("eth0", 0x02fc00000001L, 0, 0, 1500, true, "up", 1));
        assertThat(info.macBytes()).containsExactly(0x02, 0xfc, 0, 0, 0, 1);
        assertThat(info.macText()).isEqualTo("02:fc:00:00:00:01");
    }

    @Test
    void aMissingInterfaceIsReportedByName() {
        assertThatThrownBy(() -> InterfaceInfo.readSysfs(sys, "eth9")).isInstanceOf(UnusableInterfaceException.class)
                .hasMessage("no such interface: eth9");
        assertThatThrownBy(() -> InterfaceInfo.readSysfs(sys, "../etc")).isInstanceOf(UnusableInterfaceException.class)
                .hasMessage("no such interface: ../etc");
        assertThatThrownBy(() -> InterfaceInfo.read("nosuch0")).isInstanceOf(UnusableInterfaceException.class)
                .hasMessage("no such interface: nosuch0");
    }

    @Test
    void aUsableInterfaceIsUpEthernetWithAnIpv4Address() {
        InterfaceInfo ok = new InterfaceInfo("eth0", 0x02fc00000001L, 0xC6120001, 24, 1500, true, "up", 1);
        assertThat(ok.requireUsable()).isSameAs(ok);
        assertThat(ok.isOnSubnet(0xC61200FE)).isTrue();
        assertThat(ok.isOnSubnet(0xC6120101)).isFalse();
    }

    @Test
    void explainsWhyAnInterfaceCannotBeUsed() {
        InterfaceInfo ok = new InterfaceInfo("eth0", 0x02fc00000001L, 0xC6120001, 24, 1500, true, "up", 1);
        assertThatThrownBy(() -> new InterfaceInfo("eth0", ok.mac(), ok.ipv4Address(), 24, 1500, false, "down", 1)
                .requireUsable()).isInstanceOf(UnusableInterfaceException.class)
                .hasMessage("interface eth0 is down (bring it up: ip link set eth0 up)");
        assertThatThrownBy(() -> new InterfaceInfo("eth0", ok.mac(), ok.ipv4Address(), 24, 1500, true,
                "lowerlayerdown", 1).requireUsable()).isInstanceOf(UnusableInterfaceException.class)
                .hasMessage("interface eth0 has no link (operstate lowerlayerdown)");
        assertThatThrownBy(() -> new InterfaceInfo("eth0", ok.mac(), 0, 0, 1500, true, "up", 1).requireUsable())
                .isInstanceOf(UnusableInterfaceException.class).hasMessage("interface eth0 has no IPv4 address");
        assertThatThrownBy(() -> new InterfaceInfo("ppp0", 0, 0xC6120001, 24, 1500, true, "unknown", 512)
                .requireUsable()).isInstanceOf(UnusableInterfaceException.class)
                .hasMessage("interface ppp0 is not an Ethernet interface (ARP hardware type 512)");
    }

    @Test
    void loopbackIsUsableThoughItHasNoMacAndNoArp() {
        InterfaceInfo lo = new InterfaceInfo("lo", 0, 0x7f000001, 8, 65536, true, "unknown", 772);
        assertThat(lo.requireUsable()).isSameAs(lo);
        assertThat(lo.isLoopback()).isTrue();
        assertThat(lo.isEthernet()).isFalse();
    }

    @Test
    void aTunDeviceIsUsableAsAnL3Link() {
        InterfaceInfo tun = new InterfaceInfo("tun0", 0, 0xC6120602, 24, 1500, true, "unknown", 65534);
        assertThat(tun.requireUsable()).isSameAs(tun);
        assertThat(tun.isL3()).isTrue();
    }

    @Test
    void virtualDevicesThatDoNotReportTheirLinkCountAsUp() {
        assertThat(new InterfaceInfo("tap0", 1, 1, 24, 1500, true, "unknown", 1).isUp()).isTrue();
    }

    @Test
    void readsTheLoopbackInterfaceFromTheKernel() {
        InterfaceInfo lo = InterfaceInfo.read("lo");
        assertThat(lo.ipv4Address()).isEqualTo(0x7f000001);
        assertThat(lo.prefixLength()).isEqualTo(8);
        assertThat(lo.isEthernet()).isFalse();
        assertThat(lo.adminUp()).isTrue();
    }

    @Test
    void readsTheCarrierSoALinkJustBroughtUpIsUsableWhileOperstateStillSaysDown() throws IOException {
        fakeInterface("veth0", "02:fc:00:00:00:01", 1500, "0x1003", "down", 1);
        Files.writeString(sys.resolve("veth0").resolve("carrier"), "1\n");
        InterfaceInfo info = InterfaceInfo.readSysfs(sys, "veth0");
        assertThat(info.carrier()).isEqualTo(LinkReadiness.Carrier.ON);
        assertThat(info.isUp()).isTrue();
        Files.writeString(sys.resolve("veth0").resolve("carrier"), "0\n");
        assertThat(InterfaceInfo.readSysfs(sys, "veth0").readiness()).isEqualTo(LinkReadiness.NO_LINK);
    }
}
