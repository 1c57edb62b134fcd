package rawhttpget.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The two settings without which the kernel drops every frame we put on {@code lo}: it routes a packet that
 * arrives on an interface without a destination already attached, as ours do (the kernel's own loopback traffic
 * carries the route it left with), and such a packet to 127.0.0.0/8 is a "martian destination" unless
 * {@code net.ipv4.conf.lo.route_localnet} is 1, and one from an address of this host a "martian source" unless
 * {@code accept_local} is 1. Both widen only what arrives on lo, which only this host (as root, through a packet
 * socket) can put there. Host-address mode sets them for the run, as it adds its firewall rule, and puts back what
 * it changed at the end.
 */
public final class LoopbackRouting implements AutoCloseable {
    static final Path CONF = Path.of("/proc/sys/net/ipv4/conf");
    private static final List<String> SETTINGS = List.of("route_localnet", "accept_local");

    private final Path dir;
    private final List<String> changed;

    private LoopbackRouting(Path dir, List<String> changed) {
        this.dir = dir;
        this.changed = changed;
    }

    /** Sets each setting of {@code interfaceName} that is 0 to 1; {@link #close} sets those back to 0. */
    public static LoopbackRouting enable(String interfaceName) {
        return enable(CONF, interfaceName);
    }

    static LoopbackRouting enable(Path conf, String interfaceName) {
        Path dir = conf.resolve(interfaceName);
        List<String> changed = new ArrayList<>();
        try {
            for (String setting : SETTINGS) {
                if (read(dir, setting).equals("0")) {
                    write(dir, setting, "1");
                    changed.add(setting);
                }
            }
        } catch (HostException e) {
            new LoopbackRouting(dir, changed).close();
            throw e;
        }
        return new LoopbackRouting(dir, List.copyOf(changed));
    }

    /** The settings of {@code interfaceName} still 0 ("net.ipv4.conf.lo.route_localnet=1 ..."), or "" when none. */
    public static String missing(String interfaceName) {
        return missing(CONF, interfaceName);
    }

    static String missing(Path conf, String interfaceName) {
        List<String> missing = new ArrayList<>();
        for (String setting : SETTINGS) {
            if (read(conf.resolve(interfaceName), setting).equals("0")) {
                missing.add("net.ipv4.conf." + interfaceName + "." + setting + "=1");
            }
        }
        return String.join(" ", missing);
    }

    /** For the log: "set net.ipv4.conf.lo.route_localnet=1 accept_local=1 for the run", or "" when none was 0. */
    public String describe() {
        return changed.isEmpty() ? "" : "set net.ipv4.conf." + dir.getFileName() + "." + String.join("=1 ", changed)
                + "=1 for the run";
    }

    @Override
    public void close() {
        for (String setting : changed) {
            try {
                write(dir, setting, "0");
            } catch (HostException e) {
                // Nothing better to do at the run's end; the setting only widens what lo itself delivers.
            }
        }
    }

    private static String read(Path dir, String setting) {
        try {
            return Files.readString(dir.resolve(setting)).strip();
        } catch (IOException e) {
            throw new HostException("cannot read " + dir.resolve(setting) + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path dir, String setting, String value) {
        try {
            Files.writeString(dir.resolve(setting), value + "\n");
        } catch (IOException e) {
            throw new HostException("cannot write " + dir.resolve(setting) + ": " + e.getMessage(), e);
        }
    }
}
