package rawhttpget.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The name of an interface's driver ("veth", "bridge", "macvlan", "e1000e"), read with the ethtool ioctl
 * ETHTOOL_GDRVINFO, the call {@code ethtool -i} makes. Virtual devices have no {@code device/driver} link in
 * sysfs, so this is where their kind shows. Needs no privilege.
 */
final class DriverName {
    private static final int ETHTOOL_GDRVINFO = 0x3;
    /** struct ethtool_drvinfo: u32 cmd, then char driver[32], ... 196 bytes in all. */
    private static final int DRVINFO_SIZE = 196;
    private static final int DRIVER_AT = 4;
    private static final int DRIVER_LENGTH = 32;
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final long SIOCETHTOOL = 0x8946;
    private static final int IFNAMSIZ = 16;
    private static final int IFREQ_SIZE = 40;

    private DriverName() {
    }

    /** The driver's name; empty where the interface has no driver information (lo) or it cannot be read. */
    static Optional<String> of(String interfaceName) {
        byte[] name = interfaceName.getBytes(StandardCharsets.US_ASCII);
        if (name.length == 0 || name.length >= IFNAMSIZ) {
            return Optional.empty();
        }
        int fd;
        try {
            Libc.bind();
            fd = Libc.socket(AF_INET, SOCK_DGRAM, 0);
        } catch (LinkageError | LastErrorException e) {
            return Optional.empty();
        }
        Memory info = new Memory(DRVINFO_SIZE);
        info.clear();
        info.setInt(0, ETHTOOL_GDRVINFO);
        Memory ifreq = new Memory(IFREQ_SIZE);
        ifreq.clear();
        ifreq.write(0, name, 0, name.length);
        ifreq.setPointer(IFNAMSIZ, info);
        try {
            Libc.ioctl(fd, SIOCETHTOOL, Pointer.nativeValue(ifreq));
        } catch (LastErrorException e) {
            return Optional.empty(); // EOPNOTSUPP for lo and tun, ENODEV when it is gone
        } finally {
            Reference.reachabilityFence(ifreq);
            Libc.close(fd);
        }
        byte[] driver = info.getByteArray(DRIVER_AT, DRIVER_LENGTH);
        int end = 0;
        while (end < driver.length && driver[end] != 0) {
            end++;
        }
        return end == 0 ? Optional.empty() : Optional.of(new String(driver, 0, end, StandardCharsets.US_ASCII));
    }
}
