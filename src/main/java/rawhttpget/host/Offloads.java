package rawhttpget.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Which offloads an interface has on, read with the ethtool ioctl (the same call {@code ethtool -k}
 * makes; sysfs does not expose them). Read-only: we report, the user decides. Reading needs no privilege.
 *
 * <p>Why it matters: with GRO or LRO on, the capture sees "super-frames" of up to 64 KiB that the NIC or
 * kernel glued together, larger than the MTU (65 226 bytes seen on a veth with GRO on). libpcap's Linux
 * code then sizes its ring slots for the snapshot length rather than the MTU, so the same buffer holds far
 * fewer frames (read in its source, not measured). With checksum offload, frames may carry partial
 * checksums.
 */
public final class Offloads {

    /** A feature and the ethtool "get" command that reads it (linux/ethtool.h). */
    public enum Feature {
        RX_CHECKSUM(0x14, 0),
        TX_CHECKSUM(0x16, 0),
        TSO(0x1e, 0),
        GSO(0x23, 0),
        GRO(0x2b, 0),
        /** Read from the ETHTOOL_GFLAGS word: ETH_FLAG_LRO. */
        LRO(0x25, 1 << 15);

        final int command;
        final int flagBit;

        Feature(int command, int flagBit) {
            this.command = command;
            this.flagBit = flagBit;
        }
    }

    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final long SIOCETHTOOL = 0x8946;
    private static final int IFNAMSIZ = 16;
    private static final int IFREQ_SIZE = 40; // struct ifreq on 64-bit Linux: name[16] + 24-byte union
    private static final int EOPNOTSUPP = 95;
    private static final int ENODEV = 19;

    private final String interfaceName;
    private final Map<Feature, Boolean> known;

    private Offloads(String interfaceName, Map<Feature, Boolean> known) {
        this.interfaceName = interfaceName;
        this.known = known;
    }

    /** Reads every feature; those the driver does not report stay unknown. */
    public static Offloads read(String interfaceName) {
        byte[] name = interfaceName.getBytes(StandardCharsets.US_ASCII);
        if (name.length == 0 || name.length >= IFNAMSIZ) {
            throw new HostException("no such interface: " + interfaceName);
        }
        try {
            Libc.bind();
        } catch (LinkageError e) {
            throw new HostException("cannot read offload settings of " + interfaceName + ": " + e.getMessage(), e);
        }
        int fd;
        try {
            fd = Libc.socket(AF_INET, SOCK_DGRAM, 0);
        } catch (LastErrorException e) {
            throw new HostException("cannot read offload settings of " + interfaceName + ": socket: "
                    + e.getMessage(), e);
        }
        try {
            Map<Feature, Boolean> known = new EnumMap<>(Feature.class);
            for (Feature feature : Feature.values()) {
                readFeature(fd, name, interfaceName, feature).ifPresent(on -> known.put(feature, on));
            }
            return new Offloads(interfaceName, known);
        } finally {
            Libc.close(fd);
        }
    }

    private static Optional<Boolean> readFeature(int fd, byte[] name, String interfaceName,
            Feature feature) {
        Memory value = new Memory(8); // struct ethtool_value { u32 cmd; u32 data; }
        value.setInt(0, feature.command);
        value.setInt(4, 0);
        Memory ifreq = new Memory(IFREQ_SIZE);
        ifreq.clear();
        ifreq.write(0, name, 0, name.length);
        ifreq.setPointer(IFNAMSIZ, value);
        try {
            Libc.ioctl(fd, SIOCETHTOOL, Pointer.nativeValue(ifreq));
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ENODEV) {
                throw new HostException("no such interface: " + interfaceName);
            }
            if (e.getErrorCode() == EOPNOTSUPP) {
                return Optional.empty();
            }
            throw new HostException("cannot read " + feature + " of " + interfaceName + ": " + e.getMessage(), e);
        } finally {
            Reference.reachabilityFence(ifreq); // passed by address: it must outlive the call
        }
        int data = value.getInt(4);
        return Optional.of(feature.flagBit == 0 ? data != 0 : (data & feature.flagBit) != 0);
    }

    public String interfaceName() {
        return interfaceName;
    }

    /** On, off, or empty when the driver does not say. */
    public Optional<Boolean> isOn(Feature feature) {
        return Optional.ofNullable(known.get(feature));
    }

    /** Whether received frames may be larger than the MTU because GRO or LRO glued them together. */
    public boolean coalescesReceivedFrames() {
        return isOn(Feature.GRO).orElse(false) || isOn(Feature.LRO).orElse(false);
    }

    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", interfaceName + ": ", "");
        for (Feature feature : Feature.values()) {
            text.add(feature.name().toLowerCase().replace('_', '-') + " "
                    + isOn(feature).map(on -> on ? "on" : "off").orElse("unknown"));
        }
        return text.toString();
    }
}
