package rawhttpget.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lo's two routing settings: set for the run where they were 0, and only those put back. */
class LoopbackRoutingTest {
    @TempDir
    Path conf;

    private void settings(String routeLocalnet, String acceptLocal) throws IOException {
        Files.createDirectories(conf.resolve("lo"));
        Files.writeString(conf.resolve("lo/route_localnet"), routeLocalnet + "\n");
        Files.writeString(conf.resolve("lo/accept_local"), acceptLocal + "\n");
    }

    private String value(String setting) throws IOException {
        return Files.readString(conf.resolve("lo").resolve(setting));
    }

    @Test
    void setsBothForTheRunAndPutsThemBack() throws IOException {
        settings("0", "0");
        assertThat(LoopbackRouting.missing(conf, "lo"))
                .isEqualTo("net.ipv4.conf.lo.route_localnet=1 net.ipv4.conf.lo.accept_local=1");

        LoopbackRouting routing = LoopbackRouting.enable(conf, "lo");
        assertThat(value("route_localnet")).isEqualTo("1\n");
        assertThat(value("accept_local")).isEqualTo("1\n");
        assertThat(routing.describe()).isEqualTo("set net.ipv4.conf.lo.route_localnet=1 accept_local=1 for the run");
        assertThat(LoopbackRouting.missing(conf, "lo")).isEmpty();

        routing.close();
        assertThat(value("route_localnet")).isEqualTo("0\n");
        assertThat(value("accept_local")).isEqualTo("0\n");
    }

    @Test
    void leavesAloneWhatTheUserHadSet() throws IOException {
        settings("1", "0");

        LoopbackRouting routing = LoopbackRouting.enable(conf, "lo");
        assertThat(routing.describe()).isEqualTo("set net.ipv4.conf.lo.accept_local=1 for the run");
        routing.close();

        assertThat(value("route_localnet")).isEqualTo("1\n");
        assertThat(value("accept_local")).isEqualTo("0\n");
    }

    @Test
    void changesNothingWhenBothAreSet() throws IOException {
        settings("1", "1");
        LoopbackRouting routing = LoopbackRouting.enable(conf, "lo");
        assertThat(routing.describe()).isEmpty();
        routing.close();
        assertThat(value("route_localnet")).isEqualTo("1\n");
        assertThat(value("accept_local")).isEqualTo("1\n");
    }
}
